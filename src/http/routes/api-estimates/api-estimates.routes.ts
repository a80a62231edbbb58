import { createRoute } from '@hono/zod-openapi';
import { DEFAULT_BODY_LIMIT_BYTES, type RouteLimits } from '../../route-limits.js';
import { ApiEstimateRequestSchema, ApiEstimateSchema } from '../../schemas/api.js';
import { errors } from '../../schemas/common.js';

export const estimateApiLimits: RouteLimits = { bodyLimitBytes: DEFAULT_BODY_LIMIT_BYTES };

export const estimateApiRoute = createRoute({
  method: 'post',
  path: '/v1/estimates/api',
  tags: ['Estimates'],
  operationId: 'estimateApi',
  summary: 'Estimate API requests',
  description:
    'Footprint of one API request (Software Carbon Intensity with R = one request) and of `requests` of them. ' +
    'Resources mode (`sci.basis: "busy-time"`, an SCI component and a lower bound): the CPU milliseconds, ' +
    'optional `memory_mb` and bytes one request uses on a provider region, at the whole-server power per vCPU of ' +
    'the server model (an instance type or `hardware` sets the CPU power and host; else provider defaults). ' +
    'Allocation mode (a body with `server`, `sci.basis: "allocation"`): a server estimate\'s footprint shared by ' +
    'the requests it served. Bytes add the SWD v4 network segment (methodology `empreinte-api` 3, GET /methodology).',
  request: {
    body: { required: true, content: { 'application/json': { schema: ApiEstimateRequestSchema } } },
  },
  responses: {
    200: { description: 'The estimate.', content: { 'application/json': { schema: ApiEstimateSchema } } },
    ...errors(400, 413, 415, 422, 429, 503),
  },
});
