import { createRoute, z } from '@hono/zod-openapi';
import { errors } from '../../schemas/common.js';
import { SITE_CACHE_CONTROL } from '../sites/sites.cache.js';
import { BadgeQuerySchema } from '../sites/sites.schemas.js';

/** Seconds a badge by bytes and the script may be cached (a badge by URL: SITE_CACHE_CONTROL). */
export const BADGE_MAX_AGE_S = { bytes: 86_400, script: 3_600 } as const;

export const badgeSvgRoute = createRoute({
  method: 'get',
  path: '/v1/badge.svg',
  tags: ['Badge'],
  operationId: 'getBadgeSvg',
  summary: 'SVG badge',
  description:
    'A two-part badge "CO₂e/view | 0.31 g · E" coloured by SWD rating, for an `<img>` in a README or a page: ' +
    '`?url=` shows the served figure of a measured or lab-tested page (404 when it has none): "≥ 0.31 g" when its ' +
    'median coverage is under 0.8 (a lower bound), "· few samples" for a field figure of fewer than 3 samples in ' +
    'the window (a lab figure has no such mark; its title says "lab test"); `?bytes=` the estimate ' +
    'of a page weight; `model` (default swd-v4) for both. By url: strong ETag (If-None-Match → 304), ' +
    `\`Cache-Control: ${SITE_CACHE_CONTROL}\`; by bytes: cached ${BADGE_MAX_AGE_S.bytes} s.`,
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
    304: { description: 'Not modified (by url): the ETag given in If-None-Match is current.' },
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
    'A dependency-free custom element. Add `<script src="https://<api>/badge.js" async></script>` (early in the ' +
    'page: it raises the Resource Timing buffer) and `<empreinte-badge></empreinte-badge>`: once the page’s ' +
    'network has been quiet for 2 s (at most 15 s after load) it sums what the page transferred (Resource ' +
    'Timing: transferSize, else encodedBodySize; a 304 as its encodedBodySize; its own traffic excluded), ' +
    'records `{url: origin + path, bytes, coverage, first_view}` with POST /v1/sites/measurements and shows ' +
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
