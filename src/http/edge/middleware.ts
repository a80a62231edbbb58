import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps } from '../deps.js';
import { toJson } from '../json.js';
import { problemResponse, problems } from '../problem.js';
import { MAX_BODY_LIMIT_BYTES } from '../route-limits.js';
import { guardBody, hasBody } from './body-limit.js';
import { rateLimitKey } from './client-key.js';
import { CATALOG_CACHE_CONTROL, CATALOG_PATH, catalogEtagOfUrl, etagMatches } from './conditional-get.js';
import { EXPOSED_HEADERS, preflight } from './cors.js';
import { DOCS_CSP, LANDING_CSP } from './csp.js';
import { preflightLimiter } from './preflight-limit.js';
import type { RateLimitDecision } from './rate-limit.js';
import { requestIdOf } from './request-id.js';

/**
 * The edge of the app, as one middleware (one closure per request, nothing read that the request
 * does not need): request id, CORS, rate limiting (a preflight costs a tenth of a token, see
 * preflight-limit.ts, and carries no RateLimit-* headers: scripts never see them), the global body
 * cap and media type, conditional catalog GETs, security headers and the per-request log hook. Its
 * pure parts live in the files next to this one. Runtime-neutral: what differs per runtime (client
 * address, limiter, log sink, `Connection: close`) comes in through AppDeps.
 *
 * Speed matters here (docs/performance.md): the request body is never touched, and a JSON answer
 * is built once with every header in place (`stampJson`); other answers get the headers after the
 * handler.
 */
export function edge(deps: AppDeps): MiddlewareHandler {
  const maxBodyBytes = Math.min(deps.maxBodyBytes ?? MAX_BODY_LIMIT_BYTES, MAX_BODY_LIMIT_BYTES);
  const limiter = deps.rateLimiter;
  const preflights = limiter && preflightLimiter(limiter);
  const clientIp = deps.clientIp;
  const onRequest = deps.onRequest;
  const closeUnread = deps.closeUnreadBodies === true;

  return async (c, next) => {
    const time = onRequest ? Date.now() : 0;
    const started = onRequest ? performance.now() : 0;
    const method = c.req.method;
    const read = method === 'GET' || method === 'HEAD';
    const requestId = requestIdOf(c.req.header('x-request-id'));
    const path = c.req.path;
    let decision: RateLimitDecision | undefined;
    let etag: string | undefined;
    let early: Response | undefined;

    if (method === 'OPTIONS') {
      const d = preflights?.(rateLimitKey(clientIp?.(c)));
      const paid = d instanceof Promise ? await d : d;
      early = paid && !paid.allowed ? rateLimited(paid) : preflight(c);
    } else {
      if (limiter) {
        const d = limiter.check(rateLimitKey(clientIp?.(c)));
        decision = d instanceof Promise ? await d : d;
        if (!decision.allowed) early = rateLimited(decision);
      }
      if (!early && !read) early = guardBody(c, method, maxBodyBytes);
      if (!early && read && CATALOG_PATH.test(path)) {
        const inm = c.req.header('if-none-match');
        etag = catalogEtag(c, deps);
        if (inm !== undefined && etag !== undefined && etagMatches(inm, etag))
          early = new Response(null, {
            status: 304,
            headers: { etag, 'cache-control': CATALOG_CACHE_CONTROL },
          });
      }
    }

    // Headers of every answer, as a plain object: node-server writes a plain-object header set
    // straight to the socket, while a Headers instance costs a copy, validation and a sort. Each
    // header also costs its writing and the client's parsing, so the browser-only ones (CORS,
    // nosniff) go where a browser may read the answer: GETs (shared caches may keep them, and a
    // page may load one by URL) and requests with an Origin. Browsers send an Origin with every
    // other method (Fetch standard), so a POST without one is not a browser's and gets neither.
    // Referrer-Policy goes on HTML pages only.
    const headers: Record<string, string> =
      read || c.req.header('origin') !== undefined
        ? {
            'access-control-allow-origin': '*',
            'access-control-expose-headers': EXPOSED_HEADERS,
            'x-request-id': requestId,
            'x-content-type-options': 'nosniff',
          }
        : { 'x-request-id': requestId };
    if (decision) {
      headers['ratelimit-limit'] = String(decision.limit);
      headers['ratelimit-remaining'] = String(decision.remaining);
      headers['ratelimit-reset'] = String(decision.resetSeconds);
    }

    let stamp: Stamp | undefined;
    if (early) {
      c.res = early;
    } else {
      stamp = stampJson(c, headers, read && CATALOG_PATH.test(path) ? deps : undefined);
      await next();
    }

    const res = c.res;
    const status = res.status;
    if (res !== stamp?.stamped) {
      const h = res.headers;
      // A route may have set some (RateLimit-* after charging a request's cost): theirs stay.
      for (const name in headers) if (!h.has(name)) h.set(name, headers[name] as string);
      if (status === 200 && !early && read) {
        if (CATALOG_PATH.test(path)) {
          etag ??= catalogEtag(c, deps); // the handler may have loaded the catalog
          if (etag !== undefined) {
            h.set('etag', etag);
            h.set('cache-control', CATALOG_CACHE_CONTROL);
          }
        } else if (path === '/') {
          h.set('content-security-policy', LANDING_CSP);
        } else if (path === '/docs') {
          h.set('content-security-policy', DOCS_CSP);
        }
      }
      if (h.get('content-type')?.startsWith('text/html')) h.set('referrer-policy', 'no-referrer');
      // Answered before the body was read: on a kept-alive connection the unread bytes would be
      // taken for the next request (Node), so close it.
      if (
        closeUnread &&
        status >= 400 &&
        !read &&
        method !== 'OPTIONS' &&
        hasBody(c) &&
        (!c.req.raw.bodyUsed || status === 413)
      )
        h.set('connection', 'close');
    }

    if (onRequest)
      onRequest({ method, path, status, durationMs: performance.now() - started, requestId, time });
  };
}

