import { z } from '@hono/zod-openapi';
import { LAB_ERROR_TYPES, LAB_LIMITS } from '../../../services/lab/lab-browser.js';
import { SITE_URL_RULES, siteUrl } from '../../schemas/site-url.js';
import { WebsiteModelSchema } from '../../schemas/website.js';

/** The id of the documented example test (the examples capture gives its test this id). */
export const EXAMPLE_SITE_TEST_ID = '0f8b6c1e-3a52-4f0e-9d55-2b7f0c1e8a90';

export const SiteTestRequestSchema = z
  .strictObject({
    url: siteUrl().openapi({
      description: `The page to load, on port 80 or 443: ${SITE_URL_RULES} The normalised URL is what is tested.`,
      example: 'https://www.example.org/blog/',
    }),
  })
  .openapi('SiteTestRequest');

export const SiteTestResultSchema = z
  .object({
    bytes: z
      .number()
      .int()
      .openapi({
        description:
          'Encoded bytes of every response the page caused (document, subresources, iframes, workers; headers included). ' +
          'When `bytes_capped`, what was transferred until the test stopped at the byte cap: a lower bound.',
        example: 2_366_464,
      }),
    requests: z.number().int().openapi({ description: 'Responses counted.', example: 87 }),
    third_party_bytes: z.number().int().openapi({
      description: 'The part of `bytes` served by other hosts than the page’s.',
      example: 912_384,
    }),
    third_party_requests: z.number().int().openapi({ example: 41 }),
    model: WebsiteModelSchema,
    co2e_g: z.number().openapi({ description: 'Per page view under `model`, grams CO2e.', example: 0.3507 }),
    rating: z
      .enum(['A+', 'A', 'B', 'C', 'D', 'E', 'F'])
      .nullable()
      .openapi({ description: 'SWD rating per view.', example: 'E' }),
    duration_ms: z.number().int().openapi({
      description: 'From navigation to the end of the network-quiet period, ms.',
      example: 6_412,
    }),
    tested_at: z.string().openapi({ description: 'When the test finished (ISO 8601).' }),
    bytes_capped: z.boolean().openapi({
      description:
        `True when the page went past the byte cap (${LAB_LIMITS.maxBytes / 1e6} MB over all its connections, counted as they stream): the ` +
        'test stopped there, and `bytes` is a lower bound of the page’s weight (so is its site figure).',
      example: false,
    }),
  })
  .openapi('SiteTestResult');

export const SiteTestErrorSchema = z
  .object({
    type: z.string().openapi({
      description: `Problem type: ${Object.values(LAB_ERROR_TYPES).join(', ')}.`,
      example: LAB_ERROR_TYPES.timeout,
    }),
    detail: z.string().openapi({ example: 'The page did not load within 30 s.' }),
  })
  .openapi('SiteTestError', { description: 'Why a test failed (problem-style).' });

export const SiteTestSchema = z
  .object({
    id: z.string().openapi({ example: EXAMPLE_SITE_TEST_ID }),
    url: z.string().openapi({ description: 'Normalised URL.', example: 'https://www.example.org/blog' }),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    created_at: z.string().openapi({ description: 'When the test was queued (ISO 8601).' }),
    result: SiteTestResultSchema.optional().openapi({ description: 'When done.' }),
    error: SiteTestErrorSchema.optional().openapi({ description: 'When failed.' }),
  })
  .openapi('SiteTest', {
    description: 'A lab test of a page: queued, running, done (with its result) or failed.',
  });

export const SiteTestParamsSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: EXAMPLE_SITE_TEST_ID }),
});
