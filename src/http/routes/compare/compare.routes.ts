import { createRoute } from '@hono/zod-openapi';
import { DEFAULT_BODY_LIMIT_BYTES, type RouteLimits } from '../../route-limits.js';
import { errors } from '../../schemas/common.js';
import { CompareRequestSchema, ComparisonSchema } from './compare.schemas.js';

/** 50 candidates take ~8 KiB. */
export const compareLimits: RouteLimits = { bodyLimitBytes: DEFAULT_BODY_LIMIT_BYTES };

export const compareRoute = createRoute({
  method: 'post',
  path: '/v1/compare',
  tags: ['Estimates'],
  operationId: 'compare',
  summary: 'Compare placements of a workload',
  description:
    'One workload (`kind: "server"` or `"api"`) placed on 2 to 50 candidate provider/region/instance choices, ' +
    'for example before and after a migration. Each result is the direct estimate of that placement, with ' +
    '`delta_co2e_g` and `delta_pct` against the first candidate; `ranking` lists candidate indexes, lowest ' +
    'co2e_g first. A candidate’s `instance_type` replaces the workload’s `instance_type`/`hardware`. A candidate ' +
    'that cannot be estimated makes the whole request a 422 naming `candidates[i]`. `warnings` says when ' +
    'candidates mix CPU power bases or grid publishers (`grid_source: "country"` compares like with like).',
  request: {
    body: { required: true, content: { 'application/json': { schema: CompareRequestSchema } } },
  },
  responses: {
    200: { description: 'The comparison.', content: { 'application/json': { schema: ComparisonSchema } } },
    ...errors(400, 413, 415, 422, 429, 503),
  },
});
