import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labOptionsFromEnv } from '../../src/entries/node/lab/settings.js';
import { type RunningServer, startNodeServer } from '../../src/entries/node/server.js';
import { targetPolicy } from '../../src/services/lab/target-policy.js';
import { browserTestsSkipped, CHROMIUM_PATH } from '../helpers/chromium.js';
import { FIXTURE_SIZES, type LabFixture, startLabFixture } from '../helpers/lab-fixture.js';

// Lab tests end to end: the real Node server (libSQL file, SQL queue) drives Debian's headless
// Chromium through playwright-core against a fixture site on two loopback origins that counts
// every byte it writes on its sockets.

const SKIP = browserTestsSkipped('the lab test end-to-end test');

/**
 * The production rules, except that the fixture's two origins (127.0.0.1 and 127.0.0.2) stand for
 * the public internet, on any port. Every other address — 127.0.0.3 the fixture's "private" origin
 * included — is judged by the strict policy.
 */
const FIXTURE_POLICY = targetPolicy({ allowAddresses: ['127.0.0.1', '127.0.0.2'], anyPort: true });

interface Test {
  id: string;
  url: string;
  status: string;
  result?: Record<string, number | string>;
  error?: { type: string; detail: string };
}

async function submit(api: string, url: string): Promise<Response> {
  return fetch(`${api}/v1/sites/tests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url }),
  });
}

async function finished(api: string, id: string, timeoutMs = 90_000): Promise<Test> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const test = (await (await fetch(`${api}/v1/sites/tests/${id}`)).json()) as Test;
    if (test.status === 'done' || test.status === 'failed') return test;
    if (Date.now() > until) throw new Error(`test ${id} still ${test.status}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function run(api: string, url: string): Promise<Test> {
  const res = await submit(api, url);
  expect(res.status).toBe(202);
  return finished(api, ((await res.json()) as Test).id);
}

describe.skipIf(SKIP)('lab tests in headless Chromium', { timeout: 120_000 }, () => {
  let dir: string;
  let fixture: LabFixture;
  let server: RunningServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'empreinte-lab-'));
    fixture = await startLabFixture();
    server = await startNodeServer({
      port: 0,
      databaseUrl: `file:${join(dir, 'lab.db')}`,
      lab: { chromium: { path: CHROMIUM_PATH }, policy: FIXTURE_POLICY, allowPrivate: false },
    });
  });
  afterAll(async () => {
    await server?.close();
    await fixture?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('measures every byte the page caused within 5% of what the site sent', async () => {
    fixture.reset();
    const started = performance.now();
    const test = await run(server.url, `${fixture.a.url}/page`);
    const wallMs = performance.now() - started;
    const sent = fixture.bytesSent();
    const result = test.result as Record<string, number>;
    console.log(
      `lab test: ${result.bytes} bytes measured, ${sent} bytes sent by the fixture ` +
        `(${(((result.bytes as number) / sent - 1) * 100).toFixed(2)} %), ${result.requests} requests, ` +
        `test ${result.duration_ms} ms, submit-to-done ${Math.round(wallMs)} ms`,
    );
    expect(test.status).toBe('done');
    expect(Math.abs((result.bytes as number) / sent - 1)).toBeLessThanOrEqual(0.05);

    // Everything the page caused was loaded and counted: the cross-origin script (no
    // Timing-Allow-Origin), the out-of-process iframe and its image, the worker and its fetch, the
    // lazy image below the fold (scrolled to) and the fetch 1 s after load (waited for).
    const a = Object.fromEntries(fixture.a.hits);
    const b = Object.fromEntries(fixture.b.hits);
    expect(a).toEqual({
      '/page': 1,
      '/style.css': 1,
      '/app.js': 1,
      '/worker.js': 1,
      '/worker-data.bin': 1,
      '/lazy.svg': 1,
      '/late.json': 1,
    });
    expect(b).toEqual({ '/third-party.js': 1, '/frame.html': 1, '/frame.svg': 1 });
    expect(result.requests).toBe(10);
    const bodies = Object.values(FIXTURE_SIZES).reduce((n, s) => n + s, 0);
    expect(result.bytes).toBeGreaterThan(bodies);
    // Third party: origin B's script, frame and image (bodies plus headers).
    const thirdPartyBodies = FIXTURE_SIZES.thirdParty + FIXTURE_SIZES.frame + FIXTURE_SIZES.frameImage;
    expect(result.third_party_requests).toBe(3);
    expect(Math.abs((result.third_party_bytes as number) / fixture.b.bytesSent() - 1)).toBeLessThanOrEqual(
      0.05,
    );
    expect(result.third_party_bytes).toBeGreaterThan(thirdPartyBodies);
    // The image on the private origin was refused before any connection.
    expect(fixture.secret.hits.size).toBe(0);
    expect(result).toMatchObject({ model: 'swd-v4', rating: expect.any(String) });
    const estimate = await (await fetch(`${server.url}/v1/estimates/website?bytes=${result.bytes}`)).json();
    expect(result.co2e_g).toBe(estimate.per_view.co2e_g);
    expect(result.rating).toBe(estimate.rating);
  });

  it("serves the page's site answer and badge from its lab test (it has no field sample)", async () => {
    const pageUrl = `${fixture.a.url}/page`;
    const test = (await (await submit(server.url, pageUrl)).json()) as Test;
    expect(test.status).toBe('done'); // the test above, reused
    const result = test.result as Record<string, number | string>;
    const res = await fetch(`${server.url}/v1/sites?url=${encodeURIComponent(pageUrl)}`);
    expect(res.status).toBe(200);
    const site = await res.json();
    expect(site).toMatchObject({
      url: pageUrl,
      source: 'lab',
      bytes: result.bytes,
      co2e_g: result.co2e_g,
      rating: result.rating,
      coverage: 1,
      clients: 0,
      measurements: 0,
      measured_at: result.tested_at,
      lab: { bytes: result.bytes, tested_at: result.tested_at },
    });
    expect(site).not.toHaveProperty('field');
    const rows = await server.database.client.execute(
      'SELECT s.source, s.client, s.bytes FROM site_samples AS s JOIN site_pages AS p ON p.id = s.page_id WHERE p.url = ?',
      [pageUrl],
    );
    expect(rows.rows.map((r) => ({ ...r }))).toEqual([{ source: 'lab', client: 'lab', bytes: result.bytes }]);
    const badge = await fetch(`${server.url}/v1/badge.svg?url=${encodeURIComponent(pageUrl)}`);
    expect(badge.status).toBe(200);
    const svg = await badge.text();
    expect(svg).toContain(`lab test of ${String(result.tested_at).slice(0, 10)}`);
    expect(svg).not.toContain('few samples');
  });

  it('answers the same page within 10 minutes from its finished test, without loading it again', async () => {
    fixture.reset();
    const res = await submit(server.url, `${fixture.a.url}/page/`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as Test).status).toBe('done');
    expect(fixture.a.hits.size + fixture.b.hits.size).toBe(0);
  });

  it('fails a page that redirects to a private address (refused-target), which is never reached', async () => {
    fixture.reset();
    const test = await run(server.url, `${fixture.a.url}/to-private`);
    expect(test.status).toBe('failed');
    expect(test.error).toEqual({
      type: '/problems/refused-target',
      detail: '127.0.0.3 is a loopback address.',
    });
    expect(fixture.a.hits.get('/to-private')).toBe(1);
    expect(fixture.secret.hits.size).toBe(0);
  });

  it('fails a document answering 404, and a URL that answers a download', async () => {
    const missing = await run(server.url, `${fixture.a.url}/missing`);
    expect(missing.error).toEqual({
      type: '/problems/document-status',
      detail: 'The page answered HTTP 404 Not Found.',
    });
    const download = await run(server.url, `${fixture.a.url}/download`);
    expect(download.error).toEqual({
      type: '/problems/not-a-page',
      detail: 'The URL answers a download, not a page.',
    });
  });
});

