import { z } from '@hono/zod-openapi';
import { normaliseSiteUrl, SITE_URL_MAX_CHARS } from '../../../services/site-url.js';
import { LIMITS } from '../../schemas/server.js';
import { queryNumber, WebsiteModelSchema } from '../../schemas/website.js';
import { crossFieldRule } from '../../validation.js';

/** Largest page weight a measurement may report, bytes. */
export const MEASUREMENT_MAX_BYTES = 1e9;

/** An http(s) URL, answered as its normalised form (docs/methodology.md, "Site measurements"). */
const siteUrl = () =>
  z
    .string()
    .max(SITE_URL_MAX_CHARS)
    .transform((value, ctx) => {
      const result = normaliseSiteUrl(value);
      if (result.ok) return result.url;
      ctx.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    });

export const SiteMeasurementRequestSchema = z
  .strictObject({
    url: siteUrl().openapi({
      description:
        'The measured page: http(s), at most 2,048 characters, no user-info. Stored normalised: lower-case ' +
        'scheme and host, no default port, query or fragment, no trailing slash except the root.',
      example: 'https://www.example.org/blog/',
    }),
    bytes: z.number().int().min(0).max(MEASUREMENT_MAX_BYTES).openapi({
      description: 'Transfer size of one view of the page (navigation + resources), bytes.',
      example: 1_843_200,
    }),
    model: WebsiteModelSchema.optional().openapi({ description: 'Default swd-v4.' }),
  })
  .openapi('SiteMeasurementRequest');

export const SiteSchema = z
  .object({
    url: z.string().openapi({ description: 'Normalised URL.', example: 'https://www.example.org/blog' }),
    bytes: z
      .number()
      .int()
      .openapi({ description: 'Latest measured transfer size, bytes.', example: 1_843_200 }),
    model: WebsiteModelSchema,
    co2e_g: z.number().openapi({ description: 'Per page view, grams CO2e.', example: 0.2527 }),
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
          'Share of pages this one is cleaner than, 2 decimals: stored pages blended with the HTTP Archive page-weight ' +
          'distribution (recomputed at every read).',
        example: 0.6,
      }),
    measured_at: z
      .string()
      .openapi({ description: 'Latest measurement (ISO 8601).', example: '2026-05-04T09:12:33.120Z' }),
    measurements: z.number().int().openapi({ description: 'Measurements of this URL so far.', example: 12 }),
  })
  .openapi('Site', { description: 'A page’s latest measured weight, its estimate and how it ranks.' });

export const SiteQuerySchema = z.object({
  url: siteUrl().openapi({
    param: { name: 'url', in: 'query' },
    description: 'The page (normalised as on measurement).',
    example: 'https://www.example.org/blog',
  }),
});

/** `GET /v1/badge.svg`: a stored page by `url`, or a weight by `bytes` (+ `model`). */
export const BadgeQuerySchema = z
  .object({
    url: siteUrl()
      .optional()
      .openapi({
        param: { name: 'url', in: 'query' },
        description: 'A measured page: its latest measurement.',
        example: 'https://www.example.org/blog',
      }),
    bytes: queryNumber(z.number().int().min(0).max(LIMITS.bytes))
      .optional()
      .openapi({
        param: { name: 'bytes', in: 'query' },
        description: 'A page weight, bytes (instead of url).',
        example: 2_366_464,
      }),
    model: WebsiteModelSchema.optional().openapi({
      param: { name: 'model', in: 'query' },
      description: 'With bytes: the website model (default swd-v4).',
    }),
  })
  .check(
    crossFieldRule((v, ctx) => {
      const given = (k: string) => v[k] !== undefined;
      if (given('url') === given('bytes')) {
        const message = 'Give exactly one of url or bytes.';
        ctx.addIssue({ code: 'custom', path: ['url'], message });
        ctx.addIssue({ code: 'custom', path: ['bytes'], message });
      }
      if (given('url') && given('model')) {
        ctx.addIssue({
          code: 'custom',
          path: ['model'],
          message: 'model applies to bytes only: a url badge shows the model of its stored measurement.',
        });
      }
    }),
  );
