import { z } from '@hono/zod-openapi';
import { SITE_FIELD_CLIENTS_OVER_LAB, SITE_SOURCES, SITE_WINDOW_DAYS } from '../../../models/site-figure.js';
import { LIMITS } from '../../schemas/server.js';
import { siteUrl, SITE_URL_RULES as URL_RULES } from '../../schemas/site-url.js';
import { queryNumber, WebsiteModelSchema } from '../../schemas/website.js';
import { crossFieldRule } from '../../validation.js';

/** Largest page weight a measurement may report, bytes. */
export const MEASUREMENT_MAX_BYTES = 1e9;

const modelParam = () =>
  WebsiteModelSchema.optional().openapi({
    param: { name: 'model', in: 'query' },
    description: 'Website model of `co2e_g` and `rating` (default swd-v4): a read-time choice.',
  });

export const SiteMeasurementRequestSchema = z
  .strictObject({
    url: siteUrl().openapi({
      description: `The measured page (origin and path; a query or fragment is dropped): ${URL_RULES}`,
      example: 'https://www.example.org/blog/',
    }),
    bytes: z.number().int().min(0).max(MEASUREMENT_MAX_BYTES).openapi({
      description: 'Transfer size of one view of the page (navigation + resources), bytes.',
      example: 1_843_200,
    }),
    coverage: z.number().min(0).max(1).optional().openapi({
      description: 'Share of the page’s resources whose size was known to the measurer (0 to 1).',
      example: 0.94,
    }),
    first_view: z
      .boolean()
      .optional()
      .openapi({
        description:
          'true: the navigation was not served from cache and no resource was revalidated (a first view). ' +
          'Stored with the sample; the figure counts every client’s sample, first view or not.',
        example: true,
      }),
  })
  .openapi('SiteMeasurementRequest');

export const SiteFieldSchema = z
  .object({
    bytes: z.number().int().openapi({
      description:
        'Lower median bytes of the field samples, one per client (an even count: the lower middle value).',
      example: 1_640_000,
    }),
    coverage: z.number().nullable().openapi({
      description: 'Lower median coverage of those samples (null: none given).',
      example: 0.94,
    }),
    clients: z
      .number()
      .int()
      .openapi({
        description:
          'Field samples in the window: one per client and day (client keys change daily). Under 3, the badge ' +
          'says "few samples".',
        example: 17,
      }),
  })
  .openapi('SiteField', {
    description: `The lower median of the page's field samples of the last ${SITE_WINDOW_DAYS} days (absent: never measured by a visitor).`,
  });

export const SiteLabSchema = z
  .object({
    bytes: z.number().int().openapi({
      description: 'Bytes the page transferred in its latest lab test (headless browser, cold cache).',
      example: 1_912_340,
    }),
    tested_at: z.string().openapi({
      description: 'When that test finished (ISO 8601).',
      example: '2026-05-03T17:40:12.004Z',
    }),
    bytes_capped: z.boolean().openapi({
      description:
        'The test stopped at the byte cap (its result’s `bytes_capped`): `bytes` is a lower bound, and a served lab ' +
        'figure has coverage 0.5.',
      example: false,
    }),
  })
  .openapi('SiteLab', {
    description: 'The page’s latest lab test (POST /v1/sites/tests; absent: never tested).',
  });

export const SiteSchema = z
  .object({
    url: z.string().openapi({ description: 'Normalised URL.', example: 'https://www.example.org/blog' }),
    bytes: z
      .number()
      .int()
      .openapi({
        description:
          `The page's served figure, from \`source\`: the lower median bytes of its field samples of the last ` +
          `${SITE_WINDOW_DAYS} days (one per client, first views or not), or its latest lab test.`,
        example: 1_640_000,
      }),
    model: WebsiteModelSchema,
    co2e_g: z.number().openapi({ description: 'Per page view, grams CO2e.', example: 0.243048 }),
    rating: z
      .enum(['A+', 'A', 'B', 'C', 'D', 'E', 'F'])
      .nullable()
      .openapi({ description: 'SWD rating per view; null for onebyte.', example: 'D' }),
    cleaner_than: z
      .number()
      .min(0)
      .max(1)
      .openapi({
        description:
          'Share of pages this one is cleaner than, 2 decimals: the ranked pages (those with at least 3 distinct ' +
          'clients on one UTC day of the window; read from a page-weight histogram, exact within one bucket) blended ' +
          'with the HTTP Archive page-weight distribution.',
        example: 0.66,
      }),
    measured_at: z.string().openapi({
      description: 'Latest accepted measurement or lab test (ISO 8601).',
      example: '2026-05-04T09:12:33.120Z',
    }),
    measurements: z.number().int().openapi({
      description: 'Field measurements of this URL accepted so far (lab tests are not counted).',
      example: 42,
    }),
    source: z.enum(SITE_SOURCES).openapi({
      description:
        `Where \`bytes\` comes from: \`field\` (real visits) when the page has at least ${SITE_FIELD_CLIENTS_OVER_LAB} ` +
        'field samples in the window, else `lab` (its latest lab test) when it has one, else `field`.',
      example: 'field',
    }),
    coverage: z
      .number()
      .nullable()
      .openapi({
        description:
          'Coverage of the served figure: the median coverage of the field samples (null: not given), or 1 for a ' +
          'lab test (the browser sees every response), 0.5 for a lab test stopped at the byte cap (`lab.bytes_capped`). ' +
          'Under 0.8 the figure is a lower bound.',
        example: 0.94,
      }),
    clients: z
      .number()
      .int()
      .openapi({ description: 'Field samples in the window (see field.clients; 0: none).', example: 17 }),
    window_days: z
      .number()
      .int()
      .openapi({ description: 'Days of field samples the field figure covers.', example: 30 }),
    field: SiteFieldSchema.optional(),
    lab: SiteLabSchema.optional(),
  })
  .openapi('Site', {
    description:
      'A page’s measured weight (the median of its field samples, or its latest lab test), its estimate and how it ranks.',
  });

export const SiteQuerySchema = z.object({
  url: siteUrl().openapi({
    param: { name: 'url', in: 'query' },
    description: 'The page (normalised as on measurement).',
    example: 'https://www.example.org/blog',
  }),
  model: modelParam(),
});

/** `GET /v1/badge.svg`: a stored page by `url`, or a weight by `bytes`; `model` for both. */
export const BadgeQuerySchema = z
  .object({
    url: siteUrl()
      .optional()
      .openapi({
        param: { name: 'url', in: 'query' },
        description: 'A measured page: its figure.',
        example: 'https://www.example.org/blog',
      }),
    bytes: queryNumber(z.number().int().min(0).max(LIMITS.bytes))
      .optional()
      .openapi({
        param: { name: 'bytes', in: 'query' },
        description: 'A page weight, bytes (instead of url).',
        example: 2_366_464,
      }),
    model: modelParam(),
  })
  .check(
    crossFieldRule((v, ctx) => {
      const given = (k: string) => v[k] !== undefined;
      if (given('url') === given('bytes')) {
        const message = 'Give exactly one of url or bytes.';
        ctx.addIssue({ code: 'custom', path: ['url'], message });
        ctx.addIssue({ code: 'custom', path: ['bytes'], message });
      }
    }),
  );
