import { createRoute, z } from '@hono/zod-openapi';
import { PROBLEM_CONTENT_TYPE } from '../../problem.js';
import { KIB, type RouteLimits } from '../../route-limits.js';
import { errors, ProblemSchema } from '../../schemas/common.js';
import { SiteTestParamsSchema, SiteTestRequestSchema, SiteTestSchema } from './site-tests.schemas.js';

/**
 * Rate-limit tokens one `POST /v1/sites/tests` costs: 10 tests a minute at the default 600, charged
 * before the body is read (a refused test reads nothing).
 */
export const SITE_TEST_TOKEN_COST = 60;

/** `POST /v1/sites/tests`: a URL is all a test takes. */
export const createSiteTestLimits: RouteLimits = { bodyLimitBytes: 4 * KIB, tokens: SITE_TEST_TOKEN_COST };

const test = (description: string, headers?: z.ZodObject) => ({
  description,
  content: { 'application/json': { schema: SiteTestSchema } },
  ...(headers ? { headers } : {}),
});

const problem = (description: string, example: z.infer<typeof ProblemSchema>) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema, example } },
});

export const createSiteTestRoute = createRoute({
  method: 'post',
  path: '/v1/sites/tests',
  tags: ['Sites'],
  operationId: 'createSiteTest',
  summary: 'Test a page in a headless browser',
  description:
    'Queues a lab test: the server loads the page in a real headless browser (cold cache, 1366×768), scrolls ' +
    'to the bottom, waits until the network has been quiet for 2 s (at most 45 s) and sums the encoded bytes of ' +
    'every response. Poll the `Location` until `status` is `done` or `failed`. A URL with a test finished less ' +
    'than 10 minutes ago gets that test (200); a URL with a test in progress gets that one (202). Only public ' +
    'addresses on ports 80 and 443 are loaded, for the page, its redirects and every request it makes.',
  request: {
    body: { required: true, content: { 'application/json': { schema: SiteTestRequestSchema } } },
  },
  responses: {
    202: test(
      'Queued (or already queued or running): poll `Location`.',
      z.object({
        location: z.string().openapi({ example: '/v1/sites/tests/0f8b6c1e-3a52-4f0e-9d55-2b7f0c1e8a90' }),
      }),
    ),
    200: test('A test of this URL finished less than 10 minutes ago: that test.'),
    ...errors(400, 413, 415, 429),
    422: problem('The URL’s port or IP address is refused (only public addresses on ports 80 and 443).', {
      type: '/problems/refused-target',
      title: 'Refused target',
      status: 422,
      detail: 'The lab does not load this URL: 169.254.169.254 is a cloud metadata address.',
      errors: [{ path: 'url', message: '169.254.169.254 is a cloud metadata address.' }],
    }),
    501: problem('This server has no lab configured (Workers: the queue and browser bindings).', {
      type: '/problems/lab-not-configured',
      title: 'Lab not configured',
      status: 501,
      detail: 'Lab tests are not configured on this server: bind a Queue producer SITE_TESTS_QUEUE …',
    }),
    503: problem('The queue is full (see `Retry-After`), no usable browser, or the store is unavailable.', {
      type: '/problems/queue-full',
      title: 'Lab queue full',
      status: 503,
      detail: '100 lab tests are already waiting: retry after 60 s.',
    }),
  },
});

export const getSiteTestRoute = createRoute({
  method: 'get',
  path: '/v1/sites/tests/{id}',
  tags: ['Sites'],
  operationId: 'getSiteTest',
  summary: 'Read a lab test',
  description:
    'A lab test: `queued`, `running`, `done` with its `result`, or `failed` with its `error`. Finished tests ' +
    'are kept 7 days.',
  request: { params: SiteTestParamsSchema },
  responses: {
    200: test('The test.'),
    ...errors(400, 404, 429, 503),
  },
});
