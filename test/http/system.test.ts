import { readFileSync } from 'node:fs';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderOpenApiDocument } from '../../scripts/openapi-file.js';
import type { CatalogCache } from '../../src/factors/catalog-cache.js';
import { createApp } from '../../src/http/app.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

describe('system routes', () => {
  it('reports health with the data version', async () => {
    const res = await t.request('/healthz');
    expect(res.status).toBe(200);
    const body = await t.json(res);
    expect(body.status).toBe('ok');
    expect(body.data_version).toBe((await t.catalog.get()).dataVersion);
  });

  it('serves the interactive reference', async () => {
    const res = await t.request('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain('/openapi.json');
  });

  it("serves the reference's boot script and stylesheet, and 404 for a file it does not have", async () => {
    const script = await t.request('/docs/docs.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('SwaggerUIBundle');
    const styles = await t.request('/docs/docs.css');
    expect(styles.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const missing = await t.request('/docs/secret.txt');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
  });

  // Every request is routed: Hono's RegExpRouter matches in one regular expression, while one
  // route it cannot take (a static path next to a parameter) sends all of them through its trie.
  it("has routes that Hono's RegExpRouter takes", () => {
    const router = new RegExpRouter<unknown>();
    for (const route of t.app.routes) router.add(route.method, route.path, route.handler);
    expect(() => router.match('POST', '/v1/estimates/server')).not.toThrow();
  });

  it('answers unknown routes with a 404 problem', async () => {
    const res = await t.request('/v2/nothing');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await t.json(res)).toMatchObject({ status: 404, title: 'Not found', type: '/problems/not-found' });
  });
});

describe('openapi.json', () => {
  it('is checked in exactly as the routes generate it (run `npm run openapi`)', () => {
    expect(readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8')).toBe(
      renderOpenApiDocument(),
    );
  });

  it('is served at /openapi.json with the same content', async () => {
    const served = await t.json(await t.request('/openapi.json'));
    expect(served).toEqual(JSON.parse(renderOpenApiDocument()));
    expect(served.openapi).toBe('3.1.0');
  });

  it('documents every operation with a summary, a description and examples', () => {
    const doc = JSON.parse(renderOpenApiDocument());
    const text = JSON.stringify(doc);
    for (const [path, item] of Object.entries<Record<string, Record<string, unknown>>>(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        expect(op.summary, `${method} ${path}`).toBeTruthy();
        expect(op.description, `${method} ${path}`).toBeTruthy();
        expect(JSON.stringify(op).includes('"example'), `${method} ${path} has an example`).toBe(true);
      }
    }
    expect(text).toContain('additionalProperties');
  });
});

describe('store unavailable with nothing loaded', () => {
  it('answers 503 problem+json with Retry-After and no stack trace', async () => {
    const down: CatalogCache = {
      get: () => Promise.reject(new Error('SQLITE_CANTOPEN: secret/path/empreinte.db')),
      current: () => undefined,
    };
    const app = createApp({ catalog: down, logError: () => {} });
    for (const res of [
      await app.request('/healthz'),
      await app.request('/v1/providers'),
      await app.request('/v1/estimates/server', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          provider: 'aws',
          region: 'us-east-1',
          instance_type: 'm5.large',
          duration_hours: 1,
        }),
      }),
    ]) {
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      const text = await res.text();
      expect(text).not.toContain('secret/path');
      expect(JSON.parse(text).type).toBe('/problems/service-unavailable');
    }
  });

  it('answers an unexpected error with a bare 500 problem', async () => {
    const logged: unknown[] = [];
    const broken: CatalogCache = {
      get: () => Promise.resolve(null as never),
      current: () => undefined,
    };
    const app = createApp({ catalog: broken, logError: (e) => logged.push(e) });
    const res = await app.request('/v1/providers');
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body).toEqual({
      type: '/problems/internal-error',
      title: 'Internal error',
      status: 500,
      detail: 'The server failed to answer this request. It has been logged.',
    });
    expect(logged).toHaveLength(1);
  });
});

describe('logging', () => {
  it('logs a store failure by default (console.error) while answering 503', async () => {
    const seen: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => seen.push(args[0]);
    try {
      const app = createApp({
        catalog: { get: () => Promise.reject(new Error('disk gone')), current: () => undefined },
      });
      expect((await app.request('/healthz')).status).toBe(503);
    } finally {
      console.error = original;
    }
    expect(seen).toHaveLength(1);
    expect(String(seen[0])).toContain('disk gone');
  });
});

describe('CORS', () => {
  it('lets any origin call the API and answers preflights', async () => {
    const pre = await t.request('/v1/estimates/website', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://example.org',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    const origin = { origin: 'https://example.org' };
    const res = await t.post('/v1/estimates/website', { bytes: 1000 }, origin);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const problem = await t.post('/v1/estimates/website', { bytes: -1 }, origin);
    expect(problem.headers.get('access-control-allow-origin')).toBe('*');
    // Not a browser (no Origin): no CORS headers to parse.
    const plain = await t.post('/v1/estimates/website', { bytes: 1000 });
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
  });
});
