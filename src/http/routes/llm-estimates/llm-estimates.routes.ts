import { createRoute } from '@hono/zod-openapi';
import { DEFAULT_BODY_LIMIT_BYTES, type RouteLimits } from '../../route-limits.js';
import { errors } from '../../schemas/common.js';
import { LlmEstimateRequestSchema, LlmEstimateSchema } from '../../schemas/llm.js';

export const estimateLlmLimits: RouteLimits = { bodyLimitBytes: DEFAULT_BODY_LIMIT_BYTES };

export const estimateLlmRoute = createRoute({
  method: 'post',
  path: '/v1/estimates/llm',
  tags: ['Estimates'],
  operationId: 'estimateLlm',
  summary: 'Estimate LLM calls',
  description:
    'CO2e, energy and water of `requests` calls to a hosted language model (or an open-weight model on your own ' +
    "servers, `self-hosted`), per EcoLogits' published method (release 0.9.1): GPU energy per output token from the " +
    "model's active parameters, the number of H100 GPUs from its total parameters, the server's share, the " +
    "provider's PUE, and the embodied share of the generation time. Parameter ranges of unpublished models give " +
    'the range; the central figures are the mean of the lowest and highest runs. Input tokens are echoed, not ' +
    'counted (methodology `empreinte-llm` 1, GET /methodology).',
  request: {
    body: { required: true, content: { 'application/json': { schema: LlmEstimateRequestSchema } } },
  },
  responses: {
    200: { description: 'The estimate.', content: { 'application/json': { schema: LlmEstimateSchema } } },
    ...errors(400, 413, 415, 422, 429, 503),
  },
});
