import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { BADGE_JS } from '../../src/badge/widget.generated.js';
import worker, { createWorkerApp } from '../../src/entries/worker/main.js';
import { siteReadQuery } from '../../src/factors/site-store.js';

// Site measurements through the Worker's fetch handler, inside workerd, stored in D1.
const measure = (
  url: string,
  bytes: number,
  headers: Record<string, string> = {},
  more: { first_view?: boolean } = {},
) =>
  exports.default.fetch('http://empreinte.test/v1/sites/measurements', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ url, bytes, ...more }),
  });
const client = (ip: string) => ({ 'cf-connecting-ip': ip });
const count = async (sql: string, ...args: unknown[]) =>
  (
    await env.DB.prepare(sql)
      .bind(...args)
      .first<{ n: number }>()
  )?.n;

interface Site {
  url: string;
  bytes: number;
  co2e_g: number;
  rating: string;
  cleaner_than: number;
  measurements: number;
  clients: number;
  source: string;
  window_days: number;
}

/** D1 with a count of the statements prepared through it (every query drizzle runs). */
function countingD1(db: D1Database) {
  let prepared = 0;
  const proxy = new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (prop === 'prepare' || prop === 'exec')
        return (...args: unknown[]) => {
          prepared += 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: proxy, prepared: () => prepared };
}

describe('site measurements on the Worker (workerd + D1)', () => {
  it('round-trip: 201, then the lower median of two clients (200), read back, drawn as a badge, stored as samples', async () => {
    const first = await measure('HTTPS://Edge.Example/Home/?utm=1', 2_366_464, client('198.51.100.1'));
    expect(first.status).toBe(201);
    expect(await first.json<Site>()).toMatchObject({
      url: 'https://edge.example/Home',
      bytes: 2_366_464,
      rating: 'E',
      cleaner_than: 0.5,
      measurements: 1,
      clients: 1,
      source: 'field',
      window_days: 30,
    });
    const second = await measure('https://edge.example/Home/', 1_000_000, client('198.51.100.2'));
    expect(second.status).toBe(200);
    // the lower of 2,366,464 and 1,000,000 (never their mean, 1,683,232)
    expect(await second.json<Site>()).toMatchObject({ bytes: 1_000_000, measurements: 2, clients: 2 });
    // the first client again, the same day: its own sample is replaced
    await measure('https://edge.example/Home', 1_200_000, client('198.51.100.1'));

    const read = await exports.default.fetch(
      `http://empreinte.test/v1/sites?url=${encodeURIComponent('https://edge.example/Home#x')}`,
    );
    expect(read.status).toBe(200);
    const site = await read.json<Site>();
    // lower median of 1,200,000 and 1,000,000 = 1,000,000 bytes; swd-v4: 0.001 GB × 148.2 = 0.1482 g
    expect(site.co2e_g).toBeCloseTo(0.1482, 12);
    expect(site).toMatchObject({
      url: 'https://edge.example/Home',
      bytes: 1_000_000,
      rating: 'C',
      measurements: 3,
    });
    expect(read.headers.get('etag')).toMatch(/^"json\./);
    expect(read.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=86400');

    const badge = await exports.default.fetch(
      `http://empreinte.test/v1/badge.svg?url=${encodeURIComponent('https://edge.example/Home')}`,
    );
    expect(badge.status).toBe(200);
    expect(badge.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(await badge.text()).toContain('aria-label="CO₂e/view: 0.15 g · C · few samples"');

    const page = await env.DB.prepare('SELECT id, field_bytes, measurements FROM site_pages WHERE url = ?')
      .bind('https://edge.example/Home')
      .first<{ id: number; field_bytes: number; measurements: number }>();
    expect(page).toMatchObject({ field_bytes: 1_000_000, measurements: 3 });
    const samples = await env.DB.prepare(
      'SELECT bytes, client FROM site_samples WHERE page_id = ? ORDER BY bytes',
    )
      .bind(page?.id)
      .all<{ bytes: number; client: string }>();
    expect(samples.results.map((s) => s.bytes)).toEqual([1_000_000, 1_200_000]);
    for (const s of samples.results) {
      expect(s.client).toMatch(/^[0-9a-f]{32}$/); // a keyed hash, never the address
      expect(s.client).not.toContain('198.51');
    }
  });

  it('counts 30 concurrent measurements of one URL on D1 (no lost update, one sample per client and day)', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const res = await measure('https://edge.example/busy', 10_000 + i, client('192.0.2.9'));
        await res.arrayBuffer();
        return res.status;
      }),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(
      await count("SELECT measurements AS n FROM site_pages WHERE url = 'https://edge.example/busy'"),
    ).toBe(30);
    expect(
      await count(
        "SELECT count(*) AS n FROM site_samples WHERE page_id = (SELECT id FROM site_pages WHERE url = 'https://edge.example/busy')",
      ),
    ).toBe(1);
  });

  it('refuses a measurement from another origin (403) and writes nothing for a rejected request', async () => {
    const before = [
      await count('SELECT count(*) AS n FROM site_pages'),
      await count('SELECT count(*) AS n FROM site_samples'),
    ];
    const bad = await measure('ftp://edge.example/', -1);
    expect(bad.status).toBe(400);
    const forged = await measure('https://edge.example/Home', 0, { origin: 'https://attacker.example' });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ type: '/problems/origin-mismatch', status: 403 });
    expect([
      await count('SELECT count(*) AS n FROM site_pages'),
      await count('SELECT count(*) AS n FROM site_samples'),
    ]).toEqual(before);
    const own = await measure('https://edge.example/own', 5_000, { origin: 'https://edge.example' });
    expect(own.status).toBe(201);
  });
});

