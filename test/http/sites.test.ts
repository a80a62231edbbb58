import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeClientIp } from '../../src/entries/node/edge.js';
import { startNodeServer } from '../../src/entries/node/server.js';
import type { SiteStore } from '../../src/factors/site-store.js';
import { createApp } from '../../src/http/app.js';
import { cleanerThan, countStrictlyHigher } from '../../src/models/cleaner-than.js';
import { siteBucketOf } from '../../src/models/site-buckets.js';
import { utcDay, windowStartDay } from '../../src/models/site-figure.js';
import { recordSiteLabResult } from '../../src/services/site-lab-result.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { mulberry32 } from '../helpers/co2js.js';

const MEASURE = '/v1/sites/measurements';
const read = (t: TestApp, url: string, query = '', headers: Record<string, string> = {}) =>
  t.request(`/v1/sites?url=${encodeURIComponent(url)}${query}`, { headers });
/** A measurement from one client address (X-Forwarded-For behind one trusted proxy). */
const from = (ip: string, extra: Record<string, string> = {}) => ({ 'x-forwarded-for': ip, ...extra });
const count = async (t: TestApp, table: string) =>
  Number((await t.database.client.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
const stored = async (t: TestApp) => ({
  pages: await count(t, 'site_pages'),
  samples: await count(t, 'site_samples'),
});

/** The app with the Node client address of one trusted proxy, so tests can be several clients. */
const clientsApp = () => createTestApp({ deps: { clientIp: nodeClientIp(1) } });

/**
 * Ranked pages written straight into the page table (3 clients each, counted in the bucket of
 * their bytes by the table's triggers): a large distribution without thousands of measurements.
 */
async function insertRankedPages(t: TestApp, pages: (readonly [url: string, bytes: number])[]) {
  const now = new Date().toISOString();
  const day = utcDay(Date.now());
  for (let i = 0; i < pages.length; i += 200)
    await t.database.client.batch(
      pages.slice(i, i + 200).map(([url, bytes]) => ({
        sql: `INSERT INTO site_pages (url, field_bytes, field_clients, measurements, first_measured_at,
          measured_at, last_day, version, figure_version, bucket) VALUES (?, ?, 3, 3, ?, ?, ?, 1, 1, ?)`,
        args: [url, bytes, now, now, day, siteBucketOf(bytes)],
      })),
    );
}

/** A measurement of another day, written by the store (the API only writes today's). */
const recordOn = (t: TestApp, day: number, url: string, bytes: number, client: string) =>
  t.sites.recordField({
    url,
    bytes,
    coverage: null,
    firstView: null,
    client,
    day,
    windowStartDay: windowStartDay(day),
    newPagesPerDay: 200,
    measuredAt: new Date(day * 86_400_000).toISOString(),
  });

describe('POST /v1/sites/measurements and GET /v1/sites', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await clientsApp();
  });

  it('stores a new URL (201), then answers the lower median of its clients (200)', async () => {
    const first = await t.post(
      MEASURE,
      {
        url: 'HTTPS://Shop.Example.COM:443/cart/?session=42#top',
        bytes: 2_366_464,
        coverage: 0.92,
        first_view: true,
      },
      from('203.0.113.1'),
    );
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
      source: 'field',
      coverage: 0.92,
      clients: 1,
      window_days: 30,
      field: { bytes: 2_366_464, coverage: 0.92, clients: 1 },
    });
    const estimate = await t.json(await t.request('/v1/estimates/website?bytes=2366464'));
    expect(a.co2e_g).toBe(estimate.per_view.co2e_g);

    const second = await t.post(
      MEASURE,
      { url: 'https://shop.example.com/cart/', bytes: 1_000_000, coverage: 0.5 },
      from('203.0.113.2'),
    );
    expect(second.status).toBe(200);
    const b = await t.json(second);
    // lower median of 2,366,464 and 1,000,000 = 1,000,000 bytes (not their mean, 1,683,232): 0.001 GB
    // × 148.2 g/GB = 0.1482 g, rating C (B ends at 0.145 g); coverage: the lower of 0.92 and 0.5
    expect(b).toMatchObject({
      bytes: 1_000_000,
      co2e_g: expect.closeTo(0.1482, 12),
      rating: 'C',
      measurements: 2,
      coverage: 0.5,
      clients: 2,
      field: { bytes: 1_000_000, coverage: 0.5, clients: 2 },
    });
    expect(Date.parse(b.measured_at)).toBeGreaterThanOrEqual(Date.parse(a.measured_at));
    expect(await t.json(await read(t, 'https://shop.example.com/cart'))).toEqual(b);
  });

  it("replaces a client's own sample of the day: the served bytes follow it when it is alone", async () => {
    const url = 'https://solo.example/page';
    expect((await t.post(MEASURE, { url, bytes: 500_000 }, from('198.51.100.7'))).status).toBe(201);
    const again = await t.post(MEASURE, { url, bytes: 800_000 }, from('198.51.100.7'));
    expect(again.status).toBe(200);
    expect(await t.json(again)).toMatchObject({
      bytes: 800_000,
      clients: 1,
      measurements: 2,
      coverage: null,
    });
    // the same /64 is the same client (the rate limiter's key)
    await t.post(MEASURE, { url: 'https://v6.example/', bytes: 1 }, from('2001:db8:1:2::1'));
    const v6 = await t.json(
      await t.post(MEASURE, { url: 'https://v6.example/', bytes: 2 }, from('2001:db8:1:2::ff')),
    );
    expect(v6).toMatchObject({ bytes: 2, clients: 1 });
  });

  it('counts every client once, whatever first_view says: one first view does not set the figure', async () => {
    const url = 'https://views.example/';
    await t.post(MEASURE, { url, bytes: 300_000, first_view: false }, from('192.0.2.1'));
    expect(await t.json(await read(t, url))).toMatchObject({ bytes: 300_000, clients: 1 });
    await t.post(MEASURE, { url, bytes: 2_000_000, first_view: true }, from('192.0.2.2'));
    await t.post(MEASURE, { url, bytes: 10_000, first_view: false }, from('192.0.2.3'));
    // 10,000 [300,000] 2,000,000 (first views alone would have served 2,000,000)
    expect(await t.json(await read(t, url))).toMatchObject({ bytes: 300_000, clients: 3 });
  });

  it('computes co2e_g and rating under the model of the read (?model=, default swd-v4)', async () => {
    const url = 'https://models.example/';
    await t.post(MEASURE, { url, bytes: 1_000_000 }, from('192.0.2.10'));
    for (const model of ['swd-v4', 'swd-v3', 'onebyte']) {
      const site = await t.json(await read(t, url, `&model=${model}`));
      const estimate = await t.json(await t.request(`/v1/estimates/website?bytes=1000000&model=${model}`));
      expect(site).toMatchObject({
        model,
        bytes: 1_000_000,
        co2e_g: estimate.per_view.co2e_g,
        rating: estimate.rating,
      });
    }
    expect((await t.json(await read(t, url, '&model=onebyte'))).rating).toBeNull();
    const bad = await read(t, url, '&model=swd-v9');
    expect(bad.status).toBe(400);
    expect((await t.json(bad)).errors.map((e: { path: string }) => e.path)).toEqual(['model']);
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
    const before = await stored(t);
    const cases: [unknown, string[]][] = [
      [{ url: 'ftp://example.com/', bytes: 1 }, ['url']],
      [{ url: 'https://user:pw@example.com/', bytes: 1 }, ['url']],
      [{ url: `https://example.com/${'a'.repeat(2048)}`, bytes: 1 }, ['url']],
      // a host of 254 characters
      [
        {
          url: `https://${'a'.repeat(61)}.${'b'.repeat(61)}.${'c'.repeat(61)}.${'d'.repeat(61)}.exampl/`,
          bytes: 1,
        },
        ['url'],
      ],
      [
        { url: 'not a url', bytes: -1, coverage: 1.5, first_view: 'yes', extra: true },
        ['bytes', 'coverage', 'extra', 'first_view', 'url'],
      ],
      // model is a read-time choice now: an unknown field of the measurement
      [{ url: 'https://example.com/', bytes: 1, model: 'swd-v4' }, ['model']],
      [{ url: 'https://example.com/', bytes: 1, coverage: -0.1 }, ['coverage']],
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
    expect(await stored(t)).toEqual(before);
  });

  it('limits the URL after normalisation: 2,048 characters of "€" (each %E2%82%AC once encoded) are refused', async () => {
    const before = await stored(t);
    const euros = `https://euro.example/${'€'.repeat(2048 - 'https://euro.example/'.length)}`;
    expect(euros).toHaveLength(2048);
    // As a measurement body it is 6 KB of UTF-8: over the 4 KiB measurement limit.
    expect((await t.post(MEASURE, { url: euros, bytes: 1 })).status).toBe(413);
    // Read by URL it is refused once normalised: 21 + 2,027 × 9 = 18,264 characters.
    const read2048 = await read(t, euros);
    expect(read2048.status).toBe(400);
    expect((await t.json(read2048)).errors).toEqual([
      {
        path: 'url',
        message: 'Too long: 18264 characters once normalised (percent-encoded), at most 2048.',
      },
    ]);
    // 1,000 characters of "€" fit in a measurement body and are refused the same way (21 + 979 × 9).
    const shorter = `https://euro.example/${'€'.repeat(1000 - 'https://euro.example/'.length)}`;
    const res = await t.post(MEASURE, { url: shorter, bytes: 1 });
    expect(res.status).toBe(400);
    expect((await t.json(res)).errors).toEqual([
      {
        path: 'url',
        message: 'Too long: 8832 characters once normalised (percent-encoded), at most 2048.',
      },
    ]);
    expect(await stored(t)).toEqual(before);
    // 2,048 characters once normalised are stored; a long query string is dropped before the check
    const longest = `https://bounds.example/${'p'.repeat(2048 - 'https://bounds.example/'.length)}`;
    expect((await t.post(MEASURE, { url: longest, bytes: 1_000_000_000 })).status).toBe(201);
    expect((await t.post(MEASURE, { url: `${longest}?${'q'.repeat(1500)}`, bytes: 0 })).status).toBe(200);
    expect((await t.json(await read(t, longest))).url).toHaveLength(2048);
  });
});

