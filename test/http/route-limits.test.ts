import { createRoute, z } from '@hono/zod-openapi';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { CatalogCache } from '../../src/factors/catalog-cache.js';
import type { SiteStore } from '../../src/factors/site-store.js';
import { createRouter } from '../../src/http/create-router.js';
import { edge } from '../../src/http/edge/middleware.js';
import { createBindingRateLimiter, createMemoryRateLimiter } from '../../src/http/edge/rate-limit.js';
import { jsonRoute } from '../../src/http/json-route.js';
import { MAX_OBJECT_KEYS } from '../../src/http/json-shape.js';
import { MAX_PROBLEM_ERRORS } from '../../src/http/problem.js';
import { KIB, MIB } from '../../src/http/route-limits.js';
import { estimateBatchLimits } from '../../src/http/routes/batch-estimates/batch-estimates.routes.js';
import { edgeApp, jsonPost, memoryStores, paddedJson } from '../helpers/edge-app.js';

// Bounded work per request: per-route body limits, the shape guard before validation (keys per
// object, nesting), at most 20 errors per problem, and rate-limit tokens by cost.

let catalog: CatalogCache;
let sites: SiteStore;
beforeAll(async () => {
  ({ catalog, sites } = await memoryStores());
});

const SERVER = { provider: 'aws', region: 'us-east-1', instance_type: 'm5.large', duration_hours: 1 };
const WEBSITE = { bytes: 1_000_000 };
const MEASUREMENT = { url: 'https://limits.example.org/', bytes: 1_000_000 };
const COMPARE = {
  workload: { kind: 'server', instance_type: 'm5.large', duration_hours: 1 },
  candidates: [
    { provider: 'aws', region: 'us-east-1' },
    { provider: 'aws', region: 'eu-west-3' },
  ],
};
const API = { provider: 'aws', region: 'us-east-1', requests: 1000, cpu_ms_per_request: 5 };
const batchOf = (n: number) => ({ items: Array.from({ length: n }, () => ({ type: 'server', ...SERVER })) });

// biome-ignore lint/suspicious/noExplicitAny: problems are read as plain JSON
type Json = any;
const exactly = (body: unknown, size: number) => {
  const bytes = paddedJson(body, size);
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(bytes.length) },
    body: bytes,
  };
};

/** `{"k0":0,"k1":0,…}` with `n` keys. */
const manyKeys = (n: number, extra: Record<string, unknown> = {}) => {
  const o: Record<string, unknown> = { ...extra };
  for (let i = 0; i < n; i++) o[`k${i}`] = 0;
  return o;
};

describe('per-route body limits', () => {
  const cases: [string, unknown, number][] = [
    ['/v1/estimates/server', SERVER, 64 * KIB],
    ['/v1/estimates/website', WEBSITE, 64 * KIB],
    ['/v1/estimates/api', API, 64 * KIB],
    ['/v1/compare', COMPARE, 64 * KIB],
    ['/v1/sites/measurements', MEASUREMENT, 4 * KIB],
    ['/v1/estimates/batch', batchOf(3), 2 * MIB],
  ];

  it.each(cases)(
    '%s accepts a body of exactly its limit and refuses one byte more',
    async (path, body, limit) => {
      const { app } = edgeApp(catalog, { sites });
      const ok = await app.request(path, exactly(body, limit));
      expect([200, 201], await ok.clone().text()).toContain(ok.status);
      const over = await app.request(path, exactly(body, limit + 1));
      expect(over.status).toBe(413);
      expect(((await over.json()) as Json).detail).toBe(`The request body exceeds ${limit} bytes.`);
    },
  );
});