describe('steering on D1 (issue 20, finding 7)', () => {
  it('one first view does not set a page of returning visitors; pages of one client are not ranked', async () => {
    const url = 'https://steer.example/';
    for (const [i, bytes] of [1_000_000, 1_100_000, 1_200_000, 1_300_000, 1_400_000].entries())
      await measure(url, bytes, client(`198.51.100.${i + 11}`), { first_view: false });
    const hostile = await measure(url, 1e9, client('203.0.113.66'), { first_view: true });
    // 1.0 1.1 [1.2] 1.3 1.4 1e9 MB (first views alone: 1e9, F)
    expect(await hostile.json<Site>()).toMatchObject({ bytes: 1_200_000, rating: 'C', clients: 6 });
    const bucketOf = (u: string) =>
      env.DB.prepare('SELECT bucket FROM site_pages WHERE url = ?').bind(u).first();
    expect(await bucketOf(url)).toEqual({ bucket: expect.any(Number) });
    // one client's new page: served and ranked against the others, counted in nothing
    const before = await count('SELECT sum(pages) AS n FROM site_buckets');
    const junk = await measure('https://steer-junk.example/', 1e9, client('203.0.113.66'));
    expect(junk.status).toBe(201);
    expect(await bucketOf('https://steer-junk.example/')).toEqual({ bucket: null });
    expect(await count('SELECT sum(pages) AS n FROM site_buckets')).toBe(before);
    expect(await junk.json<Site>()).toMatchObject({ bytes: 1e9, clients: 1, rating: 'F' });
  });
});

describe('cheap reads on D1', () => {
  /** rows_read of the store's page read, run as the store runs it. */
  async function rowsReadOf(url: string) {
    const query = new SQLiteAsyncDialect().sqlToQuery(siteReadQuery(url));
    const result = await env.DB.prepare(query.sql)
      .bind(...query.params)
      .all();
    expect(result.results).toHaveLength(1);
    return result.meta.rows_read;
  }

  it('reads at most ~100 rows per uncached site read, whatever the number of pages (1 vs 200,000)', async () => {
    await measure('https://rows.example/', 1_500_000);
    const small = await rowsReadOf('https://rows.example/');
    // 200,000 more pages of 1 kB … 5 MB, each counted in its bucket by the triggers
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)
       INSERT INTO site_pages (url, field_bytes, field_clients, bucket, measurements, first_measured_at, measured_at,
         last_day, version, figure_version)
       SELECT 'https://bulk.example/' || i, 1000 + (i * 7919) % 5000000, 3,
         (SELECT bucket FROM site_buckets WHERE min_bytes <= 1000 + (i * 7919) % 5000000 ORDER BY min_bytes DESC LIMIT 1),
         1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 20454, 1, 1 FROM n`,
    ).run();
    expect(await count('SELECT sum(pages) AS n FROM site_bucket_groups')).toBeGreaterThanOrEqual(200_001);
    const large = await rowsReadOf('https://rows.example/');
    const heavy = await rowsReadOf('https://bulk.example/4321');
    console.log(
      `D1 rows read per uncached site read: ${small} with few pages, ${large} and ${heavy} with 200,000 more`,
    );
    for (const rows of [small, large, heavy]) expect(rows).toBeLessThanOrEqual(2_000);
    expect(large).toBeLessThanOrEqual(120);
    expect(large - small).toBeLessThanOrEqual(40); // the page's bucket moves the split, not the table size

    // and the answer ranks against them all
    const res = await exports.default.fetch(
      `http://empreinte.test/v1/sites?url=${encodeURIComponent('https://rows.example/')}`,
    );
    const site = await res.json<Site>();
    // 1.5 MB among pages spread evenly over 1 kB … 5 MB: about 70 % of them are heavier
    expect(site.cleaner_than).toBeGreaterThan(0.65);
    expect(site.cleaner_than).toBeLessThan(0.75);
  });
});

