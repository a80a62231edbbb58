import { createRoute, z } from '@hono/zod-openapi';
import { errors } from '../../schemas/common.js';

export const methodologyRoute = createRoute({
  method: 'get',
  path: '/methodology',
  tags: ['System'],
  operationId: 'getMethodology',
  summary: 'The methodology',
  description:
    'The public, normative methodology (docs/methodology.md of the project) as Markdown: every formula, factor, ' +
    'fallback, range and warning of the estimates, the choices the sources leave open, worked examples and the ' +
    'changes since version 1.',
  responses: {
    200: {
      description: 'A Markdown document.',
      content: {
        'text/markdown': { schema: z.string(), example: '# Empreinte methodology (version 3)\n…' },
      },
    },
    ...errors(503),
  },
});

/** Where the Worker's static assets hold docs/methodology.md (scripts/copy-docs-assets.ts). */
export const METHODOLOGY_ASSET = '/methodology.md';
