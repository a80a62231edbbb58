import type { Catalog } from '../factors/catalog.js';
import { addToTotal, emptyTotal, type FootprintTotal } from '../models/inventory.js';
import { type ApiEstimate, type ApiEstimateRequest, estimateApi } from './api-estimate.js';
import {
  type DatabaseEstimate,
  type DatabaseEstimateRequest,
  estimateDatabase,
} from './database-estimate.js';
import { estimateLlm, type LlmEstimate, type LlmEstimateRequest } from './llm-estimate.js';
import { mixedBasisWarning } from './mixed-warnings.js';
import { estimateNetwork, type NetworkEstimate, type NetworkEstimateRequest } from './network-estimate.js';
import type { GridSource } from './placement.js';
import { estimateServer, type ServerEstimate, type ServerEstimateRequest } from './server-estimate.js';
import { estimateStorage, type StorageEstimate, type StorageEstimateRequest } from './storage-estimate.js';
import { estimateWebsite, type WebsiteEstimate, type WebsiteEstimateRequest } from './website-estimate.js';

export type { FootprintTotal };

/** Item types of `POST /v1/estimates/batch`, in the order `by_type` lists them. */
export const BATCH_ITEM_TYPES = [
  'server',
  'api',
  'website',
  'storage',
  'network',
  'managed_database',
  'llm',
] as const;
export type BatchItemType = (typeof BATCH_ITEM_TYPES)[number];

/** At most this many items per batch (docs/methodology.md, "Batch"). */
export const BATCH_MAX_ITEMS = 1000;

/** A batch item whose body passed its type's validation (`type` and `id` already taken out). */
export type BatchItemRequest =
  | { type: 'server'; request: ServerEstimateRequest }
  | { type: 'api'; request: ApiEstimateRequest }
  | { type: 'website'; request: WebsiteEstimateRequest }
  | { type: 'storage'; request: StorageEstimateRequest }
  | { type: 'network'; request: NetworkEstimateRequest }
  | { type: 'managed_database'; request: DatabaseEstimateRequest }
  | { type: 'llm'; request: LlmEstimateRequest };

export type BatchItemEstimate =
  | { type: 'server'; estimate: ServerEstimate }
  | { type: 'api'; estimate: ApiEstimate }
  | { type: 'website'; estimate: WebsiteEstimate }
  | { type: 'storage'; estimate: StorageEstimate }
  | { type: 'network'; estimate: NetworkEstimate }
  | { type: 'managed_database'; estimate: DatabaseEstimate }
  | { type: 'llm'; estimate: LlmEstimate };

/**
 * Estimates one batch item exactly as its own route would. Unknown names throw
 * UnknownReferenceError with paths relative to the item (`region`, `server.region`).
 */
export function estimateBatchItem(catalog: Catalog, item: BatchItemRequest): BatchItemEstimate {
  switch (item.type) {
    case 'server':
      return { type: 'server', estimate: estimateServer(catalog, item.request) };
    case 'api':
      return { type: 'api', estimate: estimateApi(catalog, item.request) };
    case 'website':
      return { type: 'website', estimate: estimateWebsite(catalog, item.request) };
    case 'storage':
      return { type: 'storage', estimate: estimateStorage(catalog, item.request) };
    case 'network':
      return { type: 'network', estimate: estimateNetwork(catalog, item.request) };
    case 'managed_database':
      return { type: 'managed_database', estimate: estimateDatabase(catalog, item.request) };
    case 'llm':
      return { type: 'llm', estimate: estimateLlm(catalog, item.request) };
  }
}

/**
 * The item with the batch's `grid_source` where it sets none of its own (server items, API items
 * in resources mode, and the `server` of API items in allocation mode; websites have no grid source).
 */
export function withGridSource(item: BatchItemRequest, gridSource: GridSource | undefined): BatchItemRequest {
  if (gridSource === undefined || item.type === 'website' || item.type === 'llm') return item;
  if (item.type === 'server')
    return { type: 'server', request: { grid_source: gridSource, ...stripUndefined(item.request) } };
  if (item.type === 'storage')
    return { type: 'storage', request: { grid_source: gridSource, ...stripUndefined(item.request) } };
  if (item.type === 'network')
    return { type: 'network', request: { grid_source: gridSource, ...stripUndefined(item.request) } };
  if (item.type === 'managed_database')
    return {
      type: 'managed_database',
      request: { grid_source: gridSource, ...stripUndefined(item.request) },
    };
  const request = item.request;
  if ('server' in request) {
    return {
      type: 'api',
      request: { ...request, server: { grid_source: gridSource, ...stripUndefined(request.server) } },
    };
  }
  return { type: 'api', request: { grid_source: gridSource, ...stripUndefined(request) } };
}

/** A copy without the keys whose value is undefined (so a spread does not erase a default). */
function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The batch's warnings: items that mix CPU power bases. */
export function batchWarnings(estimates: readonly BatchItemEstimate[]): string[] {
  const w = mixedBasisWarning(
    estimates.map((e) => e.estimate),
    'items',
  );
  return w ? [w] : [];
}

/**
 * `total` over the estimated items and `by_type` for every item type present in the batch
 * (a type whose items all failed totals 0). An estimate's top-level figures count: a website
 * item's are its `total` when it gives `page_views`, else one view.
 */
export function batchTotals(items: readonly { type: BatchItemType | null; estimate?: FootprintTotal }[]): {
  total: FootprintTotal;
  by_type: Partial<Record<BatchItemType, FootprintTotal>>;
} {
  const total = emptyTotal();
  const perType = new Map<BatchItemType, FootprintTotal>();
  for (const item of items) {
    if (item.type === null) continue;
    let typeTotal = perType.get(item.type);
    if (!typeTotal) {
      typeTotal = emptyTotal();
      perType.set(item.type, typeTotal);
    }
    if (item.estimate) {
      addToTotal(total, item.estimate);
      addToTotal(typeTotal, item.estimate);
    }
  }
  const by_type: Partial<Record<BatchItemType, FootprintTotal>> = {};
  for (const type of BATCH_ITEM_TYPES) {
    const t = perType.get(type);
    if (t) by_type[type] = t;
  }
  return { total, by_type };
}
