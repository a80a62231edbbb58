import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps } from './deps.js';
import { toJson } from './json.js';
import { problemResponse, problems } from './problem.js';
import type { RateLimitDecision } from './rate-limit.js';

/**
 * The edge of the app, as one middleware (one closure per request, nothing read that the request
 * does not need): request id, CORS, rate limiting, body limits, conditional catalog GETs, security
 * headers and the per-request log hook. Runtime-neutral: what differs per runtime (client address,
 * limiter, log sink, `Connection: close`) comes in through AppDeps.
 *
 * Speed matters here (see STACK-NOTES): the request body is never touched unless it has no
 * Content-Length, and the answer is only touched after the handler, through Hono's context.
 */

export const DEFAULT_MAX_BODY_BYTES = 1_048_576; // 1 MiB

/** One access-log record, handed to `AppDeps.onRequest` once the answer is built. */
export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  durationMs: number;
  requestId: string;
  /** ms since the epoch, when the request arrived. */
  time: number;
}

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;
/** An incoming X-Request-Id is echoed when it is short and plain (UUID, ULID, hex trace id, cf-ray…). */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:/+=-]{1,128}$/;
/** Catalog GETs: answers that depend only on the factor data version and the URL. */
const CATALOG_PATH = /^\/v1\/(providers|grid-intensity|sources)(\/|$)/;
export const CATALOG_CACHE_CONTROL = 'public, max-age=300';

const EXPOSED_HEADERS =
  'ETag, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, X-Request-Id';

/** The landing page serves its scripts and styles from this origin, none inline. */
export const LANDING_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * /docs is Swagger UI: its bundle and stylesheet come from cdn.jsdelivr.net and it boots from one
 * inline script, allowed by its hash (computed from the page itself, so it follows the package).
 * Styles: Swagger UI sets inline styles, hence 'unsafe-inline' for style-src only.
 */
export function docsCsp(inlineScriptHashes: string[]): string {
  const hashes = inlineScriptHashes.map((h) => `'sha256-${h}'`).join(' ');
  return (
    `default-src 'none'; script-src ${hashes} https://cdn.jsdelivr.net; ` +
    "style-src https://cdn.jsdelivr.net 'unsafe-inline'; img-src 'self' data: https://cdn.jsdelivr.net; " +
    "connect-src 'self'; font-src https://cdn.jsdelivr.net; base-uri 'none'; form-action 'self'; " +
    "frame-ancestors 'none'"
  );
}

/** SHA-256 (base64) of each inline `<script>` of an HTML page, as CSP hash sources. */
export async function inlineScriptHashes(html: string): Promise<string[]> {
  const out: string[] = [];
  for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    if (/\ssrc\s*=/i.test(m[1] ?? '')) continue;
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(m[2] ?? ''));
    let bin = '';
    for (const b of new Uint8Array(digest)) bin += String.fromCharCode(b);
    out.push(btoa(bin));
  }
  return out;
}

/** FNV-1a, 32 bits, base 36: a cheap, stable digest of a URL for ETags. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** Strong ETag of a catalog answer: the factor data version and the path with its query. */
export function catalogEtag(dataVersion: string, pathAndQuery: string): string {
  return `"${dataVersion.replace(/[^\x21\x23-\x7e]/g, '')}.${fnv1a(pathAndQuery)}"`;
}

/** If-None-Match matches (weak comparison, as RFC 9110 asks for GET). */
function etagMatches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  const bare = etag.slice(1, -1);
  for (const part of ifNoneMatch.split(',')) {
    const t = part.trim();
    const v = t.startsWith('W/') ? t.slice(2) : t;
    if (v === etag || v === bare) return true;
  }
  return false;
}

/**
 * Rate-limit key of an address: IPv4 as is, IPv6 by its /64 (one subscriber's prefix: rotating
 * addresses inside it does not buy a new quota), an IPv4-mapped IPv6 address as its IPv4.
 */
export function rateLimitKey(address: string | undefined): string {
  if (!address) return 'unknown';
  if (!address.includes(':')) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1] as string;
  const bare = address.split('%')[0] as string;
  const [head = '', tail] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => (g || '0').toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** The request announces a body (HTTP/1.1: a non-zero Content-Length, or Transfer-Encoding). */
