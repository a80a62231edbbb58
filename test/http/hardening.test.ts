import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogCache } from '../../src/factors/catalog-cache.js';
import type { RequestLogEntry } from '../../src/http/edge/access-log.js';
import { forwardedAddress, rateLimitKey } from '../../src/http/edge/client-key.js';
import { CATALOG_CACHE_CONTROL, catalogEtag } from '../../src/http/edge/conditional-get.js';
import { DOCS_CSP, LANDING_CSP } from '../../src/http/edge/csp.js';
import { createMemoryRateLimiter } from '../../src/http/edge/rate-limit.js';
import { MAX_BODY_LIMIT_BYTES } from '../../src/http/route-limits.js';
import { estimateServerLimits } from '../../src/http/routes/server-estimates/server-estimates.routes.js';
import { edgeApp, jsonPost, memoryCatalog, paddedJson, streamOf } from '../helpers/edge-app.js';

let catalog: CatalogCache;
beforeAll(async () => {
  catalog = await memoryCatalog();
});

const SERVER = { provider: 'aws', region: 'us-east-1', instance_type: 'm5.large', duration_hours: 1 };

async function expectProblem(res: Response, status: number, type: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as { status: number; type: string };
  expect(body).toMatchObject({ status, type });
}

describe('body limit (413)', () => {
  // Each JSON route has its own limit (test/http/route-limits.test.ts); the edge refuses anything
  // above the largest one before routing.
  it('refuses a declared Content-Length over the largest route limit on any path, before routing', async () => {
    const { app } = edgeApp(catalog);
    for (const path of ['/v1/estimates/batch', '/v1/nowhere']) {
      const res = await app.request(path, {
        ...jsonPost({ items: [] }, { 'content-length': String(MAX_BODY_LIMIT_BYTES + 1) }),
      });
      await expectProblem(res, 413, '/problems/payload-too-large');
    }
  });

  it('stops reading a body without Content-Length (chunked) at the route limit', async () => {
    const { app } = edgeApp(catalog, { closeUnreadBodies: true });
    const res = await app.request('/v1/estimates/server', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: streamOf(paddedJson(SERVER, 3 * estimateServerLimits.bodyLimitBytes), 8_192),
      duplex: 'half',
    } as RequestInit);
    await expectProblem(res, 413, '/problems/payload-too-large');
    expect(res.headers.get('connection')).toBe('close');
  });

  it('parses a chunked body under the limit like any other', async () => {
    const { app } = edgeApp(catalog);
    const res = await app.request('/v1/estimates/server', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: streamOf(paddedJson(SERVER, estimateServerLimits.bodyLimitBytes), 10_000),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { co2e_g: number }).co2e_g).toBeGreaterThan(0);
  });

  it('honours a smaller configured limit, and still answers malformed JSON with 400', async () => {
    const { app } = edgeApp(catalog, { maxBodyBytes: 100 });
    await expectProblem(
      await app.request('/v1/estimates/server', jsonPost({ ...SERVER, padding: 'x'.repeat(200) })),
      413,
      '/problems/payload-too-large',
    );
    await expectProblem(
      await app.request('/v1/estimates/server', jsonPost('{"provider": ')),
      400,
      '/problems/malformed-json',
    );
  });
});

describe('media type (415)', () => {
  it('rejects a POST body that is not JSON', async () => {
    const { app } = edgeApp(catalog, { closeUnreadBodies: true });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', '']) {
      const res = await app.request('/v1/estimates/website', {
        method: 'POST',
        headers: type ? { 'content-type': type, 'content-length': '15' } : { 'content-length': '15' },
        body: '{"bytes": 1000}',
      });
      await expectProblem(res, 415, '/problems/unsupported-media-type');
      expect(res.headers.get('connection')).toBe('close');
    }
    const ok = await app.request(
      '/v1/estimates/website',
      jsonPost({ bytes: 1000 }, { 'content-type': 'application/json; charset=utf-8' }),
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('connection')).toBeNull();
  });
});

