import { createRoute, z } from '@hono/zod-openapi';
import { errors } from '../../schemas/common.js';

export const HealthSchema = z
  .object({
    status: z.literal('ok'),
    data_version: z.string().openapi({ description: 'Version of the factor data being served.' }),
  })
  .openapi('Health');

export const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['System'],
  operationId: 'getHealth',
  summary: 'Liveness',
  description: 'Answers 200 with the factor data version when the catalog can be served, else 503.',
  responses: {
    200: {
      description: 'Serving.',
      content: {
        'application/json': {
          schema: HealthSchema,
          example: { status: 'ok', data_version: 'sha256:0123456789ab' },
        },
      },
    },
    ...errors(503),
  },
});

export const openApiRoute = createRoute({
  method: 'get',
  path: '/openapi.json',
  tags: ['System'],
  operationId: 'getOpenApi',
  summary: 'OpenAPI document',
  description:
    'This API described as OpenAPI 3.1, generated from the route definitions (the same as the checked-in openapi.json).',
  responses: {
    200: {
      description: 'The OpenAPI 3.1 document.',
      content: {
        'application/json': { schema: z.record(z.string(), z.unknown()), example: { openapi: '3.1.0' } },
      },
    },
  },
});
