import { createRoute } from '@hono/zod-openapi';
import { DEFAULT_BODY_LIMIT_BYTES, type RouteLimits } from '../../route-limits.js';
import { NetworkEstimateRequestSchema, NetworkEstimateSchema } from '../../schemas/beyond-vms.js';
import { errors } from '../../schemas/common.js';

export const estimateNetworkLimits: RouteLimits = { bodyLimitBytes: DEFAULT_BODY_LIMIT_BYTES };

export const estimateNetworkRoute = createRoute({
  method: 'post',
  path: '/v1/estimates/network',
  tags: ['Estimates'],
  operationId: 'estimateNetwork',
  summary: 'Estimate network egress',
  description:
    "CO2e, energy and water of data transferred out of a provider region (exactly one of `gb` and `bytes`; `destination` internet, inter-region or intra-region): the cloud's network segment only, at Cloud Carbon Footprint's 0.001 kWh per GB, times the region's PUE and grid intensity. Delivery to end users is counted by the website and API estimates, so a report using both counts no segment twice (methodology `empreinte-network` 1, GET /methodology).",
  request: {
    body: { required: true, content: { 'application/json': { schema: NetworkEstimateRequestSchema } } },
  },
  responses: {
    200: {
      description: 'The estimate.',
      content: { 'application/json': { schema: NetworkEstimateSchema } },
    },
    ...errors(400, 413, 415, 422, 429, 503),
  },
});
