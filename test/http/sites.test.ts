import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer } from '../../src/entries/node/server.js';
import type { SiteStore } from '../../src/factors/site-store.js';
import { createApp } from '../../src/http/app.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const MEASURE = '/v1/sites/measurements';
const read = (t: TestApp, url: string) => t.request(`/v1/sites?url=${encodeURIComponent(url)}`);
const rowCount = async (t: TestApp) =>
  Number((await t.database.client.execute('SELECT count(*) AS n FROM sites')).rows[0]?.n);

describe('POST /v1/sites/measurements and GET /v1/sites', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it('stores a new URL (201), then replaces its measurement and counts it (200)', async () => {
    const first = await t.post(MEASURE, {
      url: 'HTTPS://Shop.Example.COM:443/cart/?session=42#top',
      bytes: 2_366_464,
    });
    expect(first.status).toBe(201);
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    const a = await t.json(first);
    // 2,366,464 bytes under swd-v4: 0.002366464 GB × 148.2 g/GB = 0.3507099648 g, rating E; alone in the
    // store (n = 0) the rank is the reference distribution at its median: 0.5.
    expect(a).toEqual({
      url: 'https://shop.example.com/cart',
      bytes: 2_366_464,
      model: 'swd-v4',
      co2e_g: expect.closeTo(0.3507099648, 12),
      rating: 'E',
      cleaner_than: 0.5,
      measured_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      measurements: 1,
    });
    const estimate = await t.json(await t.request('/v1/estimates/website?bytes=2366464'));
    expect(a.co2e_g).toBe(estimate.per_view.co2e_g);

    const second = await t.post(MEASURE, {
      url: 'https://shop.example.com/cart/',
      bytes: 1_000_000,
      model: 'swd-v3',
    });
    expect(second.status).toBe(200);
    const b = await t.json(second);
    const v3 = await t.json(await t.request('/v1/estimates/website?bytes=1000000&model=swd-v3'));
    expect(b).toMatchObject({
      url: 'https://shop.example.com/cart',
      bytes: 1_000_000,
      model: 'swd-v3',
      co2e_g: v3.per_view.co2e_g,
      rating: v3.rating,
      measurements: 2,
    });
    expect(Date.parse(b.measured_at)).toBeGreaterThanOrEqual(Date.parse(a.measured_at));

    const third = await t.json(await t.post(MEASURE, { url: 'http://shop.example.com/cart', bytes: 0 }));
    expect(third).toMatchObject({
      url: 'http://shop.example.com/cart',
      measurements: 1,
      co2e_g: 0,
      cleaner_than: 1,
    });
  });

  it('reads a page back under any spelling of its URL, and 404s an unknown one', async () => {
    await t.post(MEASURE, { url: 'https://blog.example.net/post/1', bytes: 123_456 });
    for (const spelling of [
      'https://blog.example.net/post/1',
      'HTTPS://BLOG.example.net:443/post/1/',
      'https://blog.example.net/post/1?ref=rss#comments',
    ]) {
      const res = await read(t, spelling);
      expect(res.status, spelling).toBe(200);
      expect(await t.json(res)).toMatchObject({ url: 'https://blog.example.net/post/1', bytes: 123_456 });
    }
    const missing = await read(t, 'https://blog.example.net/post/2');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(await t.json(missing)).toMatchObject({
      type: '/problems/not-found',
      status: 404,
      detail: expect.stringContaining('https://blog.example.net/post/2'),
    });
    const bad = await t.request('/v1/sites?url=ftp%3A%2F%2Fx');
    expect(bad.status).toBe(400);
    expect((await t.json(bad)).errors[0].path).toBe('url');
    const none = await t.request('/v1/sites');
    expect(none.status).toBe(400);
    expect((await t.json(none)).errors).toEqual([{ path: 'url', message: 'Required.' }]);
  });

  it('rejects invalid measurements listing every field, and writes nothing', async () => {
    const before = await rowCount(t);
    const cases: [unknown, string[]][] = [
      [{ url: 'ftp://example.com/', bytes: 1 }, ['url']],
      [{ url: 'https://user:pw@example.com/', bytes: 1 }, ['url']],
      [{ url: `https://example.com/${'a'.repeat(2048)}`, bytes: 1 }, ['url']],
      [{ url: 'not a url', bytes: -1, model: 'swd-v5', extra: true }, ['bytes', 'extra', 'model', 'url']],
      [{ url: 'https://example.com/', bytes: 1_000_000_001 }, ['bytes']],
      [{ url: 'https://example.com/', bytes: 1.5 }, ['bytes']],
      [{ url: 'https://example.com/', bytes: '100' }, ['bytes']],
      [{ bytes: 100 }, ['url']],
      [{ url: 'https://example.com/' }, ['bytes']],
      [[], ['body']],
    ];
    for (const [body, paths] of cases) {
      const res = await t.post(MEASURE, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const problem = await t.json(res);
      expect(problem.type).toBe('/problems/validation-error');
      expect([...new Set(problem.errors.map((e: { path: string }) => e.path))].sort()).toEqual(paths);
    }
    const malformed = await t.post(MEASURE, '{"url": "https://example.com/", "bytes": ');
    expect(malformed.status).toBe(400);
    expect((await t.json(malformed)).type).toBe('/problems/malformed-json');
    const notJson = await t.request(MEASURE, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ url: 'https://example.com/', bytes: 1 }),
    });
    expect(notJson.status).toBe(415);
    expect(await rowCount(t)).toBe(before);
  });

  it('accepts the bounds: 0 and 1e9 bytes, a 2,048-character URL', async () => {
    const url = `https://bounds.example/${'p'.repeat(2048 - 'https://bounds.example/'.length)}`;
    expect(url).toHaveLength(2048);
    expect((await t.post(MEASURE, { url, bytes: 1_000_000_000 })).status).toBe(201);
    expect((await t.post(MEASURE, { url, bytes: 0 })).status).toBe(200);
  });
});

