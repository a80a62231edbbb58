import type { Context } from 'hono';

/** Headers a cross-origin script may read from an answer. */
export const EXPOSED_HEADERS =
  'ETag, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, X-Request-Id';

/** The answer to a CORS preflight: every origin, without credentials. */
export function preflight(c: Context): Response {
  const requested = c.req.header('access-control-request-headers');
  return new Response(null, {
    status: 204,
    headers: {
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers':
        requested && requested.length <= 1024 ? requested : 'content-type, x-request-id',
      'access-control-max-age': '86400',
    },
  });
}
