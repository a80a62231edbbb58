import { createRoute } from '@hono/zod-openapi';
import { schemaDepth } from '../../json-shape.js';
import { MIB, type RouteLimits } from '../../route-limits.js';
import { errors } from '../../schemas/common.js';
import {
  BatchApiItemSchema,
  BatchEstimateRequestSchema,
  BatchEstimateSchema,
  BatchServerItemSchema,
  BatchWebsiteItemSchema,
} from './batch-estimates.schemas.js';

/** Items per rate-limit token: a batch costs `ceil(items / 10)` tokens. */
export const BATCH_ITEMS_PER_TOKEN = 10;

export const estimateBatchLimits: RouteLimits<{ items: unknown[] }> = {
  bodyLimitBytes: 2 * MIB,
  tokens: (body) => Math.ceil(body.items.length / BATCH_ITEMS_PER_TOKEN),
  // `{items: [item]}`: items are validated one by one (the schema says `unknown`), at most as
  // deep as the deepest kind of item.
  maxDepth:
    2 + Math.max(...[BatchServerItemSchema, BatchApiItemSchema, BatchWebsiteItemSchema].map(schemaDepth)),
};

export const estimateBatchRoute = createRoute({
  method: 'post',
  path: '/v1/estimates/batch',
  tags: ['Estimates'],
  operationId: 'estimateBatch',
  summary: 'Estimate an inventory (batch)',
  description:
    'An inventory of 1 to 1000 server, API and website items, each `{type, id?, …}` with the fields of that ' +
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
