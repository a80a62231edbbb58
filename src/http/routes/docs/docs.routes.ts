import { createRoute, z } from '@hono/zod-openapi';

export const docsRoute = createRoute({
  method: 'get',
  path: '/docs',
  tags: ['System'],
  operationId: 'getDocs',
  summary: 'Interactive API reference',
  description:
    'Swagger UI over /openapi.json: browse every route, schema and example, and try requests. Its scripts and ' +
    'styles are served by the API itself (pinned swagger-ui-dist), so the page needs no other origin.',
  responses: {
    200: {
      description: 'An HTML page.',
      content: {
        'text/html': {
          schema: z.string(),
          example: '<!doctype html><html lang="en"><head><title>Empreinte API reference</title>…',
        },
      },
    },
  },
});
