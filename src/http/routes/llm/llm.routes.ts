import { createRoute } from '@hono/zod-openapi';
import { listOf } from '../../schemas/catalog.js';
import { errors } from '../../schemas/common.js';
import { LlmModelSchema, LlmProviderSchema } from '../../schemas/llm.js';

export const listLlmModelsRoute = createRoute({
  method: 'get',
  path: '/v1/llm/models',
  tags: ['Catalog'],
  operationId: 'listLlmModels',
  summary: 'List language models',
  description:
    "Every model of EcoLogits' registry (release 0.9.1) the API knows, per provider: total and active " +
    'parameters (billions, as ranges), `published` for open-weight model cards or `estimated` for unpublished ' +
    'architectures, and whether it can be `self-hosted`.',
  responses: {
    200: {
      description: 'The models.',
      content: { 'application/json': { schema: listOf(LlmModelSchema, 'LlmModelList') } },
    },
    ...errors(429, 503),
  },
});

export const listLlmProvidersRoute = createRoute({
  method: 'get',
  path: '/v1/llm/providers',
  tags: ['Catalog'],
  operationId: 'listLlmProviders',
  summary: 'List LLM providers',
  description:
    "Each hosted provider's datacenter assumption as EcoLogits has it: grid zone, PUE and on-site WUE ranges, cloud.",
  responses: {
    200: {
      description: 'The providers.',
      content: { 'application/json': { schema: listOf(LlmProviderSchema, 'LlmProviderList') } },
    },
    ...errors(429, 503),
  },
});