describe('a 1 MiB body of 90,000 unknown keys', () => {
  const flood = JSON.stringify(manyKeys(90_000));

  it('is refused from its Content-Length on a single estimate (64 KiB)', async () => {
    expect(flood.length).toBeGreaterThan(0.9 * MIB); // under the 1 MiB that was the only limit
    expect(flood.length).toBeLessThan(MIB);
    const { app } = edgeApp(catalog, { closeUnreadBodies: true });
    const res = await app.request(
      '/v1/estimates/server',
      jsonPost(flood, { 'content-length': String(flood.length) }),
    );
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
    expect((await res.text()).length).toBeLessThan(300);
  });

  it('is answered with one bounded error where 2 MiB may come in (batch), before validation', async () => {
    const { app } = edgeApp(catalog);
    for (const [body, path] of [
      [flood, 'body'],
      [JSON.stringify({ items: [manyKeys(90_000, { type: 'server' })] }), 'items[0]'],
    ] as const) {
      expect(body.length).toBeLessThan(2 * MIB);
      const res = await app.request('/v1/estimates/batch', jsonPost(body));
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(text.length).toBeLessThan(400); // it was 5.5 MB, listing every key
      expect(JSON.parse(text)).toEqual({
        type: '/problems/validation-error',
        title: 'Invalid request',
        status: 400,
        detail: `1 field is invalid: ${path}.`,
        errors: [{ path, message: `Too many fields: an object here has at most ${MAX_OBJECT_KEYS}.` }],
      });
    }
  });
});

describe('a 2 MiB body of empty objects', () => {
  // `{"items":[{},{},…]}`: ~699,000 items, which JSON.parse took ~200 ms to build before the item
  // limit was checked; the guard now stops at item 1,001 and the refusal costs as a batch of them.
  const emptyObjects = (count: number) => `{"items":[${'{},'.repeat(count - 1)}{}]}`;
  const flood = emptyObjects(Math.floor((2 * MIB - 11) / 3));
  const tooMany = {
    path: 'items',
    message: 'Too many items: no list in this body may have more than 1000.',
  };
  const limited = () =>
    edgeApp(catalog, {
      rateLimiter: createMemoryRateLimiter({ perMinute: 600, now: () => 0 }),
      clientIp: (c) => c.req.header('x-test-ip'),
    }).app;

  it('is refused with a 400 naming the item limit, before JSON.parse sees it', async () => {
    expect(flood.length).toBeGreaterThan(2 * MIB - 4);
    expect(flood.length).toBeLessThanOrEqual(2 * MIB);
    const { app } = edgeApp(catalog);
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const res = await app.request('/v1/estimates/batch', jsonPost(flood));
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.json()).toEqual({
        type: '/problems/validation-error',
        title: 'Invalid request',
        status: 400,
        detail: '1 field is invalid: items.',
        errors: [tooMany],
      });
      expect(parse.mock.calls.filter(([text]) => text.length > KIB)).toEqual([]);
    } finally {
      parse.mockRestore();
    }
    // The same body cut short: still the item limit, not a parse error (the guard came first).
    const cut = await app.request('/v1/estimates/batch', jsonPost(flood.slice(0, MIB)));
    expect(((await cut.json()) as Json).errors).toEqual([tooMany]);
  });

  it('costs as a batch of the 1,001 items counted: five fit in a minute, the sixth is a 429', async () => {
    const app = limited();
    const send = (ip: string) => app.request('/v1/estimates/batch', jsonPost(flood, { 'x-test-ip': ip }));
    for (let i = 1; i <= 5; i++) {
      const res = await send('198.51.100.60');
      expect(res.status).toBe(400);
      expect(res.headers.get('ratelimit-remaining')).toBe(String(600 - 101 * i));
    }
    const refused = await send('198.51.100.60');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.headers.get('retry-after')).toBe('1'); // 100 needed, 94 left, 10 a second
    expect(((await refused.json()) as Json).type).toBe('/problems/rate-limited');
    const other = await app.request(
      '/v1/estimates/batch',
      jsonPost(batchOf(3), { 'x-test-ip': '198.51.100.61' }),
    );
    expect(other.status).toBe(200);
    expect(other.headers.get('ratelimit-remaining')).toBe('599');
  });

  it('within the limits, a batch of 1,000 still passes and 1,001 is refused by the guard', async () => {
    const { app } = edgeApp(catalog);
    expect((await app.request('/v1/estimates/batch', jsonPost(batchOf(1000)))).status).toBe(200);
    const over = await app.request('/v1/estimates/batch', jsonPost(batchOf(1001)));
    expect(((await over.json()) as Json).errors).toEqual([tooMany]);
  });

  it('refuses a body holding more values than any batch could, where the values exceed it', async () => {
    const { app } = edgeApp(catalog);
    const item = { type: 'server', ...SERVER, padding: Array.from({ length: 1000 }, () => 0) };
    const res = await app.request(
      '/v1/estimates/batch',
      jsonPost({ items: Array.from({ length: 40 }, () => item) }),
    );
    expect(res.status).toBe(400);
    const max = estimateBatchLimits.maxValues as number;
    // 1 + 1 + 40 items of (1 + 5 fields + 1,000 elements): the item where the count passes the bound
    // (36,003: 1,000 items of the largest kind, an API item with 3 LLM calls) holds the value too many.
    const k = Math.floor((max - 2) / 1007);
    expect(k).toBeLessThan(40);
    expect(((await res.json()) as Json).errors).toEqual([
      {
        path: `items[${k}].padding[${max - 2 - k * 1007 - 6 - 1}]`,
        message: `Too many values: this body may hold at most ${max}.`,
      },
    ]);
  });
});

