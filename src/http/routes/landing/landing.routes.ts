import { createRoute, z } from '@hono/zod-openapi';

export const landingRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['System'],
  operationId: 'getLandingPage',
  summary: 'Landing page',
  description:
    'What Empreinte is, a live form that estimates a page weight (GET /v1/estimates/website), a form that tests ' +
    'a page by its URL (POST /v1/sites/tests) and shows its result and badge snippet, the badge snippet to copy ' +
    'and the badge itself.',
  responses: {
    200: {
      description: 'An HTML page (no inline script).',
      content: { 'text/html': { schema: z.string(), example: '<!doctype html>…' } },
    },
  },
});

export const landingScriptRoute = createRoute({
  method: 'get',
  path: '/assets/landing.js',
  tags: ['System'],
  operationId: 'getLandingScript',
  summary: 'Landing page script',
  description:
    'The script of the landing page: the estimate form, the lab test form and the snippet copy button.',
  responses: {
    200: {
      description: 'A minified script.',
      content: { 'text/javascript': { schema: z.string(), example: '"use strict";(()=>{…})();' } },
    },
  },
});

export const landingStylesRoute = createRoute({
  method: 'get',
  path: '/assets/landing.css',
  tags: ['System'],
  operationId: 'getLandingStyles',
  summary: 'Landing page styles',
  description: 'The stylesheet of the landing page (its Content-Security-Policy allows no inline style).',
  responses: {
    200: {
      description: 'A stylesheet.',
      content: { 'text/css': { schema: z.string(), example: 'body{max-width:46rem;…}' } },
    },
  },
});