const rateLimited = (decision: RateLimitDecision): Response =>
  problemResponse(problems.rateLimited(decision.retryAfterSeconds), {
    'retry-after': String(decision.retryAfterSeconds),
  });

interface Stamp {
  /** The answer built by the fast path, when the handler took it. */
  stamped?: Response;
}

/**
 * Fast path: a handler's `c.json(body, 200/201…)` (every JSON route) is answered with the edge
 * headers already in place (the catalog ETag too, on a 200), so the answer is never touched
 * again. Anything else (other helpers, `c.header()` calls, error answers) gets the headers after
 * the handler instead.
 *
 * Measured (docs/performance.md): with this path, ~2.2 MB survive each young-generation GC under
 * load, against ~0.2 MB when Hono builds the answer and the headers are added after it; the cause
 * is not pinned down (the wrappers are kept in this small scope all the same). The path still
 * costs less CPU per request than the other once Node runs with a 32 MiB young generation
 * (`npm start`), and about the same without it.
 */
function stampJson(
  c: Context,
  headers: Record<string, string>,
  /** Given on catalog GETs: a 200 carries their ETag. */
  catalogDeps: AppDeps | undefined,
): Stamp {
  const stamp: Stamp = {};
  const json = c.json as (...args: unknown[]) => Response;
  const header = c.header as (...args: unknown[]) => void;
  let touched = false;
  c.header = ((...args: unknown[]) => {
    touched = true;
    return header(...args);
  }) as typeof c.header;
  c.json = ((object: unknown, status?: unknown, extra?: unknown) => {
    if (touched || typeof status !== 'number' || status >= 400 || extra !== undefined)
      return json(object, status, extra);
    headers['content-type'] = 'application/json';
    const etag = status === 200 && catalogDeps ? catalogEtag(c, catalogDeps) : undefined;
    if (etag !== undefined) {
      headers.etag = etag;
      headers['cache-control'] = CATALOG_CACHE_CONTROL;
    }
    stamp.stamped = new Response(toJson(object), { status, headers });
    return stamp.stamped;
  }) as typeof c.json;
  return stamp;
}

/** The ETag of a catalog answer to this request, once a catalog is loaded. */
function catalogEtag(c: Context, deps: AppDeps): string | undefined {
  const version = deps.catalog.current()?.dataVersion;
  return version === undefined ? undefined : catalogEtagOfUrl(version, c.req.url);
}