describe('the shape guard', () => {
  it('lets exactly 100 keys through to validation, which names them (20 listed, the rest counted)', async () => {
    const { app } = edgeApp(catalog);
    const res = await app.request('/v1/estimates/server', jsonPost(manyKeys(MAX_OBJECT_KEYS - 4, SERVER)));
    expect(res.status).toBe(400);
    const p = (await res.json()) as Json;
    expect(p.errors).toHaveLength(MAX_PROBLEM_ERRORS);
    expect(p.errors_omitted).toBe(96 - MAX_PROBLEM_ERRORS);
    expect(p.errors[0]).toEqual({ path: 'k0', message: "Unknown field 'k0'." });
    expect(p.detail).toBe(
      `96 errors (the first 20 listed), in ${Array.from({ length: 20 }, (_, i) => `k${i}`).join(', ')}, ….`,
    );
    const over = await app.request('/v1/estimates/server', jsonPost(manyKeys(MAX_OBJECT_KEYS - 3, SERVER)));
    expect(((await over.json()) as Json).errors).toEqual([
      { path: 'body', message: `Too many fields: an object here has at most ${MAX_OBJECT_KEYS}.` },
    ]);
  });

  it('refuses nesting deeper than the route schema allows, and validates what is within it', async () => {
    const { app } = edgeApp(catalog);
    const hardware = {
      provider: 'aws',
      region: 'us-east-1',
      duration_hours: 1,
      hardware: { vcpus: 2, memory_gb: 4 },
    };
    expect((await app.request('/v1/estimates/server', jsonPost(hardware))).status).toBe(200);
    // One level deeper than anything valid: refused before validation, at its path.
    const deeper = { ...hardware, hardware: { vcpus: 2, memory_gb: { gb: 4 } } };
    expect(
      ((await (await app.request('/v1/estimates/server', jsonPost(deeper))).json()) as Json).errors,
    ).toEqual([{ path: 'hardware.memory_gb', message: 'Nested deeper than this body allows (2 levels).' }]);
    // Within the depth, a wrong nested value is validation's to name.
    const typo = { ...SERVER, extra: { a: 1 } };
    expect(
      ((await (await app.request('/v1/estimates/server', jsonPost(typo))).json()) as Json).errors,
    ).toEqual([{ path: 'extra', message: "Unknown field 'extra'." }]);
    // 100,000 nested arrays: one error at the first level too deep.
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const res = await app.request('/v1/estimates/batch', jsonPost(deep));
    expect(res.status).toBe(400);
    expect(((await res.json()) as Json).errors).toEqual([
      {
        path: '[0][0][0][0][0]',
        message: `Nested deeper than this body allows (${estimateBatchLimits.maxDepth} levels).`,
      },
    ]);
  });

  it('allows batch items as deep as their deepest kind (API allocation with hardware)', async () => {
    const { app } = edgeApp(catalog);
    const item = {
      type: 'api',
      server: {
        provider: 'aws',
        region: 'us-east-1',
        hardware: { vcpus: 2, memory_gb: 4 },
        duration_hours: 1,
      },
      requests: 10,
    };
    const res = await app.request('/v1/estimates/batch', jsonPost({ items: [item] }));
    expect(res.status).toBe(200);
    expect(((await res.json()) as Json).items[0].status).toBe('ok');
  });

  it('caps the errors of each batch item, too', async () => {
    const { app } = edgeApp(catalog);
    const res = await app.request(
      '/v1/estimates/batch',
      jsonPost({ items: [manyKeys(50, { type: 'server' })] }),
    );
    const error = ((await res.json()) as Json).items[0].error;
    expect(error.errors).toHaveLength(MAX_PROBLEM_ERRORS);
    expect(error.errors_omitted).toBeGreaterThan(30);
  });
});

