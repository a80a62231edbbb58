import { createRoute } from '@hono/zod-openapi';
import { SITE_WINDOW_DAYS } from '../../../models/site-figure.js';
import { KIB, type RouteLimits } from '../../route-limits.js';
import { errors } from '../../schemas/common.js';
import { SITE_CACHE_CONTROL } from './sites.cache.js';
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
    'Stores one view of a page (what the `<empreinte-badge>` widget sends once the page’s network is quiet) as a ' +
    'sample of its normalised URL: one per client and UTC day, a later one that day replacing the client’s own. ' +
    `The page’s field figure is the lower median of its field samples of the last ${SITE_WINDOW_DAYS} days (one per ` +
    'client, first views or not: fewer than half of the clients cannot move it out of the others’ range); ' +
    'the answer is the page’s served figure (field, or its lab test while it has fewer than 3 field samples) ' +
    'under swd-v4. A request whose `Origin` header is present and is not the origin of ' +
    '`url` is refused (403) and stores nothing. One client (address, IPv6 /64) creates at most 200 new pages a ' +
    'UTC day (429 `/problems/new-page-quota` beyond; its measurements of stored pages still count).',
  request: {
    body: { required: true, content: { 'application/json': { schema: SiteMeasurementRequestSchema } } },
  },
  responses: {
    201: site('The URL was not stored before (neither measured nor lab-tested): its first measurement.'),
    200: site(
      'The URL was stored: the sample is stored (or replaces the client’s own of the day) and counted.',
    ),
    ...errors(400, 403, 413, 415, 429, 503),
  },
});

export const getSiteRoute = createRoute({
  method: 'get',
  path: '/v1/sites',
  tags: ['Sites'],
  operationId: 'getSite',
  summary: 'Read a measured page',
  description:
    'A measured or lab-tested page’s served figure (its URL is normalised first) under `model`, with ' +
    '`cleaner_than` against the ranked pages (at least 3 distinct clients on one UTC day of the window): ' +
    '`source` is `field` (the lower median of its field samples) when it ' +
    'has at least 3 field samples in the window, else `lab` (its latest lab test) when it has one; the `field` ' +
    'and `lab` blocks carry each figure the page has. 404 for a page never measured nor tested. ' +
    `Answers carry a strong ETag (If-None-Match → 304) and \`Cache-Control: ${SITE_CACHE_CONTROL}\`.`,
  request: { query: SiteQuerySchema },
  responses: {
    200: site('The page.'),
    304: { description: 'Not modified: the ETag given in If-None-Match is current.' },
    ...errors(400, 404, 429, 503),
  },
});
