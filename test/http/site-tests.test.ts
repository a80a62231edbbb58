import { beforeEach, describe, expect, it } from 'vitest';
import { findChromium } from '../../src/entries/node/lab/settings.js';
import { createDrizzleSiteTestStore, type SiteTestStore } from '../../src/factors/site-test-store.js';
import { createApp } from '../../src/http/app.js';
import type { SiteTestsDeps } from '../../src/http/deps.js';
import { createMemoryRateLimiter } from '../../src/http/edge/rate-limit.js';
import { finishSiteTest, type LabResultHook, type SiteTestView } from '../../src/services/lab/site-tests.js';
import {
  PERMISSIVE_TARGET_POLICY,
  STRICT_TARGET_POLICY,
  type TargetPolicy,
} from '../../src/services/lab/target-policy.js';
import { recordSiteLabResult } from '../../src/services/site-lab-result.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

// The lab test routes over the real store (libSQL) and queue rules; the runner is replaced by a
// recorder of what is handed to it (the browser side is tested in test/e2e/site-tests.test.ts).

const TESTS = '/v1/sites/tests';

interface Lab {
  t: TestApp;
  store: SiteTestStore;
  dispatched: SiteTestView[];
  request: (path: string, init?: RequestInit) => Response | Promise<Response>;
  /** POST a test as the client at `address` (X-Test-Client; none: the shared `unknown` client). */
  post: (body: unknown, address?: string) => Response | Promise<Response>;
}

/** A client address in its own /24 for each i (forged addresses spread over networks). */
const spread = (i: number) => `198.${18 + (i >> 8)}.${i & 255}.7`;

