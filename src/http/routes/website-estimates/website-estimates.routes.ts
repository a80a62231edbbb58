import { createRoute } from '@hono/zod-openapi';
import { DEFAULT_BODY_LIMIT_BYTES, type RouteLimits } from '../../route-limits.js';
import { errors } from '../../schemas/common.js';
import {
  WebsiteEstimateQuerySchema,
  WebsiteEstimateRequestSchema,
  WebsiteEstimateSchema,
} from '../../schemas/website.js';

const description =
  'Footprint of one page view under the Sustainable Web Design model (swd-v4, default; swd-v3) or OneByte, ' +
  'computed exactly as CO2.js 0.19 does, with the hosting region setting the data-centre grid intensity and ' +
  'the visitor country the network and device intensity. With `page_views`, `total` and the top-level figures ' +
  'cover them all. Water: each segment’s operational energy × its country’s electricity water factor.';

const responses = {
  200: { description: 'The estimate.', content: { 'application/json': { schema: WebsiteEstimateSchema } } },
};

export const estimateWebsiteLimits: RouteLimits = { bodyLimitBytes: DEFAULT_BODY_LIMIT_BYTES };

export const estimateWebsiteRoute = createRoute({
  method: 'post',
  path: '/v1/estimates/website',
  tags: ['Estimates'],
  operationId: 'estimateWebsite',
  summary: 'Estimate a website',
  description,
  request: {
    body: { required: true, content: { 'application/json': { schema: WebsiteEstimateRequestSchema } } },
  },
  responses: { ...responses, ...errors(400, 413, 415, 422, 429, 503) },
});

export const estimateWebsiteQueryRoute = createRoute({
  method: 'get',
  path: '/v1/estimates/website',
  tags: ['Estimates'],
  operationId: 'estimateWebsiteByQuery',
  summary: 'Estimate a website (query string)',
  description: `${description} The scalar fields are query parameters (e.g. \`?bytes=2366464&visitor_country=FR\`); the answer equals the POST one.`,
  request: { query: WebsiteEstimateQuerySchema },
  responses: { ...responses, ...errors(400, 422, 429, 503) },
});