describe('concurrent measurements of one URL', () => {
  it('count all 50 (no lost update), exactly one of them creating the row', async () => {
    const t = await createTestApp();
    const answers = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const r = await t.post(MEASURE, { url: 'https://busy.example/', bytes: 1000 + i });
        return { status: r.status, body: await t.json(r) };
      }),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(49);
    expect(answers.map((a) => a.body.measurements as number).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    const stored = await t.json(await read(t, 'https://busy.example'));
    expect(stored.measurements).toBe(50);
    expect(await rowCount(t)).toBe(1);
  });

  it('count all 50 over HTTP on an embedded libSQL file (the Node server)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'empreinte-sites-'));
    const server = await startNodeServer({ port: 0, databaseUrl: `file:${join(dir, 'sites.db')}` });
    try {
      const statuses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          fetch(`${server.url}${MEASURE}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ url: `https://busy.example/page${i % 2 ? '/' : ''}`, bytes: 50_000 }),
          }).then(async (r) => {
            await r.arrayBuffer();
            return r.status;
          }),
        ),
      );
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 200)).toHaveLength(49);
      const res = await fetch(
        `${server.url}/v1/sites?url=${encodeURIComponent('https://busy.example/page')}`,
      );
      expect((await res.json()).measurements).toBe(50);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cleaner_than', () => {
  it('blends the reference distribution with a few stored pages (hand-computed)', async () => {
    const t = await createTestApp();
    for (const [path, bytes] of [
      ['light', 500_000],
      ['middle', 1_000_000],
      ['heavy', 4_000_000],
    ] as const) {
      await t.post(MEASURE, { url: `https://few.example/${path}`, bytes });
    }
    const middle = await t.json(await read(t, 'https://few.example/middle'));
    // n = 2 others, k = 1 heavier (4 MB) → w = 0.002, empirical = 0.5
    // reference: z = (ln 1e6 − ln 2,366,464) / 0.91 = −0.946590…, 1 − Φ(z) = 0.828076…
    // 0.002 × 0.5 + 0.998 × 0.828076 = 0.827420 → 0.83
    expect(middle.cleaner_than).toBe(0.83);
    const heavy = await t.json(await read(t, 'https://few.example/heavy'));
    // z = ln(4e6 / 2,366,464) / 0.91 = 0.576810…, 1 − Φ(z) = 0.282034…; k = 0 → 0.998 × 0.282034 = 0.281470 → 0.28
    expect(heavy.cleaner_than).toBe(0.28);
  });

  it('is the share of stored pages with a higher footprint once 1,000 others are stored, recomputed at read time', async () => {
    const t = await createTestApp();
    // 1,000 other pages of 10 kB … 10 MB (swd-v4: co2e grows with bytes).
    for (let i = 1; i <= 1000; i++) {
      const bytes = i * 10_000;
      await t.sites.record({
        url: `https://many.example/${i}`,
        bytes,
        model: 'swd-v4',
        co2eG: (bytes / 1e9) * 148.2,
        rating: null,
        measuredAt: '2026-01-01T00:00:00.000Z',
      });
    }
    // 7.5 MB: the 250 pages above 7.5 MB are heavier (strictly): n = 1000, w = 1 → 250 / 1000
    const posted = await t.json(
      await t.post(MEASURE, { url: 'https://many.example/target', bytes: 7_500_000 }),
    );
    expect(posted.cleaner_than).toBe(0.25);
    // a page of exactly the same footprint is not "higher"
    const same = await t.json(await t.post(MEASURE, { url: 'https://many.example/twin', bytes: 7_500_000 }));
    expect(same.cleaner_than).toBe(0.25); // 250 / 1001 = 0.2498 → 0.25
    for (let i = 0; i < 20; i++)
      await t.post(MEASURE, { url: `https://many.example/huge/${i}`, bytes: 20_000_000 });
    // read time: n = 1021 (w = 1), k = 270 → 0.2644 → 0.26
    expect((await t.json(await read(t, 'https://many.example/target'))).cleaner_than).toBe(0.26);
  });
});

