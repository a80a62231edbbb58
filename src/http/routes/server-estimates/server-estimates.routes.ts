import { createRoute } from '@hono/zod-openapi';
import { DEFAULT_BODY_LIMIT_BYTES, type RouteLimits } from '../../route-limits.js';
import { errors } from '../../schemas/common.js';
import { ServerEstimateRequestSchema, ServerEstimateSchema } from '../../schemas/server.js';

export const estimateServerLimits: RouteLimits = { bodyLimitBytes: DEFAULT_BODY_LIMIT_BYTES };

export const estimateServerRoute = createRoute({
  method: 'post',
  path: '/v1/estimates/server',
  tags: ['Estimates'],
  operationId: 'estimateServer',
  summary: 'Estimate a server',
  description:
    'CO2e, energy and water of `count` servers (an instance type, or `hardware`) in a provider region over ' +
    '`duration_hours`, at an average CPU `utilization`, as whole-server wall power on one basis: a SPECpower ' +
    'profile (fitted from the TDP for CPUs without SPECpower results) plus the memory above its reference. The ' +
    'range spans the other basis, the TDP curve with all memory and an estimated rest of the server ' +
    '(`breakdown.other_basis`). Operational emissions use the region PUE and the grid intensity `grid_source` ' +
    'chooses; embodied emissions the host share over its lifespan. Every factor used is listed with its range ' +
    'and source (methodology `empreinte-server` 3, GET /methodology).',
  request: {
    body: { required: true, content: { 'application/json': { schema: ServerEstimateRequestSchema } } },
  },
  responses: {
    200: {
      description: 'The estimate.',
      content: { 'application/json': { schema: ServerEstimateSchema } },
    },
    ...errors(400, 413, 415, 422, 429, 503),
  },
});