async function lab(
  options: { policy?: TargetPolicy; deps?: Partial<SiteTestsDeps>; none?: boolean; perMinute?: number } = {},
): Promise<Lab> {
  const t = await createTestApp();
  const store = createDrizzleSiteTestStore(t.database.db);
  const dispatched: SiteTestView[] = [];
  const siteTests: SiteTestsDeps = {
    store,
    policy: options.policy ?? STRICT_TARGET_POLICY,
    unavailable: () => null,
    dispatch: async (test) => {
      dispatched.push(test);
    },
    ...options.deps,
  };
  const app = createApp({
    catalog: t.catalog,
    sites: t.sites,
    ...(options.none ? {} : { siteTests }),
    ...(options.perMinute
      ? {
          rateLimiter: createMemoryRateLimiter({ perMinute: options.perMinute, now: () => 0 }),
          clientIp: () => '203.0.113.7',
        }
      : { clientIp: (c) => c.req.header('x-test-client') }),
    logError: (e) => t.errors.push(e),
  });
  const request = (path: string, init?: RequestInit) => app.request(path, init);
  const post = (body: unknown, address?: string) =>
    app.request(TESTS, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(address ? { 'x-test-client': address } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { t, store, dispatched, request, post };
}

const rows = async (l: Lab) =>
  Number((await l.t.database.client.execute('SELECT count(*) AS n FROM site_tests')).rows[0]?.n);

/** Runs the queued test of `id` to completion with `bytes`, as the runner would. */
async function complete(
  l: Lab,
  bytes: number,
  at = new Date(),
  onLabResult?: LabResultHook,
  bytesCapped = false,
) {
  const test = await l.store.claimNext(at.toISOString());
  if (!test) throw new Error('nothing queued');
  await finishSiteTest(
    { store: l.store, catalog: await l.t.catalog.get(), onLabResult, logError: (e) => l.t.errors.push(e) },
    test,
    {
      ok: true,
      measurement: {
        bytes,
        requests: 12,
        thirdPartyBytes: 40_000,
        thirdPartyRequests: 3,
        durationMs: 4321.4,
        bytesCapped,
      },
    },
    at,
  );
  return test.id;
}

describe('POST /v1/sites/tests and GET /v1/sites/tests/{id}', () => {
  let l: Lab;
  beforeEach(async () => {
    l = await lab();
  });

  it('queues a test (202 + Location), hands it to the runner once, and reads it back', async () => {
    const res = await l.post({ url: 'HTTPS://WWW.Example.ORG:443/blog/?utm=x#top' });
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      url: 'https://www.example.org/blog',
      status: 'queued',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(res.headers.get('location')).toBe(`/v1/sites/tests/${body.id}`);
    expect(l.dispatched.map((d) => d.id)).toEqual([body.id]);

    const read = await l.request(res.headers.get('location') as string);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual(body);

    // The same URL while it waits: the same test, not a second one.
    const again = await l.post({ url: 'https://www.example.org/blog/' });
    expect(again.status).toBe(202);
    expect((await again.json()).id).toBe(body.id);
    expect(l.dispatched).toHaveLength(1);
    expect(await rows(l)).toBe(1);
  });

  it('answers a done test with its result under swd-v4, like a site answer', async () => {
    const queued = await (await l.post({ url: 'https://shop.example.com/cart' })).json();
    await complete(l, 2_366_464);
    const done = await (await l.request(`${TESTS}/${queued.id}`)).json();
    const estimate = await (await l.request('/v1/estimates/website?bytes=2366464')).json();
    expect(done).toEqual({
      id: queued.id,
      url: 'https://shop.example.com/cart',
      status: 'done',
      created_at: queued.created_at,
      result: {
        bytes: 2_366_464,
        requests: 12,
        third_party_bytes: 40_000,
        third_party_requests: 3,
        model: 'swd-v4',
        co2e_g: estimate.per_view.co2e_g,
        rating: 'E',
        duration_ms: 4321,
        tested_at: expect.any(String),
        bytes_capped: false,
      },
    });
    // 2,366,464 bytes × 148.2 g/GB (swd-v4) = 0.3507 g
    expect(done.result.co2e_g).toBeCloseTo(0.3507099648, 10);
  });

  it('answers a test stopped at the byte cap done with bytes_capped, and its site figure as a lower bound', async () => {
    const url = 'https://capped.example/flood';
    const queued = await (await l.post({ url })).json();
    await complete(
      l,
      100_030_485,
      new Date(),
      async (testedUrl, result) => {
        await recordSiteLabResult(l.t.sites, testedUrl, result);
      },
      true,
    );
    const done = await (await l.request(`${TESTS}/${queued.id}`)).json();
    expect(done).toMatchObject({ status: 'done', result: { bytes: 100_030_485, bytes_capped: true } });
    expect(done).not.toHaveProperty('error');
    // Reused within 10 minutes as it is: still capped.
    const again = await l.post({ url });
    expect(again.status).toBe(200);
    expect((await again.json()).result.bytes_capped).toBe(true);
    const site = await (await l.request(`/v1/sites?url=${encodeURIComponent(url)}`)).json();
    expect(site).toMatchObject({
      source: 'lab',
      bytes: 100_030_485,
      coverage: 0.5, // under 0.8: a lower bound, as the badge's "≥" says
      lab: { bytes: 100_030_485, bytes_capped: true },
    });
    const badge = await l.request(`/v1/badge.svg?url=${encodeURIComponent(url)}`);
    expect(await badge.text()).toContain('≥');
  });

  it("keeps a done test as its page's lab sample before it reads done: the site answer and the badge have it", async () => {
    const url = 'https://tested.example/shop';
    expect((await l.request(`/v1/sites?url=${encodeURIComponent(url)}`)).status).toBe(404);
    const queued = await (await l.post({ url: `${url}/?from=landing` })).json();
    const statusAtHook: (string | undefined)[] = [];
    await complete(l, 938_564, new Date(), async (testedUrl, result) => {
      statusAtHook.push((await l.store.find(queued.id))?.status);
      await recordSiteLabResult(l.t.sites, testedUrl, result);
    });
    expect(statusAtHook).toEqual(['running']);
    const done = await (await l.request(`${TESTS}/${queued.id}`)).json();
    const site = await (await l.request(`/v1/sites?url=${encodeURIComponent(url)}`)).json();
    expect(site).toMatchObject({
      url,
      source: 'lab',
      bytes: 938_564,
      co2e_g: done.result.co2e_g,
      rating: done.result.rating,
      coverage: 1,
      clients: 0,
      measurements: 0,
      measured_at: done.result.tested_at,
      lab: { bytes: 938_564, tested_at: done.result.tested_at },
    });
    expect(site).not.toHaveProperty('field');
    const badge = await l.request(`/v1/badge.svg?url=${encodeURIComponent(url)}`);
    expect(badge.status).toBe(200);
    expect(await badge.text()).toContain('aria-label="CO₂e/view: 0.14 g · B"');
  });

  it('finishes the test when its lab sample cannot be stored, and logs why', async () => {
    const queued = await (await l.post({ url: 'https://unstored.example/' })).json();
    await complete(l, 500_000, new Date(), () => Promise.reject(new Error('site store down')));
    expect(await (await l.request(`${TESTS}/${queued.id}`)).json()).toMatchObject({
      status: 'done',
      result: { bytes: 500_000 },
    });
    expect(l.t.errors.map(String)).toEqual(['Error: site store down']);
  });

  it('answers a test finished less than 10 minutes ago (200) instead of queueing, then queues again', async () => {
    const first = await (await l.post({ url: 'https://reuse.example/' })).json();
    await complete(l, 500_000);
    const reused = await l.post({ url: 'https://reuse.example' });
    expect(reused.status).toBe(200);
    expect(reused.headers.get('location')).toBeNull();
    expect(await reused.json()).toMatchObject({ id: first.id, status: 'done', result: { bytes: 500_000 } });
    expect(l.dispatched).toHaveLength(1);

    // Ten minutes and one second later, the same URL is tested again.
    const old = new Date(Date.now() - 601_000).toISOString();
    await l.t.database.client.execute({ sql: 'UPDATE site_tests SET finished_at = ?', args: [old] });
    const fresh = await l.post({ url: 'https://reuse.example/' });
    expect(fresh.status).toBe(202);
    expect((await fresh.json()).id).not.toBe(first.id);
    expect(l.dispatched).toHaveLength(2);
  });

  it('answers a failed test with a problem-style error', async () => {
    const queued = await (await l.post({ url: 'https://fails.example/' })).json();
    const test = await l.store.claimNext(new Date().toISOString());
    await finishSiteTest(
      { store: l.store, catalog: await l.t.catalog.get() },
      test as NonNullable<typeof test>,
      { ok: false, error: { type: '/problems/timeout', detail: 'The page did not load within 30 s.' } },
      new Date(),
    );
    expect(await (await l.request(`${TESTS}/${queued.id}`)).json()).toEqual({
      id: queued.id,
      url: 'https://fails.example/',
      status: 'failed',
      created_at: queued.created_at,
      error: { type: '/problems/timeout', detail: 'The page did not load within 30 s.' },
    });
  });

  it('answers 404 for an unknown id and 400 for an absurd one', async () => {
    const res = await l.request(`${TESTS}/0f8b6c1e-3a52-4f0e-9d55-2b7f0c1e8a90`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ type: '/problems/not-found', status: 404 });
    const long = await l.request(`${TESTS}/${'x'.repeat(65)}`);
    expect(long.status).toBe(400);
    expect((await long.json()).errors).toEqual([{ path: 'id', message: expect.stringContaining('64') }]);
  });

  it.each([
    [{ url: 'ftp://example.org/file' }, "Only http and https URLs are accepted, not 'ftp:'."],
    [{ url: 'https://user:secret@example.org/' }, 'URLs with user-info (user:password@) are not accepted.'],
    [{ url: 'example.org' }, 'Not an absolute URL (expected http:// or https://).'],
    [
      { url: `https://example.org/${'a'.repeat(2048)}` },
      'Too long: 2068 characters once normalised (percent-encoded), at most 2048.',
    ],
    // 300 × '€' is 320 characters as given and 2,720 once percent-encoded.
    [
      { url: `https://example.org/${'€'.repeat(300)}` },
      'Too long: 2720 characters once normalised (percent-encoded), at most 2048.',
    ],
  ])('refuses a bad URL with a 400 naming url (%#)', async (body, message) => {
    const res = await l.post(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      type: '/problems/validation-error',
      errors: [{ path: 'url', message }],
    });
    expect(await rows(l)).toBe(0);
    expect(l.dispatched).toHaveLength(0);
  });

  it('lists every offending field (missing url, unknown field)', async () => {
    const res = await l.post({ page: 'https://example.org/' });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([
      { path: 'url', message: 'Required.' },
      { path: 'page', message: "Unknown field 'page'." },
    ]);
  });

  it.each([
    ['http://127.0.0.1/', '127.0.0.1 is a loopback address.'],
    ['http://localhost.:80@127.0.0.1/', 'URLs with user-info'],
    ['http://[::1]/admin', '::1 is a loopback address.'],
    ['http://[::ffff:127.0.0.1]/', 'loopback'],
    ['http://2130706433/', '127.0.0.1 is a loopback address.'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a cloud metadata address.'],
    ['http://10.0.0.5/', '10.0.0.5 is a private address.'],
    ['https://example.org:8443/', 'Port 8443 is refused: lab tests use ports 80 and 443 only.'],
  ])('refuses %s before queueing anything (422 refused-target, or 400)', async (url, message) => {
    const res = await l.post({ url });
    const body = await res.json();
    if (message.startsWith('URLs with')) expect(res.status).toBe(400);
    else {
      expect(res.status).toBe(422);
      expect(body).toMatchObject({
        type: '/problems/refused-target',
        status: 422,
        errors: [{ path: 'url', message: expect.stringContaining(message) }],
      });
    }
    expect(JSON.stringify(body)).toContain(message);
    expect(await rows(l)).toBe(0);
  });

  it('SITE_TESTS_ALLOW_PRIVATE lifts the address and port rules', async () => {
    const open = await lab({ policy: PERMISSIVE_TARGET_POLICY });
    const res = await open.post({ url: 'http://127.0.0.1:8080/' });
    expect(res.status).toBe(202);
    expect((await res.json()).url).toBe('http://127.0.0.1:8080/');
  });

  it('refuses the 101st queued test with 503 + Retry-After and writes nothing', async () => {
    for (let i = 0; i < 100; i += 1)
      expect((await l.post({ url: `https://p${i}.example/` }, spread(i))).status).toBe(202);
    const full = await l.post({ url: 'https://one-too-many.example/' }, spread(100));
    expect(full.status).toBe(503);
    expect(full.headers.get('retry-after')).toBe('60');
    expect(await full.json()).toMatchObject({
      type: '/problems/queue-full',
      detail: '100 lab tests are already waiting: retry after 60 s.',
    });
    expect(await rows(l)).toBe(100);
    // A URL already queued is still answered (its test), and a running test frees a place.
    expect((await l.post({ url: 'https://p7.example/' }, spread(101))).status).toBe(202);
    await l.store.claimNext(new Date().toISOString());
    expect((await l.post({ url: 'https://one-too-many.example/' }, spread(100))).status).toBe(202);
  });

  it('holds the cap and the one-test-per-URL rule under concurrent requests', async () => {
    const same = await Promise.all(
      Array.from({ length: 20 }, () => l.post({ url: 'https://same.example/' })),
    );
    expect(same.map((r) => r.status)).toEqual(Array(20).fill(202));
    expect(new Set(await Promise.all(same.map(async (r) => (await r.json()).id))).size).toBe(1);
    const many = await Promise.all(
      Array.from({ length: 150 }, (_, i) => l.post({ url: `https://c${i}.example/` }, spread(i))),
    );
    const counts: Record<number, number> = {};
    for (const r of many) counts[r.status] = (counts[r.status] ?? 0) + 1;
    expect(counts).toEqual({ 202: 99, 503: 51 });
    expect(await rows(l)).toBe(100);
  });

  it('deletes the test and answers 503 when the runner does not take it', async () => {
    const broken = await lab({
      deps: {
        dispatch: () => Promise.reject(new Error('queue send failed')),
      },
    });
    const res = await broken.post({ url: 'https://example.org/' });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ type: '/problems/lab-unavailable' });
    expect(await rows(broken)).toBe(0);
    expect(broken.t.errors.map(String)).toEqual(['Error: queue send failed']);
  });

  it('answers 503 naming CHROMIUM_PATH and the package when there is no usable Chromium', async () => {
    const missing = findChromium({ CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(missing).toEqual({
      missing:
        "Lab tests need Chromium: CHROMIUM_PATH=/nonexistent/chromium is not an executable file; install Debian's " +
        'package (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.',
    });
    const none = await lab({
      deps: { unavailable: () => ({ status: 503, detail: 'missing' in missing ? missing.missing : '' }) },
    });
    const res = await none.post({ url: 'https://example.org/' });
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body).toMatchObject({ type: '/problems/lab-unavailable', title: 'Lab unavailable' });
    expect(body.detail).toContain('CHROMIUM_PATH');
    expect(body.detail).toContain('apt-get install chromium');
    expect(await rows(none)).toBe(0);
  });

  it('answers 501 when the server has no lab at all', async () => {
    const none = await lab({ none: true });
    const res = await none.post({ url: 'https://example.org/' });
    expect(res.status).toBe(501);
    expect(await res.json()).toMatchObject({ type: '/problems/lab-not-configured', status: 501 });
    expect((await none.request(`${TESTS}/x`)).status).toBe(404);
  });

  it('answers 503 when the store fails, without a cause', async () => {
    const res0 = await l.post({ url: 'https://store.example/' });
    expect(res0.status).toBe(202);
    l.t.database.client.close();
    const res = await l.post({ url: 'https://store2.example/' });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toEqual({
      type: '/problems/service-unavailable',
      title: 'Service unavailable',
      status: 503,
      detail: 'The lab test store is unavailable. Retry later.',
    });
    expect((await l.request(`${TESTS}/${(await res0.json()).id}`)).status).toBe(503);
  });
});