describe('without a working site store', () => {
  it('answers 503 problem+json (no store given), while estimates and the badge by bytes still work', async () => {
    const base = await createTestApp();
    const app = createApp({ catalog: base.catalog, logError: () => {} });
    const post = await app.request(MEASURE, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://example.com/', bytes: 1 }),
    });
    expect(post.status).toBe(503);
    expect(post.headers.get('retry-after')).toBe('5');
    expect(await post.json()).toMatchObject({ type: '/problems/service-unavailable', status: 503 });
    expect((await app.request('/v1/sites?url=https://example.com/')).status).toBe(503);
    expect((await app.request('/v1/badge.svg?url=https://example.com/')).status).toBe(503);
    expect((await app.request('/v1/badge.svg?bytes=1000')).status).toBe(200);
  });

  it('answers 503 without leaking the database error, logs it, and writes nothing when the catalog is down', async () => {
    const logged: unknown[] = [];
    const failing: SiteStore = {
      record: () => Promise.reject(new Error('SQLITE_BUSY: /secret/path/empreinte.db')),
      find: () => Promise.reject(new Error('SQLITE_BUSY: /secret/path/empreinte.db')),
      ranking: () => Promise.reject(new Error('SQLITE_BUSY: /secret/path/empreinte.db')),
    };
    const base = await createTestApp();
    const app = createApp({ catalog: base.catalog, sites: failing, logError: (e) => logged.push(e) });
    const res = await app.request(MEASURE, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://example.com/', bytes: 1 }),
    });
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(text).not.toContain('secret');
    expect(text).not.toContain('SQLITE');
    expect(logged).toHaveLength(1);

    const down = createApp({
      catalog: { get: () => Promise.reject(new Error('store down')), current: () => undefined },
      sites: base.sites,
      logError: () => {},
    });
    const before = await rowCount(base);
    const refused = await down.request(MEASURE, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://example.com/', bytes: 1 }),
    });
    expect(refused.status).toBe(503);
    expect(await rowCount(base)).toBe(before);
  });
});
