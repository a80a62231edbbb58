import { createRoute } from '@hono/zod-openapi';
import { BATCH_MAX_ITEMS } from '../../../services/batch-estimate.js';
import { MIB, type RouteLimits } from '../../route-limits.js';
import { schemaBounds } from '../../schema-bounds.js';
import { errors } from '../../schemas/common.js';
import {
  BatchApiItemSchema,
  BatchEstimateRequestSchema,
  BatchEstimateSchema,
  BatchLlmItemSchema,
  BatchManagedDatabaseItemSchema,
  BatchNetworkItemSchema,
  BatchServerItemSchema,
  BatchStorageItemSchema,
  BatchWebsiteItemSchema,
} from './batch-estimates.schemas.js';

/** Items per rate-limit token: a batch costs `ceil(items / 10)` tokens. */
export const BATCH_ITEMS_PER_TOKEN = 10;

const batchTokens = (items: number) => Math.ceil(items / BATCH_ITEMS_PER_TOKEN);

// Items are validated one by one (the schema says `unknown`): a valid item is at most as deep,
// and holds at most as many values, as the largest kind of item.
const itemBounds = [
  BatchServerItemSchema,
  BatchApiItemSchema,
  BatchWebsiteItemSchema,
  BatchStorageItemSchema,
  BatchNetworkItemSchema,
  BatchManagedDatabaseItemSchema,
  BatchLlmItemSchema,
].map(schemaBounds);

export const estimateBatchLimits: RouteLimits<{ items: unknown[] }> = {
  bodyLimitBytes: 2 * MIB,
  tokens: (body) => batchTokens(body.items.length),
  // A body the shape guard refuses costs as a batch of the items it counted (1,001 at most).
  refusedTokens: batchTokens,
  // `{items: [item], grid_source}`
  maxDepth: 2 + Math.max(...itemBounds.map((b) => b.depth)),
  maxItems: BATCH_MAX_ITEMS,
  maxValues: 3 + BATCH_MAX_ITEMS * Math.max(...itemBounds.map((b) => b.values)),
};

export const estimateBatchRoute = createRoute({
  method: 'post',
  path: '/v1/estimates/batch',
  tags: ['Estimates'],
  operationId: 'estimateBatch',
  summary: 'Estimate an inventory (batch)',
  description:
    'An inventory of 1 to 1000 server, API, website, storage, network, managed database and LLM items, each `{type, id?, …}` with the fields of that ' +
    'estimate, answered in one call: one result per item in request order, `status: "ok"` with its estimate ' +
    '(equal to its own route’s answer) or `status: "error"` with the problem its own route would answer ' +
    '(400 with paths relative to the item, or 422). One bad item never fails the others. `total` and ' +
    '`by_type` add up the items answered ok (a website item counts its `total` when `page_views` is given, ' +
    'else one view); `errors` counts the others; `warnings` says when items mix CPU power bases. `grid_source` ' +
    'is the default of the server and API items that set none. A body that is not `{items: [1..1000]}` is a 400.',
  request: {
    body: { required: true, content: { 'application/json': { schema: BatchEstimateRequestSchema } } },
  },
  responses: {
    200: {
      description: 'Per-item results and totals.',
      content: { 'application/json': { schema: BatchEstimateSchema } },
    },
    ...errors(400, 413, 415, 429, 503),
  },
});