describe('origin binding', () => {
  it("refuses a measurement whose Origin is not the page's (403 problem+json), storing nothing", async () => {
    const t = await clientsApp();
    const url = 'https://www.example.org/blog';
    await t.post(MEASURE, { url, bytes: 1_000_000 }, from('203.0.113.50'));
    const before = await stored(t);
    for (const origin of [
      'https://attacker.example',
      'http://www.example.org',
      'https://www.example.org:8443',
      'null',
    ]) {
      const res = await t.post(MEASURE, { url, bytes: 0 }, from('203.0.113.51', { origin }));
      expect(res.status, origin).toBe(403);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await t.json(res)).toEqual({
        type: '/problems/origin-mismatch',
        title: 'Origin mismatch',
        status: 403,
        detail: `A page can only record its own measurements: this request comes from '${origin}', not from the origin of '${url}'.`,
        errors: [{ path: 'url', message: `Not on the request's Origin '${origin}'.` }],
      });
    }
    // a new URL is not created either
    expect(
      (
        await t.post(
          MEASURE,
          { url: 'https://victim.example/', bytes: 0 },
          { origin: 'https://attacker.example' },
        )
      ).status,
    ).toBe(403);
    expect(await stored(t)).toEqual(before);
    expect((await t.json(await read(t, url))).bytes).toBe(1_000_000);

    // the page's own origin, however it is spelled, and requests without Origin (servers, curl) pass
    const own = await t.post(
      MEASURE,
      { url, bytes: 3_000_000 },
      from('203.0.113.52', { origin: 'HTTPS://WWW.Example.org:443' }),
    );
    expect(own.status).toBe(200);
    expect((await t.post(MEASURE, { url, bytes: 2_000_000 }, from('203.0.113.53'))).status).toBe(200);
    // median of 1,000,000, 3,000,000 and 2,000,000
    expect(await t.json(await read(t, url))).toMatchObject({ bytes: 2_000_000, clients: 3 });
  });
});

