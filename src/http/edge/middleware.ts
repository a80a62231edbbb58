import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from '../deps.js';
import { toJson } from '../json.js';
import { problemResponse, problems } from '../problem.js';
import { MAX_BODY_LIMIT_BYTES } from '../route-limits.js';
import { guardBody, hasBody } from './body-limit.js';
import { rateLimitKey } from './client-key.js';
import { CATALOG_CACHE_CONTROL, CATALOG_PATH, catalogEtagOfUrl, etagMatches } from './conditional-get.js';
import { EXPOSED_HEADERS, preflight } from './cors.js';
import { docsCsp, inlineScriptHashes, LANDING_CSP } from './csp.js';
import type { RateLimitDecision } from './rate-limit.js';
import { requestIdOf } from './request-id.js';

/**
 * The edge of the app, as one middleware (one closure per request, nothing read that the request
 * does not need): request id, CORS, rate limiting, body limits, conditional catalog GETs, security
 * headers and the per-request log hook. Its pure parts live in the files next to this one.
 * Runtime-neutral: what differs per runtime (client address, limiter, log sink,
 * `Connection: close`) comes in through AppDeps.
 *
 * Speed matters here (docs/performance.md): the request body is never touched unless it has no
 * Content-Length, and the answer is only touched after the handler, through Hono's context.
 */
export function edge(deps: AppDeps): MiddlewareHandler {
  const maxBodyBytes = Math.min(deps.maxBodyBytes ?? MAX_BODY_LIMIT_BYTES, MAX_BODY_LIMIT_BYTES);
  const limiter = deps.rateLimiter;
  const clientIp = deps.clientIp;
  const onRequest = deps.onRequest;
  const closeUnread = deps.closeUnreadBodies === true;
  let docsPolicy: Promise<string> | undefined;

  return async (c, next) => {
    const time = onRequest ? Date.now() : 0;
    const started = onRequest ? performance.now() : 0;
    const method = c.req.method;
    const requestId = requestIdOf(c.req.header('x-request-id'));
    const path = c.req.path;
    let decision: RateLimitDecision | undefined;
    let etag: string | undefined;
    let early: Response | undefined;

    if (method === 'OPTIONS') {
      early = preflight(c);
    } else {
      if (limiter) {
        const d = limiter.check(rateLimitKey(clientIp?.(c)));
        decision = d instanceof Promise ? await d : d;
        if (!decision.allowed)
          early = problemResponse(problems.rateLimited(decision.retryAfterSeconds), {
            'retry-after': String(decision.retryAfterSeconds),
          });
      }
      if (!early && method !== 'GET' && method !== 'HEAD') early = guardBody(c, method, maxBodyBytes);
      if (!early && (method === 'GET' || method === 'HEAD') && CATALOG_PATH.test(path)) {
        const version = deps.catalog.current()?.dataVersion;
        const inm = c.req.header('if-none-match');
        if (version !== undefined && inm !== undefined) {
          etag = catalogEtagOfUrl(version, c.req.url);
          if (etagMatches(inm, etag))
            early = new Response(null, {
              status: 304,
              headers: { etag, 'cache-control': CATALOG_CACHE_CONTROL },
            });
        }
      }
    }

    // Headers of every answer, as a plain object: node-server writes a plain-object header set
    // straight to the socket, while a Headers instance costs a copy, validation and a sort.
    const headers: Record<string, string> = {
      'access-control-allow-origin': '*',
      'access-control-expose-headers': EXPOSED_HEADERS,
      'x-request-id': requestId,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };
    if (decision) {
      headers['ratelimit-limit'] = String(decision.limit);
      headers['ratelimit-remaining'] = String(decision.remaining);
      headers['ratelimit-reset'] = String(decision.resetSeconds);
    }

    let stamped: Response | undefined;
    if (early) {
      c.res = early;
    } else {
      // Fast path: a handler's `c.json(body, status)` (every JSON route) is answered here with the
      // edge headers already in place, so the answer is never touched again. Anything else (other
      // helpers, `c.header()` calls, error answers) gets the headers after the handler instead.
      const json = c.json;
      const header = c.header;
      let touched = false;
      c.header = ((...args: Parameters<typeof header>) => {
        touched = true;
        return header(...args);
      }) as typeof header;
      c.json = ((object: unknown, arg?: unknown, extra?: unknown) => {
        if (touched || typeof arg !== 'number' || arg >= 400 || extra !== undefined)
          return (json as (...a: unknown[]) => Response)(object, arg, extra);
        headers['content-type'] = 'application/json';
        if (arg === 200 && (method === 'GET' || method === 'HEAD') && CATALOG_PATH.test(path)) {
          const version = deps.catalog.current()?.dataVersion;
          if (version !== undefined) {
            etag ??= catalogEtagOfUrl(version, c.req.url);
            headers.etag = etag;
            headers['cache-control'] = CATALOG_CACHE_CONTROL;
          }
        }
        stamped = new Response(toJson(object), { status: arg, headers });
        return stamped;
      }) as typeof json;
      await next();
    }

    let res = c.res;
    const status = res.status;
    if (res !== stamped) {
      if (status === 200 && path === '/docs' && (method === 'GET' || method === 'HEAD')) {
        // The policy names the page's inline script by its hash (computed once, from the page).
        const html = await res.text();
        docsPolicy ??= inlineScriptHashes(html).then(docsCsp);
        res = new Response(method === 'HEAD' ? null : html, { status, headers: res.headers });
        res.headers.set('content-security-policy', await docsPolicy);
        c.res = undefined;
        c.res = res;
      }
      const h = res.headers;
      // A route may have set some (RateLimit-* after charging a request's cost): theirs stay.
      for (const name in headers)
        if (name !== 'content-type' && !h.has(name)) h.set(name, headers[name] as string);
      if (status === 200 && !early && (method === 'GET' || method === 'HEAD')) {
        if (CATALOG_PATH.test(path)) {
          const version = deps.catalog.current()?.dataVersion;
          if (version !== undefined) {
            etag ??= catalogEtagOfUrl(version, c.req.url);
            h.set('etag', etag);
            h.set('cache-control', CATALOG_CACHE_CONTROL);
          }
        } else if (path === '/') {
          h.set('content-security-policy', LANDING_CSP);
        }
      }
      // Answered before the body was read: on a kept-alive connection the unread bytes would be
      // taken for the next request (Node), so close it.
      if (
        closeUnread &&
        status >= 400 &&
        method !== 'GET' &&
        method !== 'HEAD' &&
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
