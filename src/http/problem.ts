import type { FieldIssue } from '../services/errors.js';

/**
 * RFC 9457 problem details, with `errors` listing the offending fields: at most
 * `MAX_PROBLEM_ERRORS` of them, `errors_omitted` counting the rest.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldIssue[];
  errors_omitted?: number;
}

/** Most field errors one problem lists (and paths its `detail` names); the rest are counted. */
export const MAX_PROBLEM_ERRORS = 20;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Problem type URIs, relative to the API's origin (documented in the README). */
export const PROBLEM_TYPES = {
  malformedJson: '/problems/malformed-json',
  validation: '/problems/validation-error',
  notFound: '/problems/not-found',
  originMismatch: '/problems/origin-mismatch',
  methodNotAllowed: '/problems/method-not-allowed',
  unknownReference: '/problems/unknown-reference',
  payloadTooLarge: '/problems/payload-too-large',
  unsupportedMediaType: '/problems/unsupported-media-type',
  rateLimited: '/problems/rate-limited',
  newPageQuota: '/problems/new-page-quota',
  unavailable: '/problems/service-unavailable',
  refusedTarget: '/problems/refused-target',
  queueFull: '/problems/queue-full',
  tooManyTests: '/problems/too-many-tests',
  labUnavailable: '/problems/lab-unavailable',
  labNotConfigured: '/problems/lab-not-configured',
  internal: '/problems/internal-error',
} as const;

/** A problem to answer with; thrown anywhere below the app, answered by its error handler. */
export class ProblemError extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail);
    this.name = 'ProblemError';
  }
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, ...headers },
  });
}

export const problems = {
  malformedJson: (detail = 'The request body is not valid JSON.'): Problem => ({
    type: PROBLEM_TYPES.malformedJson,
    title: 'Malformed JSON',
    status: 400,
    detail,
  }),
  validation: (errors: FieldIssue[]): Problem => {
    const listed = listedErrors(errors);
    const count = listed.members.errors_omitted
      ? `${errors.length} errors (the first ${MAX_PROBLEM_ERRORS} listed), in`
      : `${listed.fields} field${listed.fields === 1 ? ' is' : 's are'} invalid:`;
    return {
      type: PROBLEM_TYPES.validation,
      title: 'Invalid request',
      status: 400,
      detail: `${count} ${listed.names}.`,
      ...listed.members,
    };
  },
  notFound: (detail: string): Problem => ({
    type: PROBLEM_TYPES.notFound,
    title: 'Not found',
    status: 404,
    detail,
  }),
  originMismatch: (origin: string, url: string): Problem => ({
    type: PROBLEM_TYPES.originMismatch,
    title: 'Origin mismatch',
    status: 403,
    detail: `A page can only record its own measurements: this request comes from '${origin}', not from the origin of '${url}'.`,
    errors: [{ path: 'url', message: `Not on the request's Origin '${origin}'.` }],
  }),
  methodNotAllowed: (detail: string): Problem => ({
    type: PROBLEM_TYPES.methodNotAllowed,
    title: 'Method not allowed',
    status: 405,
    detail,
  }),
  unknownReference: (errors: FieldIssue[]): Problem => {
    const listed = listedErrors(errors);
    return {
      type: PROBLEM_TYPES.unknownReference,
      title: 'Unknown reference',
      status: 422,
      detail: `The request names something the catalog does not know: ${listed.names}.`,
      ...listed.members,
    };
  },
  payloadTooLarge: (limitBytes: number): Problem => ({
    type: PROBLEM_TYPES.payloadTooLarge,
    title: 'Payload too large',
    status: 413,
    detail: `The request body exceeds ${limitBytes} bytes.`,
  }),
  unsupportedMediaType: (): Problem => ({
    type: PROBLEM_TYPES.unsupportedMediaType,
    title: 'Unsupported media type',
    status: 415,
    detail: "POST bodies must be JSON: send 'Content-Type: application/json'.",
  }),
  rateLimited: (retryAfterS: number): Problem => ({
    type: PROBLEM_TYPES.rateLimited,
    title: 'Too many requests',
    status: 429,
    detail: `Rate limit exceeded: retry after ${retryAfterS} s.`,
  }),
  newPageQuota: (pagesPerDay: number): Problem => ({
    type: PROBLEM_TYPES.newPageQuota,
    title: 'Too many new pages',
    status: 429,
    detail:
      `This client has recorded ${pagesPerDay} new pages today: measurements of pages already stored are ` +
      'still accepted, new pages again from 00:00 UTC.',
    errors: [{ path: 'url', message: `A new page over this client's ${pagesPerDay} of the day.` }],
  }),
  /** A request that costs more tokens than a client's whole bucket: waiting never helps. */
  costAboveLimit: (cost: number, limit: number): Problem => ({
    type: PROBLEM_TYPES.rateLimited,
    title: 'Too many requests',
    status: 429,
    detail:
      `This request costs ${cost} rate-limit tokens, more than the ${limit} a client may spend per minute: ` +
      'it can never pass under this limit. Send a smaller request.',
  }),
  unavailable: (detail: string): Problem => ({
    type: PROBLEM_TYPES.unavailable,
    title: 'Service unavailable',
    status: 503,
    detail,
  }),
  refusedTarget: (errors: FieldIssue[]): Problem => ({
    type: PROBLEM_TYPES.refusedTarget,
    title: 'Refused target',
    status: 422,
    detail: `The lab does not load this URL: ${errors.map((e) => e.message).join(' ')}`,
    errors,
  }),
  queueFull: (maxQueued: number, retryAfterS: number): Problem => ({
    type: PROBLEM_TYPES.queueFull,
    title: 'Lab queue full',
    status: 503,
    detail: `${maxQueued} lab tests are already waiting: retry after ${retryAfterS} s.`,
  }),
  tooManyTests: (scope: 'client' | 'network', share: number, retryAfterS: number): Problem => ({
    type: PROBLEM_TYPES.tooManyTests,
    title: 'Too many lab tests',
    status: 429,
    detail:
      `${scope === 'client' ? 'This client' : "This client's network (IPv4 /24, IPv6 /48)"} has ${share} lab ` +
      `tests queued or running: retry after ${retryAfterS} s, or once one has finished.`,
  }),
  labUnavailable: (detail: string): Problem => ({
    type: PROBLEM_TYPES.labUnavailable,
    title: 'Lab unavailable',
    status: 503,
    detail,
  }),
  labNotConfigured: (detail: string): Problem => ({
    type: PROBLEM_TYPES.labNotConfigured,
    title: 'Lab not configured',
    status: 501,
    detail,
  }),
  internal: (): Problem => ({
    type: PROBLEM_TYPES.internal,
    title: 'Internal error',
    status: 500,
    detail: 'The server failed to answer this request. It has been logged.',
  }),
};

/**
 * The first `MAX_PROBLEM_ERRORS` errors and how many more there were, with the distinct paths of
 * the listed ones for a `detail` (`, …` after them when some were left out).
 */
function listedErrors(errors: FieldIssue[]): {
  fields: number;
  names: string;
  members: Pick<Problem, 'errors' | 'errors_omitted'>;
} {
  const listed = errors.length > MAX_PROBLEM_ERRORS ? errors.slice(0, MAX_PROBLEM_ERRORS) : errors;
  const omitted = errors.length - listed.length;
  const paths = [...new Set(listed.map((e) => e.path))];
  return {
    fields: paths.length,
    names: omitted > 0 ? `${paths.join(', ')}, …` : paths.join(', '),
    members: omitted > 0 ? { errors: listed, errors_omitted: omitted } : { errors: listed },
  };
}
