import { createRoute } from '@hono/zod-openapi';
import { DEFAULT_BODY_LIMIT_BYTES, type RouteLimits } from '../../route-limits.js';
import { StorageEstimateRequestSchema, StorageEstimateSchema } from '../../schemas/beyond-vms.js';
import { errors } from '../../schemas/common.js';

export const estimateStorageLimits: RouteLimits = { bodyLimitBytes: DEFAULT_BODY_LIMIT_BYTES };

export const estimateStorageRoute = createRoute({
  method: 'post',
  path: '/v1/estimates/storage',
  tags: ['Estimates'],
  operationId: 'estimateStorage',
  summary: 'Estimate stored data',
  description:
    "CO2e, energy and water of `size_gb` stored for `duration_hours` on a provider's storage service (a block volume, an object bucket, a file share, an archive tier) in a region: the TB held on drives (size × the service's replication factor) at the medium's power per TB (SSD or HDD, Cloud Carbon Footprint's coefficients), times the region's PUE and grid intensity. Embodied emissions of the drives are not counted (warning). Every factor used is listed with its range and source (methodology `empreinte-storage` 1, GET /methodology).",
  request: {
    body: { required: true, content: { 'application/json': { schema: StorageEstimateRequestSchema } } },
  },
  responses: {
    200: {
      description: 'The estimate.',
      content: { 'application/json': { schema: StorageEstimateSchema } },
    },
    ...errors(400, 413, 415, 422, 429, 503),
  },
});