describe('rate-limit tokens by cost', () => {
  const limited = (perMinute: number, now = () => 0) =>
    edgeApp(catalog, {
      rateLimiter: createMemoryRateLimiter({ perMinute, now }),
      clientIp: () => '198.51.100.40',
    }).app;

  it('charges a batch ceil(items / 10) tokens, with RateLimit-* headers after the whole cost', async () => {
    const app = limited(10);
    const first = await app.request(
      '/v1/estimates/batch',
      jsonPost(batchOf(25), { origin: 'https://shop.example' }),
    );
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-remaining')).toBe('7'); // 10 − 3
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    const single = await app.request('/v1/estimates/batch', jsonPost(batchOf(1)));
    expect(single.headers.get('ratelimit-remaining')).toBe('6'); // 1 item, 1 token
    const refused = await app.request('/v1/estimates/batch', jsonPost(batchOf(70))); // 7 tokens, 6 left
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('6'); // one token every 6 s at 10/min
    expect(refused.headers.get('ratelimit-remaining')).toBe('5'); // the edge's token is spent
    expect(((await refused.json()) as Json).type).toBe('/problems/rate-limited');
  });

  it('charges a refused body one token only', async () => {
    const app = limited(3);
    const bad = await app.request('/v1/estimates/batch', jsonPost({ items: 'many' }));
    expect(bad.status).toBe(400);
    expect(bad.headers.get('ratelimit-remaining')).toBe('2');
  });

  it('refuses a cost above the whole bucket for good, without Retry-After', async () => {
    const app = limited(50);
    const res = await app.request('/v1/estimates/batch', jsonPost(batchOf(1000))); // 100 tokens
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeNull();
    const p = (await res.json()) as Json;
    expect(p.detail).toBe(
      'This request costs 100 rate-limit tokens, more than the 50 a client may spend per minute: it can never pass under this limit. Send a smaller request.',
    );
    expect((await app.request('/v1/estimates/batch', jsonPost(batchOf(10)))).status).toBe(200);
  });

  it('charges a route with a constant cost before reading its body (what a lab test will cost)', async () => {
    const route = createRoute({
      method: 'post',
      path: '/v1/costly',
      request: {
        body: { content: { 'application/json': { schema: z.strictObject({ url: z.string() }) } } },
      },
      responses: { 200: { description: 'ok' } },
    });
    const costly = (perMinute: number) => {
      const deps = {
        catalog,
        rateLimiter: createMemoryRateLimiter({ perMinute, now: () => 0 }),
        clientIp: () => '198.51.100.41',
      };
      const app = createRouter();
      app.use('*', edge(deps));
      jsonRoute(app, deps, route, (c) => c.json({ ok: true }, 200), {
        limits: { bodyLimitBytes: KIB, tokens: 60 },
      });
      return app;
    };
    const roomy = costly(100);
    const first = await roomy.request('/v1/costly', jsonPost({ url: 'https://a.example' }));
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-remaining')).toBe('40');
    const second = await roomy.request('/v1/costly', jsonPost({ url: 'https://a.example' }));
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('12'); // 59 needed, 39 left: 20 tokens at 100/min
    const tight = costly(50);
    const never = await tight.request('/v1/costly', jsonPost({ url: 'https://a.example' }));
    expect(never.status).toBe(429);
    expect(((await never.json()) as Json).detail).toMatch(/costs 60 rate-limit tokens, more than the 50/);
  });

  it('with the Workers binding, counts one hit per token', async () => {
    const keys: string[] = [];
    const binding = createBindingRateLimiter(
      {
        limit: async ({ key }) => {
          keys.push(key);
          return { success: keys.length <= 5 };
        },
      },
      createMemoryRateLimiter({ perMinute: 600, now: () => 0 }),
    );
    expect(await binding.check('k', 4)).toMatchObject({ allowed: true });
    expect(keys).toHaveLength(4);
    expect(await binding.check('k', 2)).toMatchObject({ allowed: false, retryAfterSeconds: 60 });
    expect(await binding.check('k', 601)).toMatchObject({ allowed: false });
    expect(keys).toHaveLength(6); // a cost above the limit never reaches the binding
  });
});