describe('the fair lab queue: shares per client and network, lost tests expire', () => {
  let l: Lab;
  beforeEach(async () => {
    l = await lab();
  });
  const tooMany = (scope: string, share: number) => ({
    type: '/problems/too-many-tests',
    status: 429,
    detail: `${scope} has ${share} lab tests queued or running: retry after 60 s, or once one has finished.`,
  });

  it('gives one client 3 pending tests (queued or running), then 429 + Retry-After until one ends', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await l.post({ url: `https://a${i}.example/` }, '203.0.113.7')).status);
    expect(statuses).toEqual([202, 202, 202]);
    await l.store.claimNext(new Date().toISOString()); // running still counts
    const fourth = await l.post({ url: 'https://a3.example/' }, '203.0.113.7');
    expect(fourth.status).toBe(429);
    expect(fourth.headers.get('retry-after')).toBe('60');
    expect(await fourth.json()).toMatchObject(tooMany('This client', 3));
    expect(await rows(l)).toBe(3);
    // Another address of the same /24 is another client; a URL already pending is still answered.
    expect((await l.post({ url: 'https://b0.example/' }, '203.0.113.8')).status).toBe(202);
    expect((await l.post({ url: 'https://a1.example/' }, '203.0.113.7')).status).toBe(202);
    // An IPv6 client is its /64: rotating addresses inside it buys nothing.
    for (let i = 1; i <= 3; i += 1)
      expect((await l.post({ url: `https://v${i}.example/` }, `2001:db8:1:1::${i}`)).status).toBe(202);
    expect((await l.post({ url: 'https://v4.example/' }, '2001:db8:1:1::ffff')).status).toBe(429);
    // The running test ends: its place is the client's again.
    const [running] = (
      await l.t.database.client.execute("SELECT id FROM site_tests WHERE status = 'running'")
    ).rows;
    await l.store.finish(String(running?.id), {
      status: 'failed',
      finishedAt: new Date().toISOString(),
      errorType: '/problems/timeout',
      errorDetail: 'x',
    });
    expect((await l.post({ url: 'https://a3.example/' }, '203.0.113.7')).status).toBe(202);
  });

  it('gives one network (IPv6 /48, IPv4 /24) 10 pending tests, whatever addresses it forges', async () => {
    const v6 = [];
    for (let i = 0; i < 12; i += 1)
      v6.push((await l.post({ url: `https://n${i}.example/` }, `2001:db8:7:${i}::1`)).status);
    expect(v6).toEqual([...Array(10).fill(202), 429, 429]);
    const v4 = [];
    for (let i = 0; i < 12; i += 1)
      v4.push((await l.post({ url: `https://m${i}.example/` }, `192.0.2.${i}`)).status);
    expect(v4).toEqual([...Array(10).fill(202), 429, 429]);
    const refused = await l.post({ url: 'https://m99.example/' }, '192.0.2.200');
    expect(await refused.json()).toMatchObject(tooMany("This client's network (IPv4 /24, IPv6 /48)", 10));
    // The next /48 and the next /24 are served.
    expect((await l.post({ url: 'https://x.example/' }, '2001:db8:8::1')).status).toBe(202);
    expect((await l.post({ url: 'https://y.example/' }, '192.0.3.1')).status).toBe(202);
    expect(await rows(l)).toBe(22);
  });

  it('keeps the last 20 of the 100 places for networks without a pending test', async () => {
    // Eight networks fill 80 places (10 each).
    for (let n = 0; n < 8; n += 1)
      for (let i = 0; i < 10; i += 1)
        expect((await l.post({ url: `https://f${n}-${i}.example/` }, `10.${n}.0.${i + 1}`)).status).toBe(202);
    const noMore = await l.post({ url: 'https://f9.example/' }, `198.51.100.1`);
    expect(noMore.status).toBe(202); // a new network: 81st
    const again = await l.post({ url: 'https://f10.example/' }, `198.51.100.2`);
    expect(again.status).toBe(503); // its network now has a pending test, and 81 are queued
    expect(await again.json()).toMatchObject({
      type: '/problems/queue-full',
      detail: '80 lab tests are already waiting: retry after 60 s.',
    });
    for (let i = 0; i < 19; i += 1)
      expect((await l.post({ url: `https://r${i}.example/` }, spread(i))).status).toBe(202);
    expect((await l.post({ url: 'https://r99.example/' }, spread(99))).status).toBe(503);
    expect(await rows(l)).toBe(100);
  });

  it('fails a test queued over 60 minutes ago (its message was lost) and frees its place', async () => {
    for (let i = 0; i < 100; i += 1)
      expect((await l.post({ url: `https://q${i}.example/` }, spread(i))).status).toBe(202);
    expect((await l.post({ url: 'https://late.example/' }, spread(100))).status).toBe(503);
    const lost = await l.store.find(l.dispatched[0]?.id as string);
    await l.t.database.client.execute({
      sql: 'UPDATE site_tests SET created_at = ? WHERE id = ?',
      args: [new Date(Date.now() - 61 * 60_000).toISOString(), lost?.id as string],
    });
    expect((await l.post({ url: 'https://late.example/' }, spread(100))).status).toBe(202);
    const read = await (await l.request(`${TESTS}/${lost?.id}`)).json();
    expect(read).toMatchObject({
      status: 'failed',
      error: {
        type: '/problems/interrupted',
        detail:
          'The test was lost by the lab and never finished (not started within 60 minutes, or its runner stopped): ' +
          'test the page again.',
      },
    });
    // Not the page's result: its URL is tested again, not answered with the loss.
    const retest = await l.post({ url: lost?.url as string }, spread(100));
    expect(retest.status).toBe(503); // the queue is full again (100 queued), not a reused failure
    const stored = await l.t.database.client.execute({
      sql: 'SELECT client, network FROM site_tests WHERE id = ?',
      args: [lost?.id as string],
    });
    expect(stored.rows[0]).toMatchObject({ client: null, network: null }); // who asked is forgotten
  });

  it('expires a lost test on read too, and a running test whose runner died', async () => {
    const queued = await (await l.post({ url: 'https://read.example/' }, '203.0.113.9')).json();
    await l.store.claimNext(new Date(Date.now() - 3 * 60_000).toISOString());
    const running = await (await l.request(`${TESTS}/${queued.id}`)).json();
    expect(running).toMatchObject({ status: 'failed', error: { type: '/problems/interrupted' } });
  });

  it('abandons running tests whose runner died on the next submission, unread: their share and URLs are free', async () => {
    const client = '203.0.113.77';
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1)
      ids.push((await (await l.post({ url: `https://died${i}.example/` }, client)).json()).id);
    expect((await l.post({ url: 'https://fourth.example/' }, client)).status).toBe(429); // its share: 3
    // Every runner took one and died: started 3 minutes ago, past the 2 min 0 s a test can run.
    for (let i = 0; i < 3; i += 1) await l.store.claimNext(new Date(Date.now() - 3 * 60_000).toISOString());
    // Just within the limit, a running test is left alone.
    const fresh = await (await l.post({ url: 'https://fresh.example/' }, '198.51.100.7')).json();
    await l.store.claimNext(new Date(Date.now() - 100_000).toISOString());

    expect((await l.post({ url: 'https://fourth.example/' }, client)).status).toBe(202);
    const states = await l.t.database.client.execute({
      sql: `SELECT id, status, error_type FROM site_tests WHERE id IN (${ids.map(() => '?').join(', ')}, ?) ORDER BY url`,
      args: [...ids, fresh.id],
    });
    expect(states.rows.map((r) => [r.id, r.status, r.error_type])).toEqual([
      ...ids.map((id) => [id, 'failed', '/problems/interrupted']),
      [fresh.id, 'running', null],
    ]);
    // The same URL is tested again (a new test), not answered with the loss.
    const again = await l.post({ url: 'https://died0.example/' }, client);
    expect(again.status).toBe(202);
    expect((await again.json()).id).not.toBe(ids[0]);
  });
});

describe('the rate-limit cost of a lab test', () => {
  it('costs 60 tokens: ten tests a minute at the default 600, then 429 with nothing queued', async () => {
    const l = await lab({ perMinute: 600 });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await l.post({ url: `https://example.org/page-${i}` })).status);
      if (statuses[i] === 202) await complete(l, 1000); // under the client's share of pending tests
    }
    expect(statuses).toEqual([...Array(10).fill(202), 429]);
    expect(await rows(l)).toBe(10);
    // An estimate still passes: the tokens left are fewer than 60, not zero.
    const left = await l.request('/healthz');
    expect(Number(left.headers.get('ratelimit-remaining'))).toBeLessThan(60);
  });

  it('can never pass under a limit below its cost: 429 saying so, nothing queued', async () => {
    const l = await lab({ perMinute: 30 });
    const res = await l.post({ url: 'https://example.org/' });
    expect(res.status).toBe(429);
    expect(((await res.json()) as { detail: string }).detail).toMatch(
      /costs 60 rate-limit tokens, more than the 30/,
    );
    expect(await rows(l)).toBe(0);
  });
});
