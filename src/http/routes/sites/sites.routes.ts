import { createRoute } from '@hono/zod-openapi';
import { KIB, type RouteLimits } from '../../route-limits.js';
import { errors } from '../../schemas/common.js';
import { SiteMeasurementRequestSchema, SiteQuerySchema, SiteSchema } from './sites.schemas.js';

const site = (description: string) => ({
  description,
  content: { 'application/json': { schema: SiteSchema } },
});

/** A URL of at most 2,048 characters, a size and a model fit in well under 4 KiB. */
export const recordMeasurementLimits: RouteLimits = { bodyLimitBytes: 4 * KIB };

export const recordMeasurementRoute = createRoute({
  method: 'post',
  path: '/v1/sites/measurements',
  tags: ['Sites'],
  operationId: 'recordSiteMeasurement',
  summary: 'Record a page measurement',
  description:
    'Stores the measured transfer size of one view of a page (what the `<empreinte-badge>` widget sends after ' +
    'the page has loaded) with its per-view estimate, under the normalised URL. A new measurement replaces ' +
    'the previous one and increments `measurements`. `cleaner_than` ranks the page against every other ' +
    'stored page and the HTTP Archive page-weight distribution.',
  request: {
    body: { required: true, content: { 'application/json': { schema: SiteMeasurementRequestSchema } } },
  },
  responses: {
    201: site('The URL was not stored before: its first measurement.'),
    200: site('The URL was stored: its measurement is replaced and counted.'),
    ...errors(400, 413, 415, 429, 503),
  },
});

export const getSiteRoute = createRoute({
  method: 'get',
  path: '/v1/sites',
  tags: ['Sites'],
  operationId: 'getSite',
  summary: 'Read a measured page',
  description:
    'The latest measurement of a page (its URL is normalised first), with `cleaner_than` recomputed against ' +
    'the pages stored now.',
  request: { query: SiteQuerySchema },
  responses: {
    200: site('The page.'),
    ...errors(400, 404, 429, 503),
  },
});