describe('rate limiting (429)', () => {
  const limited = (perMinute: number, now: () => number) =>
    edgeApp(catalog, {
      rateLimiter: createMemoryRateLimiter({ perMinute, now }),
      clientIp: (c) => c.req.header('x-test-ip'),
      closeUnreadBodies: true,
    }).app;

  it('counts per client address, with RateLimit-* headers, then 429 with Retry-After', async () => {
    let t = 1_000_000;
    const app = limited(3, () => t);
    const get = (ip: string) => app.request('/healthz', { headers: { 'x-test-ip': ip } });
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await get('198.51.100.7');
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBe('3');
      seen.push(res.headers.get('ratelimit-remaining') ?? '');
      expect(Number(res.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    }
    expect(seen).toEqual(['2', '1', '0']);

    const refused = await get('198.51.100.7');
    await expectProblem(refused.clone(), 429, '/problems/rate-limited');
    expect(refused.headers.get('retry-after')).toBe('20'); // one token every 20 s at 3/min
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');

    expect((await get('198.51.100.8')).status).toBe(200); // another client has its own bucket

    t += 20_000; // one token back
    expect((await get('198.51.100.7')).status).toBe(200);
    expect((await get('198.51.100.7')).status).toBe(429);
  });

  it('refuses before reading the body, closing the connection when one was sent', async () => {
    const app = limited(1, () => 0);
    const post = () =>
      app.request(
        '/v1/estimates/server',
        jsonPost(SERVER, { 'x-test-ip': '192.0.2.1', 'content-length': '90' }),
      );
    expect((await post()).status).not.toBe(429);
    const res = await post();
    expect(res.status).toBe(429);
    expect(res.headers.get('connection')).toBe('close');
  });

  const preflightFrom = (app: ReturnType<typeof limited>, ip: string) =>
    app.request('/v1/estimates/server', {
      method: 'OPTIONS',
      headers: {
        'x-test-ip': ip,
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
      },
    });

  it('counts ten preflights as one token of the client’s budget, then answers 429', async () => {
    let t = 1_000_000;
    const app = limited(3, () => t);
    for (let i = 0; i < 30; i++) {
      const pre = await preflightFrom(app, '192.0.2.9');
      expect(pre.status, `preflight ${i + 1}`).toBe(204);
      expect(pre.headers.get('access-control-max-age')).toBe('86400');
      expect(pre.headers.get('ratelimit-remaining')).toBeNull(); // scripts never see a preflight
    }
    const refused = await preflightFrom(app, '192.0.2.9');
    await expectProblem(refused.clone(), 429, '/problems/rate-limited');
    expect(refused.headers.get('retry-after')).toBe('20'); // one token every 20 s at 3/min
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    expect(JSON.stringify(await refused.json())).not.toMatch(/\bat\b.*\.ts|stack/i);
    // One budget: the preflights spent what the client's other requests would have used.
    expect((await app.request('/healthz', { headers: { 'x-test-ip': '192.0.2.9' } })).status).toBe(429);
    // Another client is not affected.
    expect((await preflightFrom(app, '192.0.2.10')).status).toBe(204);
    expect((await app.request('/healthz', { headers: { 'x-test-ip': '192.0.2.10' } })).status).toBe(200);
    t += 20_000; // one token back: ten more preflights
    for (let i = 0; i < 10; i++) expect((await preflightFrom(app, '192.0.2.9')).status).toBe(204);
    expect((await preflightFrom(app, '192.0.2.9')).status).toBe(429);
  });

  it('takes a preflight’s token when the first of ten comes, from what other requests left', async () => {
    const app = limited(3, () => 0);
    const get = () => app.request('/healthz', { headers: { 'x-test-ip': '192.0.2.11' } });
    expect((await get()).headers.get('ratelimit-remaining')).toBe('2');
    expect((await preflightFrom(app, '192.0.2.11')).status).toBe(204); // takes 1: 1 left
    expect((await get()).headers.get('ratelimit-remaining')).toBe('0');
    for (let i = 0; i < 9; i++) expect((await preflightFrom(app, '192.0.2.11')).status).toBe(204);
    expect((await preflightFrom(app, '192.0.2.11')).status).toBe(429); // the 11th needs a token
  });

  it('sends no RateLimit headers when disabled', async () => {
    const open = edgeApp(catalog).app;
    const res = await open.request('/healthz');
    expect(res.headers.get('ratelimit-limit')).toBeNull();
    for (let i = 0; i < 50; i++)
      expect((await open.request('/v1/estimates/server', { method: 'OPTIONS' })).status).toBe(204);
  });

  it('keys IPv6 clients by their /64 and IPv4-mapped addresses as IPv4', () => {
    expect(rateLimitKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(rateLimitKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(rateLimitKey('::1')).toBe('0:0:0:0::/64');
    expect(rateLimitKey('::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(rateLimitKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(rateLimitKey('203.0.113.5')).toBe('203.0.113.5');
    expect(rateLimitKey(undefined)).toBe('unknown');
  });

  it('keys anything that is not an IP address as one shared unknown client', () => {
    for (const bad of [
      '',
      'unknown',
      '203.0.113.7:40001',
      '127.1',
      '0x7f.0.0.1',
      '999.1.1.1',
      '2001:db8::g',
      '[::1]',
    ])
      expect(rateLimitKey(bad), bad).toBe('unknown');
  });

  it('reads X-Forwarded-For entries with a port as their address, and refuses what is not an address', () => {
    expect(forwardedAddress('203.0.113.7:40001')).toBe('203.0.113.7');
    expect(forwardedAddress(' 203.0.113.7 ')).toBe('203.0.113.7');
    expect(forwardedAddress('[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(forwardedAddress('[2001:db8::1]')).toBe('2001:db8::1');
    expect(forwardedAddress('2001:db8::1')).toBe('2001:db8::1');
    for (const bad of [
      '',
      'unknown',
      '_hidden',
      'example.org',
      '203.0.113.7:port',
      '1.2.3.4:123456',
      '01.2.3.4',
    ])
      expect(forwardedAddress(bad), bad).toBeUndefined();
    // Every port of one client is one key.
    expect(rateLimitKey(forwardedAddress('203.0.113.7:40001'))).toBe(rateLimitKey('203.0.113.7'));
    expect(rateLimitKey(forwardedAddress('[2001:db8:1:2::9]:443'))).toBe('2001:db8:1:2::/64');
  });
});

describe('CORS', () => {
  it('answers preflights for any origin and exposes the useful headers', async () => {
    const { app } = edgeApp(catalog);
    const pre = await app.request('/v1/estimates/server', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://shop.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-request-id',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
    expect(pre.headers.get('access-control-allow-headers')).toBe('content-type, x-request-id');
    expect(pre.headers.get('access-control-max-age')).toBe('86400');
    expect(await pre.text()).toBe('');

    const res = await app.request(
      '/v1/estimates/server',
      jsonPost(SERVER, { origin: 'https://shop.example' }),
    );
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const exposed = res.headers.get('access-control-expose-headers') ?? '';
    for (const h of ['RateLimit-Remaining', 'Retry-After', 'X-Request-Id', 'ETag'])
      expect(exposed).toContain(h);
    // Every GET (shared caches may keep it), error answers to a browser too.
    expect((await app.request('/v1/providers')).headers.get('access-control-expose-headers')).toBe(exposed);
    const refused = await app.request(
      '/v1/estimates/server',
      jsonPost({}, { origin: 'https://shop.example' }),
    );
    expect(refused.headers.get('access-control-expose-headers')).toBe(exposed);
  });

  it('leaves the browser-only headers off answers to POSTs without an Origin (not a browser)', async () => {
    const { app } = edgeApp(catalog);
    for (const res of [
      await app.request('/v1/estimates/server', jsonPost(SERVER)),
      await app.request('/v1/estimates/server', jsonPost({})),
      await app.request('/v1/estimates/server', { method: 'POST', body: 'x' }), // 415
    ]) {
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-expose-headers')).toBeNull();
      expect(res.headers.get('x-content-type-options')).toBeNull();
    }
    // The same POSTs from a browser (which always sends an Origin), even a same-origin one, get them.
    for (const origin of ['https://shop.example', 'null']) {
      const res = await app.request('/v1/estimates/server', jsonPost({}, { origin }));
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});

describe('conditional catalog GETs (ETag, 304)', () => {
  it('tags catalog answers with the data version and answers 304 on If-None-Match', async () => {
    const { app } = edgeApp(catalog);
    const version = (await catalog.get()).dataVersion;
    for (const path of [
      '/v1/providers',
      '/v1/providers/scaleway',
      '/v1/providers/scaleway/regions',
      '/v1/providers/aws/instance-types',
      '/v1/grid-intensity',
      '/v1/grid-intensity/FR',
      '/v1/sources',
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      const etag = res.headers.get('etag');
      expect(etag, path).toBe(catalogEtag(version, path));
      expect(res.headers.get('cache-control')).toBe(CATALOG_CACHE_CONTROL);

      for (const inm of [etag as string, `W/${etag}`, `"other", ${etag}`, '*']) {
        const again = await app.request(path, { headers: { 'if-none-match': inm } });
        expect(again.status, `${path} ${inm}`).toBe(304);
        expect(again.headers.get('etag')).toBe(etag);
        expect(again.headers.get('cache-control')).toBe(CATALOG_CACHE_CONTROL);
        expect(again.headers.get('access-control-allow-origin')).toBe('*');
        expect(await again.text()).toBe('');
      }
      const stale = await app.request(path, { headers: { 'if-none-match': '"sha256:old.1"' } });
      expect(stale.status).toBe(200);
    }
  });

  it('differs per URL and per data version; no ETag on errors or estimates', async () => {
    expect(catalogEtag('v1', '/v1/providers/aws')).not.toBe(catalogEtag('v1', '/v1/providers/gcp'));
    expect(catalogEtag('v1', '/v1/providers/aws')).not.toBe(catalogEtag('v2', '/v1/providers/aws'));
    const { app } = edgeApp(catalog);
    const missing = await app.request('/v1/providers/nope');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('etag')).toBeNull();
    const estimate = await app.request('/v1/estimates/server', jsonPost(SERVER));
    expect(estimate.headers.get('etag')).toBeNull();
    expect(estimate.headers.get('cache-control')).toBeNull();
  });

  it('changes the ETag when the data version changes', async () => {
    const real = await catalog.get();
    let version = 'sha256:aaaaaaaaaaaa';
    const moving: CatalogCache = {
      get: async () => ({ ...real, dataVersion: version }) as typeof real,
      current: () => ({ ...real, dataVersion: version }) as typeof real,
    };
    const { app } = edgeApp(moving);
    const first = (await app.request('/v1/sources')).headers.get('etag') as string;
    expect((await app.request('/v1/sources', { headers: { 'if-none-match': first } })).status).toBe(304);
    version = 'sha256:bbbbbbbbbbbb';
    const after = await app.request('/v1/sources', { headers: { 'if-none-match': first } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(first);
  });
});

describe('request id and security headers', () => {
  it('echoes a sane X-Request-Id, replaces anything else with a UUID', async () => {
    const { app } = edgeApp(catalog);
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect((await app.request('/healthz')).headers.get('x-request-id')).toMatch(uuid);
    const given = '8a1b2c3d4e5f6a7b-CDG';
    expect(
      (await app.request('/healthz', { headers: { 'x-request-id': given } })).headers.get('x-request-id'),
    ).toBe(given);
    for (const bad of ['x'.repeat(129), 'a b', 'a"b', '<script>', 'é']) {
      const res = await app.request('/healthz', { headers: { 'x-request-id': bad } });
      expect(res.headers.get('x-request-id'), bad).toMatch(uuid);
    }
  });

  it('sends nosniff on every answer a browser may read, errors included, and a referrer policy on HTML pages', async () => {
    const { app } = edgeApp(catalog);
    const browser = { origin: 'https://shop.example' };
    for (const res of [
      await app.request('/healthz'),
      await app.request('/v1/nothing'),
      await app.request('/v1/estimates/server', jsonPost({}, browser)),
      await app.request('/v1/estimates/server', jsonPost(SERVER, browser)),
    ]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBeNull(); // not a document: nothing to refer from
    }
    for (const path of ['/', '/docs']) {
      const page = await app.request(path);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('puts a CSP on /docs that allows this origin only, and the page loads nothing else', async () => {
    const { app } = edgeApp(catalog);
    const res = await app.request('/docs');
    const html = await res.text();
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(DOCS_CSP);
    // Every source is 'self' (or none), plus data: images (Swagger UI's icons): no host, no scheme.
    for (const directive of csp.split(';')) {
      const [name, ...sources] = directive.trim().split(/\s+/);
      for (const source of sources)
        expect(["'self'", "'none'", ...(name === 'img-src' ? ['data:'] : [])], `${name} ${source}`).toContain(
          source,
        );
    }
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/i); // no inline script
    expect(html).not.toMatch(/\sstyle=/i);
    for (const m of html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+)"/g))
      expect(m[1], 'every asset of /docs is served by the API').toMatch(/^\/docs\//);
    const landing = await app.request('/');
    expect(landing.status).toBe(200);
    expect(landing.headers.get('content-security-policy')).toBe(LANDING_CSP);
    // JSON answers carry no CSP (they are never rendered as documents: nosniff + JSON type).
    expect((await app.request('/healthz')).headers.get('content-security-policy')).toBeNull();
  });
});

describe('access log hook', () => {
  it('hands one record per request to onRequest, after the answer is built', async () => {
    const seen: RequestLogEntry[] = [];
    const { app } = edgeApp(catalog, { onRequest: (e) => seen.push(e) });
    await app.request('/healthz?secret=1', { headers: { 'x-request-id': 'req-1' } });
    await app.request('/v1/estimates/server', jsonPost({ nope: 1 }));
    expect(seen).toHaveLength(2);
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/healthz', status: 200, requestId: 'req-1' });
    expect(seen[0]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(seen[1]).toMatchObject({ method: 'POST', path: '/v1/estimates/server', status: 400 });
    expect(Math.abs((seen[1]?.time ?? 0) - Date.now())).toBeLessThan(5_000);
  });
});
