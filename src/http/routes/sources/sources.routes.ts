import { createRoute } from '@hono/zod-openapi';
import { listOf, SourceSchema } from '../../schemas/catalog.js';
import { errors } from '../../schemas/common.js';

export const listSourcesRoute = createRoute({
  method: 'get',
  path: '/v1/sources',
  tags: ['Catalog'],
  operationId: 'listSources',
  summary: 'List sources',
  description: 'Every cited source. The `source_id` of each factor in an estimate names one of these.',
  responses: {
    200: {
      description: 'All sources.',
      content: { 'application/json': { schema: listOf(SourceSchema, 'SourceList') } },
    },
    ...errors(429, 503),
  },
});
