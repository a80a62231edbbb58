import { z } from '@hono/zod-openapi';
import { FACTOR_STATUSES } from '../../models/factor.js';
import { PROBLEM_EXAMPLES } from '../openapi-examples.generated.js';
import { PROBLEM_CONTENT_TYPE } from '../problem.js';

export const FieldIssueSchema = z
  .object({
    path: z.string().openapi({ example: 'hardware.vcpus' }),
    message: z.string().openapi({ example: 'Too small: expected number to be >=1.' }),
  })
  .openapi('FieldIssue');

export const ProblemSchema = z
  .object({
    type: z.string().openapi({
      description: 'Problem type URI, relative to the API origin (e.g. /problems/validation-error).',
      example: '/problems/validation-error',
    }),
    title: z.string().openapi({ example: 'Invalid request' }),
    status: z.number().int().openapi({ example: 400 }),
    detail: z.string().openapi({ example: '1 field is invalid: duration_hours.' }),
    errors: z
      .array(FieldIssueSchema)
      .optional()
      .openapi({ description: 'The offending fields: every one, or the first 20 (see `errors_omitted`).' }),
    errors_omitted: z.number().int().min(1).optional().openapi({
      description: 'How many errors were left out of `errors` (present only when there were more than 20).',
      example: 80,
    }),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details.' });

const problem = (description: string, example: z.infer<typeof ProblemSchema>) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema, example } },
});

/** A problem answer of the app, captured by `npm run examples` (scripts/examples-file.ts). */
const captured = (status: 400 | 404 | 422) => PROBLEM_EXAMPLES[status] as z.infer<typeof ProblemSchema>;

/** Error answers shared by routes; pick the statuses a route can give. */
export const errorResponses = {
  400: problem('Malformed JSON, or invalid fields (every offending path is listed).', captured(400)),
  403: problem("A measurement whose Origin header is not the measured page's origin.", {
    type: '/problems/origin-mismatch',
    title: 'Origin mismatch',
    status: 403,
    detail:
      "A page can only record its own measurements: this request comes from 'https://attacker.example', not from the origin of 'https://www.example.org/blog'.",
    errors: [{ path: 'url', message: "Not on the request's Origin 'https://attacker.example'." }],
  }),
  404: problem('Unknown resource in the path.', captured(404)),
  413: problem(
    'Body larger than the route’s limit (4 KiB measurements, 64 KiB single estimates, 2 MiB batch).',
    {
      type: '/problems/payload-too-large',
      title: 'Payload too large',
      status: 413,
      detail: 'The request body exceeds 65536 bytes.',
    },
  ),
  415: problem('The body is not JSON.', {
    type: '/problems/unsupported-media-type',
    title: 'Unsupported media type',
    status: 415,
    detail: "POST bodies must be JSON: send 'Content-Type: application/json'.",
  }),
  422: problem(
    'A well-formed body names an unknown provider, region, instance type, CPU family or zone.',
    captured(422),
  ),
  429: problem(
    'Rate limited; see Retry-After (absent when the request costs more tokens than a whole quota).',
    {
      type: '/problems/rate-limited',
      title: 'Too many requests',
      status: 429,
      detail: 'Rate limit exceeded: retry after 1 s.',
    },
  ),
  503: problem('The factor store is unavailable and no catalog is loaded.', {
    type: '/problems/service-unavailable',
    title: 'Service unavailable',
    status: 503,
    detail: 'The factor store is unavailable. Retry later.',
  }),
} as const;

export type ErrorStatus = keyof typeof errorResponses;

export function errors<S extends ErrorStatus>(...statuses: S[]): { [K in S]: (typeof errorResponses)[K] } {
  return Object.fromEntries(statuses.map((s) => [s, errorResponses[s]])) as {
    [K in S]: (typeof errorResponses)[K];
  };
}

export const FactorSchema = z
  .object({
    name: z.string().openapi({ example: 'pue' }),
    value: z.number(),
    low: z.number(),
    high: z.number(),
    unit: z.string().openapi({ example: 'ratio' }),
    source_id: z.string().nullable().openapi({ description: 'A `/v1/sources` id; null for caller inputs.' }),
    year: z.number().int().nullable(),
    status: z.enum(FACTOR_STATUSES),
  })
  .openapi('Factor', { description: 'One factor used by an estimate, with its range and provenance.' });

export const MethodologySchema = z
  .object({
    id: z.string().openapi({ example: 'empreinte-server' }),
    version: z.string().openapi({ example: '1' }),
  })
  .openapi('Methodology');

/** The fields every Estimate carries; `breakdown` is per estimate kind. */
export function estimateFields<B extends z.ZodTypeAny>(breakdown: B) {
  return {
    co2e_g: z.number().openapi({ description: 'Central estimate, grams CO2e.' }),
    co2e_g_low: z.number().openapi({ description: 'Every factor at its low end.' }),
    co2e_g_high: z.number().openapi({ description: 'Every factor at its high end.' }),
    energy_kwh: z.number().openapi({ description: 'Facility energy, kWh.' }),
    water_l: z.number().openapi({ description: 'On-site (WUE) + off-site (electricity) water, litres.' }),
    breakdown,
    factors: z.array(FactorSchema),
    methodology: MethodologySchema,
    data_version: z.string(),
    warnings: z
      .array(z.string())
      .openapi({ description: 'Defaults that hide missing data; empty when none.' }),
  };
}

export const CpuArchitectureSchema = z.enum(['x86_64', 'arm64']).openapi('CpuArchitecture');