describe('the Cache API in front of site reads', () => {
  it('answers a repeated read without any D1 query, with the same ETag', async () => {
    const counting = countingD1(env.DB);
    const { app } = createWorkerApp({ ...env, DB: counting.db });
    const url = `http://empreinte.test/v1/sites?url=${encodeURIComponent('https://cached.example/a')}&model=swd-v3`;
    const post = await app.fetch(
      new Request('http://empreinte.test/v1/sites/measurements', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: 'https://cached.example/a', bytes: 700_000 }),
      }),
      env,
      createExecutionContext(),
    );
    expect(post.status).toBe(201);

    const ctx = createExecutionContext();
    const first = await app.fetch(new Request(url), env, ctx);
    expect(first.status).toBe(200);
    const body = await first.text();
    await waitOnExecutionContext(ctx); // the answer is put in the cache after it is sent
    const before = counting.prepared();
    expect(before).toBeGreaterThan(0);

    const second = await app.fetch(new Request(url), env, createExecutionContext());
    expect(second.status).toBe(200);
    expect(await second.text()).toBe(body);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=86400');
    const conditional = await app.fetch(
      new Request(url, { headers: { 'if-none-match': first.headers.get('etag') as string } }),
      env,
      createExecutionContext(),
    );
    expect(conditional.status).toBe(304);
    expect(counting.prepared()).toBe(before); // no D1 query for either
  });

  it('serves the cached answer through the Worker handler within max-age, even if D1 changed', async () => {
    await measure('https://cached.example/b', 900_000);
    const read = () =>
      exports.default.fetch(
        `http://empreinte.test/v1/badge.svg?url=${encodeURIComponent('https://cached.example/b')}`,
      );
    const first = await (await read()).text();
    expect(first).toContain('0.13 g'); // 900,000 × 148.2e-9
    // let the cache put (waitUntil) finish, then change the page behind the cache's back
    await new Promise((r) => setTimeout(r, 200));
    await env.DB.prepare(
      "UPDATE site_pages SET field_bytes = 9000000, bucket = 1100 WHERE url = 'https://cached.example/b'",
    ).run();
    expect(await (await read()).text()).toBe(first);
    // a direct read of the store would have seen the change
    const fresh = createWorkerApp(env).app;
    const uncached = await fresh.fetch(
      new Request(`http://empreinte.test/v1/sites?url=${encodeURIComponent('https://cached.example/b')}`),
      env,
      createExecutionContext(),
    );
    expect((await uncached.json<Site>()).bytes).toBe(9_000_000);
  });
});

describe('the retention job (Cron Trigger)', () => {
  it('scheduled() deletes samples older than the window and recomputes the page', async () => {
    const now = Date.parse('2026-06-01T03:17:00.000Z');
    const today = Math.floor(now / 86_400_000);
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO site_pages (url, measurements, first_measured_at, measured_at, last_day, version, oldest_day)
         VALUES ('https://cron.example/', 2, '2026-04-01T00:00:00.000Z', '2026-05-31T00:00:00.000Z', ?, 2, ?)`,
      ).bind(today - 1, today - 40),
      env.DB.prepare(
        `INSERT INTO site_samples (page_id, source, day, client, bytes, measured_at)
         SELECT id, 'field', ?, 'old', 9000000, '2026-04-22T00:00:00.000Z' FROM site_pages WHERE url = 'https://cron.example/'`,
      ).bind(today - 40),
      env.DB.prepare(
        `INSERT INTO site_samples (page_id, source, day, client, bytes, measured_at)
         SELECT id, 'field', ?, 'new', 1000000, '2026-05-31T00:00:00.000Z' FROM site_pages WHERE url = 'https://cron.example/'`,
      ).bind(today - 1),
    ]);
    const ctx = createExecutionContext();
    worker.scheduled(createScheduledController({ scheduledTime: now, cron: '17 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    const page = await env.DB.prepare(
      "SELECT field_bytes, field_clients, oldest_day FROM site_pages WHERE url = 'https://cron.example/'",
    ).first();
    expect(page).toEqual({ field_bytes: 1_000_000, field_clients: 1, oldest_day: today - 1 });
    expect(await count("SELECT count(*) AS n FROM site_samples WHERE client = 'old'")).toBe(0);
  });
});

describe('badge assets on the Worker (no file system: served from the generated modules)', () => {
  it('serves badge.js, the landing page and its script', async () => {
    const script = await exports.default.fetch('http://empreinte.test/badge.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe(BADGE_JS);
    const page = await exports.default.fetch('https://empreinte.example/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(
      '&#60;script src=&#34;https://empreinte.example/badge.js&#34; async&#62;',
    );
    expect((await exports.default.fetch('http://empreinte.test/assets/landing.js')).status).toBe(200);
  });
});