describe('caching: ETag and Cache-Control', () => {
  it('answers a strong ETag that changes with the page, 304 while it holds', async () => {
    const t = await clientsApp();
    const url = 'https://etag.example/';
    await t.post(MEASURE, { url, bytes: 1_000_000 }, from('192.0.2.1'));
    const first = await read(t, url);
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^"json\.\d+\.\d+\.\d+\.swd-v4\.[0-9a-z]+\.\d+"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=86400');
    expect(first.headers.get('access-control-expose-headers')).toContain('ETag');

    const same = await read(t, 'HTTPS://ETAG.example/?utm=1', '', { 'if-none-match': etag });
    expect(same.status).toBe(304);
    expect(await same.text()).toBe('');
    expect(same.headers.get('etag')).toBe(etag);
    expect(same.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=86400');
    expect((await read(t, url, '', { 'if-none-match': `W/${etag}, "other"` })).status).toBe(304);
    expect((await read(t, url, '', { 'if-none-match': '"other"' })).status).toBe(200);

    // another model is another representation
    const v3 = await read(t, url, '&model=swd-v3', { 'if-none-match': etag });
    expect(v3.status).toBe(200);
    expect(v3.headers.get('etag')).not.toBe(etag);

    // a new measurement makes a new version
    await t.post(MEASURE, { url, bytes: 3_000_000 }, from('192.0.2.2'));
    const changed = await read(t, url, '', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    // lower median of 1,000,000 and 3,000,000: the figure stays, the ETag still changes
    expect((await t.json(changed)).bytes).toBe(1_000_000);

    // the badge by URL too, with its own tag
    const badge = await t.request(`/v1/badge.svg?url=${encodeURIComponent(url)}`);
    const badgeTag = badge.headers.get('etag') as string;
    expect(badgeTag).toMatch(/^"svg\./);
    expect(badge.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=86400');
    const badge304 = await t.request(`/v1/badge.svg?url=${encodeURIComponent(url)}`, {
      headers: { 'if-none-match': badgeTag },
    });
    expect(badge304.status).toBe(304);
  });
});

describe('lab figures: a finished lab test is the lab sample of its page', () => {
  const badgeOf = (t: TestApp, url: string) => t.request(`/v1/badge.svg?url=${encodeURIComponent(url)}`);

  it('makes a page that only has a lab test readable (source lab, a lab block, no field block) and drawable', async () => {
    const t = await clientsApp();
    const url = 'https://lab-only.example/pricing';
    expect((await read(t, url)).status).toBe(404);
    expect((await badgeOf(t, url)).status).toBe(404);
    const testedAt = new Date().toISOString();
    await recordSiteLabResult(t.sites, url, { bytes: 938_564, tested_at: testedAt });

    const res = await read(t, 'HTTPS://LAB-ONLY.example/pricing/?utm=1');
    expect(res.status).toBe(200);
    const estimate = await t.json(await t.request('/v1/estimates/website?bytes=938564'));
    expect(await t.json(res)).toEqual({
      url,
      bytes: 938_564,
      model: 'swd-v4',
      co2e_g: estimate.per_view.co2e_g,
      rating: estimate.rating,
      // alone in the store: the reference distribution
      cleaner_than: cleanerThan({ bytes: 938_564, otherPages: 0, otherPagesHigher: 0 }),
      measured_at: testedAt,
      measurements: 0,
      source: 'lab',
      coverage: 1,
      clients: 0,
      window_days: 30,
      lab: { bytes: 938_564, tested_at: testedAt, bytes_capped: false },
    });
    // 938,564 bytes × 148.2 g/GB = 0.139 g, rating B; one lab test is not "few samples"
    const badge = await badgeOf(t, url);
    expect(badge.status).toBe(200);
    const svg = await badge.text();
    expect(svg).toContain('aria-label="CO₂e/view: 0.14 g · B"');
    expect(svg).toContain(
      `(${url}); lab test of ${testedAt.slice(0, 10)} (headless browser, cold cache)</title>`,
    );

    // the page exists: its first visitor's measurement is a 200, and one client does not outweigh the lab
    const visit = await t.post(MEASURE, { url, bytes: 3_000_000, coverage: 0.6 }, from('203.0.113.9'));
    expect(visit.status).toBe(200);
    expect(await t.json(visit)).toMatchObject({
      bytes: 938_564,
      source: 'lab',
      coverage: 1,
      clients: 1,
      measurements: 1,
      field: { bytes: 3_000_000, coverage: 0.6, clients: 1 },
      lab: { bytes: 938_564, tested_at: testedAt },
    });
  });

  it('serves the lab figure with both blocks under 3 field clients, the field figure from 3', async () => {
    const t = await clientsApp();
    const url = 'https://mixed.example/';
    await t.post(MEASURE, { url, bytes: 8_000_000, coverage: 0.7 }, from('198.51.100.1'));
    const testedAt = new Date().toISOString();
    await recordSiteLabResult(t.sites, url, { bytes: 1_000_000, tested_at: testedAt });
    const lab = await t.json(await read(t, url));
    expect(lab).toMatchObject({
      bytes: 1_000_000,
      source: 'lab',
      coverage: 1,
      clients: 1,
      measured_at: testedAt,
      measurements: 1,
      field: { bytes: 8_000_000, coverage: 0.7, clients: 1 },
      lab: { bytes: 1_000_000, tested_at: testedAt },
    });
    const second = await t.json(
      await t.post(MEASURE, { url, bytes: 8_000_000, coverage: 0.7 }, from('198.51.100.2')),
    );
    expect(second).toMatchObject({ source: 'lab', bytes: 1_000_000, clients: 2, field: { clients: 2 } });
    // 1 MB × 148.2 g/GB = 0.148 g, rating C; 2 field clients, but a lab figure: no "few samples"
    expect(await (await badgeOf(t, url)).text()).toContain('aria-label="CO₂e/view: 0.15 g · C"');

    const third = await t.json(
      await t.post(MEASURE, { url, bytes: 8_000_000, coverage: 0.7 }, from('198.51.100.3')),
    );
    const estimate = await t.json(await t.request('/v1/estimates/website?bytes=8000000'));
    expect(third).toMatchObject({
      bytes: 8_000_000,
      co2e_g: estimate.per_view.co2e_g,
      rating: estimate.rating,
      source: 'field',
      coverage: 0.7,
      clients: 3,
      measurements: 3,
      field: { bytes: 8_000_000, coverage: 0.7, clients: 3 },
      lab: { bytes: 1_000_000, tested_at: testedAt },
    });
    expect(Date.parse(third.measured_at)).toBeGreaterThanOrEqual(Date.parse(testedAt));
    const svg = await (await badgeOf(t, url)).text();
    expect(svg).toContain('median of 3 samples of the last 30 days');
    expect(svg).not.toContain('lab test');
  });

  it('ranks a page from 3 clients of one day, by its field figure; a lab-served page ranks without being counted', async () => {
    const t = await clientsApp();
    const buckets = async () =>
      (
        await t.database.client.execute(
          'SELECT bucket, pages FROM site_buckets WHERE pages > 0 ORDER BY bucket',
        )
      ).rows.map((r) => [Number(r.bucket), Number(r.pages)]);
    for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) {
      await t.post(MEASURE, { url: 'https://rank.example/light', bytes: 500_000 }, from(ip));
      await t.post(MEASURE, { url: 'https://rank.example/heavy', bytes: 4_000_000 }, from(ip));
    }
    const url = 'https://rank.example/mixed';
    await t.post(MEASURE, { url, bytes: 8_000_000 }, from('192.0.2.1'));
    await recordSiteLabResult(t.sites, url, { bytes: 1_000_000, tested_at: new Date().toISOString() });
    // served: the lab's 1 MB, counted nowhere (one client)
    expect(await buckets()).toEqual([
      [siteBucketOf(500_000), 1],
      [siteBucketOf(4_000_000), 1],
    ]);
    const rank = async (path: string) =>
      (await t.json(await read(t, `https://rank.example/${path}`))).cleaner_than;
    // mixed, 1 MB against light and heavy: n = 2, k = 1, w = 0.002: 0.002 × 0.5 + 0.998 × 0.828076 = 0.8274
    expect(await rank('mixed')).toBe(0.83);
    // heavy against light only (mixed is not counted): n = 1, k = 0: 0.999 × 0.282034 = 0.2818
    expect(await rank('heavy')).toBe(0.28);
    // light against heavy: n = 1, k = 1: 0.001 + 0.999 × 0.956252 = 0.9563
    expect(await rank('light')).toBe(0.96);
    // two more clients the same day: the field's 8 MB is served and ranked, in its bucket
    await t.post(MEASURE, { url, bytes: 8_000_000 }, from('192.0.2.2'));
    await t.post(MEASURE, { url, bytes: 8_000_000 }, from('192.0.2.3'));
    expect(await buckets()).toEqual([
      [siteBucketOf(500_000), 1],
      [siteBucketOf(4_000_000), 1],
      [siteBucketOf(8_000_000), 1],
    ]);
    // mixed: n = 2, k = 0: 0.998 × 0.090365 = 0.0902; heavy: n = 2, k = 1: 0.001 + 0.998 × 0.282034 = 0.2825
    expect(await rank('mixed')).toBe(0.09);
    expect(await rank('heavy')).toBe(0.28);
    expect(await rank('light')).toBe(0.96);
  });

  it('changes the ETag of the answer and of the badge when a lab result arrives', async () => {
    const t = await clientsApp();
    const url = 'https://etag-lab.example/';
    for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3'])
      await t.post(MEASURE, { url, bytes: 2_000_000 }, from(ip));
    const before = await read(t, url);
    const etag = before.headers.get('etag') as string;
    const badgeTag = (await badgeOf(t, url)).headers.get('etag') as string;
    expect((await read(t, url, '', { 'if-none-match': etag })).status).toBe(304);

    const testedAt = new Date().toISOString();
    await recordSiteLabResult(t.sites, url, { bytes: 1_000_000, tested_at: testedAt });
    const after = await read(t, url, '', { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    // still served from the field (3 clients), now with the lab block
    expect(await t.json(after)).toMatchObject({
      source: 'field',
      bytes: 2_000_000,
      lab: { bytes: 1_000_000, tested_at: testedAt },
    });
    const badge = await t.request(`/v1/badge.svg?url=${encodeURIComponent(url)}`, {
      headers: { 'if-none-match': badgeTag },
    });
    expect(badge.status).toBe(200);
    expect(badge.headers.get('etag')).not.toBe(badgeTag);
  });
});

describe('cleaner_than', () => {
  it('blends the reference distribution with a few ranked pages (hand-computed)', async () => {
    const t = await clientsApp();
    for (const [path, bytes] of [
      ['light', 500_000],
      ['middle', 1_000_000],
      ['heavy', 4_000_000],
    ] as const) {
      for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3'])
        await t.post(MEASURE, { url: `https://few.example/${path}`, bytes }, from(ip));
    }
    const middle = await t.json(await read(t, 'https://few.example/middle'));
    // n = 2 others, k = 1 heavier (4 MB, another bucket) → w = 0.002, empirical = 0.5
    // reference: z = (ln 1e6 − ln 2,366,464) / 0.91 = −0.946590…, 1 − Φ(z) = 0.828076…
    // 0.002 × 0.5 + 0.998 × 0.828076 = 0.827420 → 0.83
    expect(middle.cleaner_than).toBe(0.83);
    const heavy = await t.json(await read(t, 'https://few.example/heavy'));
    // z = ln(4e6 / 2,366,464) / 0.91 = 0.576810…, 1 − Φ(z) = 0.282034…; k = 0 → 0.998 × 0.282034 = 0.281470 → 0.28
    expect(heavy.cleaner_than).toBe(0.28);
  });

  it('ranks against an exact count within one bucket, on 1,500 random pages', async () => {
    const t = await createTestApp();
    const random = mulberry32(31);
    const weights = new Map<string, number>();
    for (let i = 0; i < 1500; i++) {
      const bytes = Math.round(10 ** (4 + random() * 4)); // 10 kB … 100 MB, log-uniform
      weights.set(`https://rank.example/${i}`, bytes);
    }
    await insertRankedPages(t, [...weights]);
    const all = [...weights.values()];
    const bucketSize = (b: number) => all.filter((w) => siteBucketOf(w) === b).length;
    let worst = 0;
    for (const [url, bytes] of [...weights].slice(0, 60)) {
      const site = await t.json(await read(t, url));
      const exactK = countStrictlyHigher(bytes, all);
      const exact = cleanerThan({ bytes, otherPages: 1499, otherPagesHigher: exactK });
      const allowed = (bucketSize(siteBucketOf(bytes)) - 1) / 1499 + 0.01 + 1e-9;
      expect(Math.abs(site.cleaner_than - exact), url).toBeLessThanOrEqual(allowed);
      worst = Math.max(worst, Math.abs(site.cleaner_than - exact));
    }
    expect(worst).toBeLessThanOrEqual(0.02);
  });
});

describe('poisoning', () => {
  it('one client sending 100 × 0 and 100 × 1e9 bytes cannot move the figure out of the honest range', {
    timeout: 60_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'empreinte-poison-'));
    const server = await startNodeServer({
      port: 0,
      databaseUrl: `file:${join(dir, 'poison.db')}`,
      edge: { trustProxyHops: 1 },
    });
    const url = 'https://honest.example/';
    const post = (ip: string, bytes: number) =>
      fetch(`${server.url}${MEASURE}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify({ url, bytes }),
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    try {
      const honest = [1_000_000, 1_100_000, 1_200_000, 1_300_000, 1_400_000];
      for (const [i, bytes] of honest.entries())
        expect((await post(`198.51.100.${i + 1}`, bytes)).status).toBeLessThan(300);
      const served: number[] = [];
      for (let i = 0; i < 100; i++) {
        for (const bytes of [0, 1e9]) {
          const answer = await post('203.0.113.66', bytes);
          expect(answer.status).toBe(200);
          served.push(answer.body.bytes);
        }
      }
      const final = await (await fetch(`${server.url}/v1/sites?url=${encodeURIComponent(url)}`)).json();
      expect(final).toMatchObject({ clients: 6, measurements: 205 });
      // the attacker's one sample of the day is its last one (1e9): 1.0 1.1 [1.2] 1.3 1.4 1e9 MB → 1.2 MB
      expect(final.bytes).toBe(1_200_000);
      expect(Math.min(...served)).toBeGreaterThanOrEqual(1_000_000);
      expect(Math.max(...served)).toBeLessThanOrEqual(1_400_000);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("steering a figure (issue 20, finding 7): fewer than half of the clients stay inside the others' range", () => {
  const HONEST = [1_000_000, 1_100_000, 1_200_000, 1_300_000, 1_400_000];

  it('one client sending first_view: true does not set the figure of a page of returning visitors (was 1e9, F)', async () => {
    const t = await clientsApp();
    const url = 'https://returning.example/';
    for (const [i, bytes] of HONEST.entries())
      await t.post(MEASURE, { url, bytes, first_view: false }, from(`198.51.100.${i + 1}`));
    const answer = await t.json(
      await t.post(MEASURE, { url, bytes: 1e9, coverage: 1, first_view: true }, from('203.0.113.66')),
    );
    // 1.0 1.1 [1.2] 1.3 1.4 1e9 MB: 0.0012 GB × 148.2 = 0.17784 g, rating C
    expect(answer).toMatchObject({
      bytes: 1_200_000,
      rating: 'C',
      clients: 6,
      co2e_g: expect.closeTo(0.17784, 12),
    });
  });

  it('as many hostile clients as honest ones cannot raise it past the honest maximum (was 500.7 MB, F)', async () => {
    const t = await clientsApp();
    const url = 'https://even.example/';
    for (const [i, bytes] of HONEST.entries())
      await t.post(MEASURE, { url, bytes }, from(`198.51.100.${i + 1}`));
    for (let i = 1; i <= 5; i++)
      await t.post(MEASURE, { url, bytes: 1e9, first_view: true }, from(`203.0.113.${i}`));
    // 1.0 1.1 1.2 1.3 [1.4] 1e9 ×5: the 5th of 10 (the mean of the middle two was 500,700,000)
    expect(await t.json(await read(t, url))).toMatchObject({ bytes: 1_400_000, rating: 'C', clients: 10 });
  });

  it('counts only the samples of the 30-day window', async () => {
    const t = await clientsApp();
    const url = 'https://window.example/';
    const today = utcDay(Date.now());
    // two clients at 9 MB on the day before the window, one at 2 MB on its first day
    await recordOn(t, today - 30, url, 9_000_000, 'old-1');
    await recordOn(t, today - 30, url, 9_000_000, 'old-2');
    await recordOn(t, today - 29, url, 2_000_000, 'first-day');
    const answer = await t.json(await t.post(MEASURE, { url, bytes: 1_000_000 }, from('192.0.2.9')));
    // window: 2 MB and 1 MB → 1 MB from 2 clients (with the 9 MB samples: 2 MB from 4)
    expect(answer).toMatchObject({ bytes: 1_000_000, clients: 2, window_days: 30 });
  });
});

describe('steering cleaner_than (issue 20, finding 7): only pages of 3 clients of one day are ranked', () => {
  it("one client's 200 new pages do not move the pages of a small store (5 addresses: was 1.00)", {
    timeout: 60_000,
  }, async () => {
    const t = await clientsApp();
    for (const [path, bytes] of [
      ['light', 500_000],
      ['middle', 1_000_000],
      ['heavy', 4_000_000],
    ] as const)
      for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3'])
        await t.post(MEASURE, { url: `https://small.example/${path}`, bytes }, from(ip));
    const rank = async (path: string) =>
      (await t.json(await read(t, `https://small.example/${path}`))).cleaner_than;
    // as in 'blends the reference distribution…': middle 0.83, heavy 0.28
    expect([await rank('middle'), await rank('heavy')]).toEqual([0.83, 0.28]);
    for (let a = 1; a <= 5; a++)
      for (let i = 0; i < 200; i++)
        expect(
          (
            await t.post(
              MEASURE,
              { url: `https://junk${a}.example/${i}`, bytes: 1e9 },
              from(`203.0.113.${a}`),
            )
          ).status,
        ).toBe(201);
    // 1,000 new pages of one client each: ranked, they would make n = 1,002 and middle 1,001 / 1,002 → 1.00
    expect([await rank('middle'), await rank('heavy')]).toEqual([0.83, 0.28]);
    // a junk page itself ranks against the 3 ranked pages: n = 3, k = 0, w = 0.003: 0.997 × 0.0000… → 0
    expect((await t.json(await read(t, 'https://junk1.example/0'))).cleaner_than).toBe(0);
  });

  it("one client's new pages, even measured on three days, do not move a page's rank once 1,000 pages are ranked", {
    timeout: 60_000,
  }, async () => {
    const t = await clientsApp();
    // 1,001 ranked pages, one per bucket 200 … 1200 (at the geometric middle of each): a page of bucket b
    // has 1200 − b heavier others among n = 1,000: cleaner_than = (1200 − b) / 1000, exactly
    const pages = Array.from(
      { length: 1001 },
      (_, i) =>
        [`https://ranked.example/${i + 200}`, Math.round(1000 * 10 ** ((i + 200 - 0.5) / 200))] as const,
    );
    await insertRankedPages(t, pages);
    const probes = [300, 700, 1100];
    const ranks = async () =>
      Promise.all(
        probes.map(async (b) => (await t.json(await read(t, `https://ranked.example/${b}`))).cleaner_than),
      );
    expect(await ranks()).toEqual([0.9, 0.5, 0.1]);
    // one address: 200 new pages of 1e9 bytes today, the same pages under its keys of the two days before
    const today = utcDay(Date.now());
    for (let i = 0; i < 200; i++) {
      const url = `https://junk.example/${i}`;
      expect((await t.post(MEASURE, { url, bytes: 1e9 }, from('203.0.113.9'))).status).toBe(201);
      await recordOn(t, today - 1, url, 1e9, 'same-address-yesterday');
      await recordOn(t, today - 2, url, 1e9, 'same-address-2-days-ago');
    }
    expect((await t.json(await read(t, 'https://junk.example/0'))).clients).toBe(3);
    // ranked, the 200 pages would make n = 1,200: bucket 700 → 700 / 1,200 = 0.58, 300 → 0.92, 1100 → 0.25
    expect(await ranks()).toEqual([0.9, 0.5, 0.1]);
  });
});

describe('new pages per client', () => {
  it('one client creates at most 200 new pages a day (429, nothing stored), stored pages still count', async () => {
    const t = await clientsApp();
    for (let i = 0; i < 200; i++)
      expect(
        (await t.post(MEASURE, { url: `https://many.example/${i}`, bytes: 1000 }, from('203.0.113.99')))
          .status,
      ).toBe(201);
    const before = await stored(t);
    const refused = await t.post(
      MEASURE,
      { url: 'https://many.example/200', bytes: 1000 },
      from('203.0.113.99'),
    );
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect(await t.json(refused)).toEqual({
      type: '/problems/new-page-quota',
      title: 'Too many new pages',
      status: 429,
      detail:
        'This client has recorded 200 new pages today: measurements of pages already stored are still accepted, ' +
        'new pages again from 00:00 UTC.',
      errors: [{ path: 'url', message: "A new page over this client's 200 of the day." }],
    });
    expect(await stored(t)).toEqual(before);
    expect((await read(t, 'https://many.example/200')).status).toBe(404);
    // its measurements of stored pages still count, and other clients still create pages
    expect(
      (await t.post(MEASURE, { url: 'https://many.example/7', bytes: 5 }, from('203.0.113.99'))).status,
    ).toBe(200);
    expect(
      (await t.post(MEASURE, { url: 'https://many.example/200', bytes: 5 }, from('203.0.113.100'))).status,
    ).toBe(201);
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
    // each answer is the page as stored when it was answered: its own measurement counted
    for (const a of answers) expect(a.body.measurements).toBeGreaterThanOrEqual(1);
    expect(Math.max(...answers.map((a) => a.body.measurements as number))).toBe(50);
    const site = await t.json(await read(t, 'https://busy.example'));
    expect(site.measurements).toBe(50);
    expect(await stored(t)).toEqual({ pages: 1, samples: 1 });
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
    const fail = () => Promise.reject(new Error('SQLITE_BUSY: /secret/path/empreinte.db'));
    const failing: SiteStore = {
      recordField: fail,
      recordLab: fail,
      find: fail,
      prune: fail,
      storedSecret: fail,
    };
    const base = await createTestApp();
    const app = createApp({ catalog: base.catalog, sites: failing, logError: (e) => logged.push(e) });
    for (const res of [
      await app.request(MEASURE, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: 'https://example.com/', bytes: 1 }),
      }),
      await app.request('/v1/sites?url=https://example.com/'),
    ]) {
      expect(res.status).toBe(503);
      const text = await res.text();
      expect(text).not.toContain('secret');
      expect(text).not.toContain('SQLITE');
    }
    expect(logged).toHaveLength(2);

    const down = createApp({
      catalog: { get: () => Promise.reject(new Error('store down')), current: () => undefined },
      sites: base.sites,
      logError: () => {},
    });
    const before = await stored(base);
    const refused = await down.request(MEASURE, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://example.com/', bytes: 1 }),
    });
    expect(refused.status).toBe(503);
    expect(await stored(base)).toEqual(before);
  });
});