describe.skipIf(SKIP)('the limits of a lab test (shortened here)', { timeout: 120_000 }, () => {
  let dir: string;
  let fixture: LabFixture;
  let server: RunningServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'empreinte-lab-limits-'));
    fixture = await startLabFixture();
    server = await startNodeServer({
      port: 0,
      databaseUrl: `file:${join(dir, 'lab.db')}`,
      lab: {
        chromium: { path: CHROMIUM_PATH },
        policy: FIXTURE_POLICY,
        allowPrivate: false,
        limits: { maxRequests: 100, maxBytes: 1_000_000, navigationTimeoutMs: 10_000 },
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    await fixture?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops a page past the request limit, a page past the byte cap (done, capped), and a page that never loads', async () => {
    const [many, huge, hang] = await Promise.all([
      run(server.url, `${fixture.a.url}/many`),
      run(server.url, `${fixture.a.url}/huge`),
      run(server.url, `${fixture.a.url}/hang`),
    ]);
    expect(many.error).toEqual({
      type: '/problems/page-too-large',
      detail: 'The page made more than 100 requests.',
    });
    // Past the byte cap the test stops at once and ends done: its bytes are a lower bound.
    expect(huge).toMatchObject({ status: 'done', result: { bytes_capped: true } });
    expect(huge.result?.bytes).toBeGreaterThan(1_000_000);
    expect(huge.result?.bytes).toBeLessThanOrEqual(1_000_000 + 65_536);
    expect(hang.error).toEqual({ type: '/problems/timeout', detail: 'The page did not load within 10 s.' });
  });
});