function hasBody(c: Context): boolean {
  const length = c.req.header('content-length');
  return length === undefined ? c.req.header('transfer-encoding') !== undefined : length !== '0';
}

function preflight(c: Context): Response {
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

/**
 * Reads a body that came without Content-Length (chunked), stopping at the limit. The text is
 * left in Hono's body cache, where the JSON validator reads it. Undefined when it fits.
 */
async function readBounded(c: Context, maxBytes: number): Promise<Response | undefined> {
  const body = c.req.raw.body;
  if (!body) return undefined;
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return problemResponse(problems.payloadTooLarge(maxBytes));
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  // Hono keeps body promises in bodyCache (its type says values): `c.req.json()` reads `text`.
  (c.req.bodyCache as Record<string, unknown>).text = Promise.resolve(new TextDecoder().decode(bytes));
  return undefined;
}

/** Body limit and media type, from the headers alone when Content-Length is given. */
async function guardBody(c: Context, method: string, maxBytes: number): Promise<Response | undefined> {
  const length = c.req.header('content-length');
  const declared = length === undefined ? Number.NaN : Number(length);
  if (declared > maxBytes) return problemResponse(problems.payloadTooLarge(maxBytes));
  if (
    method === 'POST' &&
    c.req.path.startsWith('/v1/') &&
    !JSON_MEDIA_TYPE.test(c.req.header('content-type') ?? '')
  )
    return problemResponse(problems.unsupportedMediaType());
  if (Number.isNaN(declared)) return readBounded(c, maxBytes);
  return undefined;
}

export function hardening(deps: AppDeps): MiddlewareHandler {
  const maxBodyBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const limiter = deps.rateLimiter;
  const clientIp = deps.clientIp;
  const onRequest = deps.onRequest;
  const closeUnread = deps.closeUnreadBodies === true;
  let docsPolicy: Promise<string> | undefined;

  return async (c, next) => {
    const time = onRequest ? Date.now() : 0;
    const started = onRequest ? performance.now() : 0;
    const method = c.req.method;
    const given = c.req.header('x-request-id');
    const requestId = given !== undefined && SANE_REQUEST_ID.test(given) ? given : crypto.randomUUID();
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
      if (!early && method !== 'GET' && method !== 'HEAD') early = await guardBody(c, method, maxBodyBytes);
      if (!early && (method === 'GET' || method === 'HEAD') && CATALOG_PATH.test(path)) {
        const version = deps.catalog.current()?.dataVersion;
        const inm = c.req.header('if-none-match');
        if (version !== undefined && inm !== undefined) {
          const url = c.req.url;
          etag = catalogEtag(version, url.slice(url.indexOf('/', url.indexOf('//') + 2)));
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
    const edge: Record<string, string> = {
      'access-control-allow-origin': '*',
      'access-control-expose-headers': EXPOSED_HEADERS,
      'x-request-id': requestId,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };
    if (decision) {
      edge['ratelimit-limit'] = String(decision.limit);
      edge['ratelimit-remaining'] = String(decision.remaining);
      edge['ratelimit-reset'] = String(decision.resetSeconds);
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
      c.json = ((object: unknown, arg?: unknown, headers?: unknown) => {
        if (touched || typeof arg !== 'number' || arg >= 400 || headers !== undefined)
          return (json as (...a: unknown[]) => Response)(object, arg, headers);
        edge['content-type'] = 'application/json';
        if (arg === 200 && (method === 'GET' || method === 'HEAD') && CATALOG_PATH.test(path)) {
          const version = deps.catalog.current()?.dataVersion;
          if (version !== undefined) {
            if (!etag) {
              const url = c.req.url;
              etag = catalogEtag(version, url.slice(url.indexOf('/', url.indexOf('//') + 2)));
            }
            edge.etag = etag;
            edge['cache-control'] = CATALOG_CACHE_CONTROL;
          }
        }
        stamped = new Response(toJson(object), { status: arg, headers: edge });
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
      for (const name in edge) if (name !== 'content-type') h.set(name, edge[name] as string);
      if (status === 200 && !early && (method === 'GET' || method === 'HEAD')) {
        if (CATALOG_PATH.test(path)) {
          const version = deps.catalog.current()?.dataVersion;
          if (version !== undefined) {
            if (!etag) {
              const url = c.req.url;
              etag = catalogEtag(version, url.slice(url.indexOf('/', url.indexOf('//') + 2)));
            }
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
