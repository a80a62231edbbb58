import { createRoute } from '@hono/zod-openapi';
import { DEFAULT_BODY_LIMIT_BYTES, type RouteLimits } from '../../route-limits.js';
import { DatabaseEstimateRequestSchema, DatabaseEstimateSchema } from '../../schemas/beyond-vms.js';
import { errors } from '../../schemas/common.js';

export const estimateManagedDatabaseLimits: RouteLimits = { bodyLimitBytes: DEFAULT_BODY_LIMIT_BYTES };

export const estimateManagedDatabaseRoute = createRoute({
  method: 'post',
  path: '/v1/estimates/managed-database',
  tags: ['Estimates'],
  operationId: 'estimateManagedDatabase',
  summary: 'Estimate a managed database',
  description:
    "CO2e, energy and water of a managed database over `duration_hours`: a `plan` of the provider (GET /v1/providers/{provider}/database-plans) or an `instance_type` with its `engine`. Its nodes (the plan's, plus one standby per node with `high_availability` when the plan includes none) are estimated as servers, on the same power basis as server estimates; its data (`storage_gb`, default the plan's) is stored once per node on the plan's storage service (its replication factor, its medium). The breakdown gives each part (methodology `empreinte-managed-database` 1, GET /methodology).",
  request: {
    body: { required: true, content: { 'application/json': { schema: DatabaseEstimateRequestSchema } } },
  },
  responses: {
    200: {
      description: 'The estimate.',
      content: { 'application/json': { schema: DatabaseEstimateSchema } },
    },
    ...errors(400, 413, 415, 422, 429, 503),
  },
});
