import type { RouteHandler, z } from '@hono/zod-openapi';
import {
  BATCH_ITEM_TYPES,
  type BatchItemEstimate,
  type BatchItemRequest,
  type BatchItemType,
  batchTotals,
  batchWarnings,
  estimateBatchItem,
  type FootprintTotal,
  withGridSource,
} from '../../../services/batch-estimate.js';
import { type FieldIssue, UnknownReferenceError } from '../../../services/errors.js';
import { type AppDeps, catalogOf } from '../../deps.js';
import { problems } from '../../problem.js';
import { parseApiEstimateRequest } from '../../schemas/api.js';
import {
  DatabaseEstimateRequestSchema,
  NetworkEstimateRequestSchema,
  StorageEstimateRequestSchema,
} from '../../schemas/beyond-vms.js';
import { LlmEstimateRequestSchema } from '../../schemas/llm.js';
import { ServerEstimateRequestSchema } from '../../schemas/server.js';
import { WebsiteEstimateRequestSchema } from '../../schemas/website.js';
import { issuesFromZod } from '../../validation.js';
import type { estimateBatchRoute } from './batch-estimates.routes.js';
import { BATCH_ID_MAX_LENGTH, type BatchEstimateSchema } from './batch-estimates.schemas.js';

type BatchResult = z.infer<typeof BatchEstimateSchema>['items'][number];

/** The request schema of each item type but `api` (parsed in the mode it chose). */
const ITEM_SCHEMAS = {
  server: ServerEstimateRequestSchema,
  website: WebsiteEstimateRequestSchema,
  storage: StorageEstimateRequestSchema,
  network: NetworkEstimateRequestSchema,
  managed_database: DatabaseEstimateRequestSchema,
  llm: LlmEstimateRequestSchema,
} as const;

const TYPE_LIST = BATCH_ITEM_TYPES.map((t) => `'${t}'`).join(', ');

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isItemType = (v: unknown): v is BatchItemType =>
  typeof v === 'string' && (BATCH_ITEM_TYPES as readonly string[]).includes(v);

/** An item checked on its own: `type` and `id` belong to the batch, the rest to its estimate. */
type ParsedItem =
  | { id: string | null; success: true; item: BatchItemRequest }
  | { id: string | null; type: BatchItemType | null; success: false; issues: FieldIssue[] };

/**
 * Validates one batch item: its `id`, its `type`, then (without `type` and `id`) its body with
 * that type's strict request schema, API items in the mode they chose. Paths are relative to the
 * item. Never throws: a bad item is answered in place.
 */
export function parseBatchItem(raw: unknown): ParsedItem {
  if (!isObject(raw)) {
    return {
      id: null,
      type: null,
      success: false,
      issues: [
        { path: 'item', message: `Expected an object with a 'type' (${BATCH_ITEM_TYPES.join(', ')}).` },
      ],
    };
  }
  const { type, id: rawId, ...body } = raw;
  const issues: FieldIssue[] = [];
  let id: string | null = null;
  if (typeof rawId === 'string' && rawId.length >= 1 && rawId.length <= BATCH_ID_MAX_LENGTH) id = rawId;
  else if (rawId !== undefined)
    issues.push({ path: 'id', message: `Expected a string of 1 to ${BATCH_ID_MAX_LENGTH} characters.` });
  if (!isItemType(type)) {
    issues.push({
      path: 'type',
      message:
        type === undefined
          ? `Required: one of ${TYPE_LIST}.`
          : `Expected one of ${TYPE_LIST}, received ${JSON.stringify(type)}.`,
    });
    return { id, type: null, success: false, issues };
  }

  let item: BatchItemRequest | undefined;
  if (type === 'api') {
    const parsed = parseApiEstimateRequest(body);
    if (parsed.success) item = { type, request: parsed.data };
    else issues.push(...parsed.issues);
  } else {
    const parsed = ITEM_SCHEMAS[type].safeParse(body);
    if (parsed.success) item = { type, request: parsed.data } as BatchItemRequest;
    else issues.push(...issuesFromZod(parsed.error.issues));
  }
  if (issues.length || !item) return { id, type, success: false, issues };
  return { id, success: true, item };
}

export function batchEstimateHandlers(deps: AppDeps) {
  const estimate: RouteHandler<typeof estimateBatchRoute> = async (c) => {
    const { items, grid_source } = c.req.valid('json');
    const catalog = await catalogOf(deps);
    const results: BatchResult[] = [];
    const counted: { type: BatchItemType | null; estimate?: FootprintTotal }[] = [];
    const done: BatchItemEstimate[] = [];
    let errors = 0;
    for (const raw of items) {
      const parsed = parseBatchItem(raw);
      if (!parsed.success) {
        errors += 1;
        results.push({
          id: parsed.id,
          type: parsed.type,
          status: 'error',
          error: problems.validation(parsed.issues),
        });
        counted.push({ type: parsed.type });
        continue;
      }
      const { id, item } = parsed;
      try {
        const answered = estimateBatchItem(catalog, withGridSource(item, grid_source));
        results.push({ id, type: answered.type, status: 'ok', estimate: answered.estimate } as BatchResult);
        counted.push(answered);
        done.push(answered);
      } catch (error) {
        if (!(error instanceof UnknownReferenceError)) throw error;
        errors += 1;
        results.push({
          id,
          type: item.type,
          status: 'error',
          error: problems.unknownReference(error.issues),
        });
        counted.push({ type: item.type });
      }
    }
    return c.json({ items: results, ...batchTotals(counted), errors, warnings: batchWarnings(done) }, 200);
  };
  return { estimate };
}