describe.skipIf(SKIP)(
  'lab tests with the production rules (no SITE_TESTS_ALLOW_PRIVATE)',
  { timeout: 120_000 },
  () => {
    let dir: string;
    let fixture: LabFixture;
    let server: RunningServer;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'empreinte-lab-strict-'));
      fixture = await startLabFixture();
      const lab = labOptionsFromEnv({ CHROMIUM_PATH });
      expect(lab.allowPrivate).toBe(false);
      server = await startNodeServer({ port: 0, databaseUrl: `file:${join(dir, 'lab.db')}`, lab });
    });
    afterAll(async () => {
      await server?.close();
      await fixture?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('refuses loopback, the metadata address, other ports and ftp: before queueing', async () => {
      const cases: [string, number, string][] = [
        ['http://127.0.0.1/', 422, '127.0.0.1 is a loopback address.'],
        ['http://169.254.169.254/latest/meta-data/', 422, '169.254.169.254 is a cloud metadata address.'],
        [`${fixture.a.url}/page`, 422, 'lab tests use ports 80 and 443 only'],
        ['ftp://example.org/', 400, "Only http and https URLs are accepted, not 'ftp:'."],
      ];
      for (const [url, status, message] of cases) {
        const res = await submit(server.url, url);
        expect(res.status).toBe(status);
        expect(JSON.stringify(await res.json())).toContain(message);
      }
      const rows = await server.database.client.execute('SELECT count(*) AS n FROM site_tests');
      expect(Number(rows.rows[0]?.n)).toBe(0);
    });

    it('fails a host name that resolves to loopback (refused-target) without loading anything', async () => {
      fixture.reset();
      const test = await run(server.url, 'http://localhost/');
      expect(test.status).toBe('failed');
      expect(test.error?.type).toBe('/problems/refused-target');
      // Never the address it resolved to: a refusal does not map the server's network.
      expect(test.error?.detail).toBe('localhost resolves to a private or reserved address.');
    });
  },
);

describe.skipIf(SKIP)('the lab queue across a restart', { timeout: 120_000 }, () => {
  let dir: string;
  let fixture: LabFixture;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'empreinte-lab-restart-'));
    fixture = await startLabFixture();
  });
  afterAll(async () => {
    await fixture?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the queued test and the one cut short by a stop after the next start', async () => {
    const databaseUrl = `file:${join(dir, 'lab.db')}`;
    const lab = {
      chromium: { path: CHROMIUM_PATH },
      policy: FIXTURE_POLICY,
      allowPrivate: false,
      concurrency: 1,
    };
    const first = await startNodeServer({ port: 0, databaseUrl, lab });
    const slow = (await (await submit(first.url, `${fixture.a.url}/slow`)).json()) as Test;
    const queued = (await (await submit(first.url, `${fixture.a.url}/page`)).json()) as Test;
    for (let i = 0; i < 100; i += 1) {
      const test = (await (await fetch(`${first.url}/v1/sites/tests/${slow.id}`)).json()) as Test;
      if (test.status === 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await first.close();
    const client = (await import('@libsql/client')).createClient({ url: databaseUrl });
    const before = await client.execute('SELECT id, status, attempts FROM site_tests ORDER BY created_at');
    client.close();
    expect(before.rows.map((r) => [r.id, r.status, r.attempts])).toEqual([
      [slow.id, 'running', 1],
      [queued.id, 'queued', 0],
    ]);

    const second = await startNodeServer({ port: 0, databaseUrl, lab });
    try {
      const [a, b] = await Promise.all([finished(second.url, slow.id), finished(second.url, queued.id)]);
      expect(a).toMatchObject({ status: 'done', url: `${fixture.a.url}/slow` });
      expect(b).toMatchObject({ status: 'done', url: `${fixture.a.url}/page` });
      const attempts = await second.database.client.execute({
        sql: 'SELECT attempts FROM site_tests WHERE id = ?',
        args: [slow.id],
      });
      expect(attempts.rows[0]?.attempts).toBe(2);
    } finally {
      await second.close();
    }
  });
});
