import { createRoute, z } from '@hono/zod-openapi';
import { errors } from '../../schemas/common.js';
import { BadgeQuerySchema } from '../sites/sites.schemas.js';

/** Seconds a badge may be cached: a measured page changes, a weight's estimate does not. */
export const BADGE_MAX_AGE_S = { url: 300, bytes: 86_400, script: 3_600 } as const;

export const badgeSvgRoute = createRoute({
  method: 'get',
  path: '/v1/badge.svg',
  tags: ['Badge'],
  operationId: 'getBadgeSvg',
  summary: 'SVG badge',
  description:
    'A two-part badge "CO₂e/view | 0.31 g · E" coloured by SWD rating, for an `<img>` in a README or a page: ' +
    '`?url=` shows the latest measurement of a page (404 when it has none), `?bytes=` (+ `model`) the estimate ' +
    `of a page weight. Cached ${BADGE_MAX_AGE_S.url} s by url, ${BADGE_MAX_AGE_S.bytes} s by bytes.`,
  request: { query: BadgeQuerySchema },
  responses: {
    200: {
      description: 'The badge (accessible: role="img", aria-label and title).',
      content: {
        'image/svg+xml': {
          schema: z.string(),
          example:
            '<svg xmlns="http://www.w3.org/2000/svg" width="150" height="20" role="img" aria-label="CO₂e/view: 0.31 g · E">…</svg>',
        },
      },
    },
    ...errors(400, 404, 429, 503),
  },
});

export const badgeScriptRoute = createRoute({
  method: 'get',
  path: '/badge.js',
  tags: ['Badge'],
  operationId: 'getBadgeScript',
  summary: 'Website badge widget',
  description:
    'A dependency-free custom element. Add `<script src="https://<api>/badge.js" async></script>` and ' +
    '`<empreinte-badge></empreinte-badge>` to a page: after the load event it sums the transfer size of the ' +
    'page (Resource Timing, its own traffic excluded), records it with POST /v1/sites/measurements and shows ' +
    'grams of CO₂e per view, the share of tested pages it is cleaner than and the rating, cached 24 h per URL in ' +
    'localStorage. Attributes: `theme` (light|dark; default prefers-color-scheme), `api` (another API origin), ' +
    '`url` (show another measured page instead of measuring this one).',
  responses: {
    200: {
      description: 'The minified script (under 6 KB).',
      content: {
        'text/javascript': {
          schema: z.string(),
          example: '"use strict";(()=>{…customElements.define("empreinte-badge",…)})();',
        },
      },
    },
  },
});
