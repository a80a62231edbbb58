import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

// A lab test through both Workers inside workerd: the API Worker writes it to D1 and sends it to
// the local Cloudflare Queue, the lab Worker's consumer loads the page in the (fake) Browser
// Rendering binding over the DevTools Protocol and writes the outcome to D1.

interface Test {
  id: string;
  url: string;
  status: string;
  result?: Record<string, number | string | null>;
  error?: { type: string; detail: string };
}

const api = (path: string, init?: RequestInit) => exports.default.fetch(`http://empreinte.test${path}`, init);
const submit = (url: string) =>
  api('/v1/sites/tests', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url }),
  });

async function finished(id: string): Promise<Test> {
  for (let i = 0; i < 200; i += 1) {
    const test = await (await api(`/v1/sites/tests/${id}`)).json<Test>();
    if (test.status === 'done' || test.status === 'failed') return test;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`test ${id} did not finish`);
}

const browserState = async () =>
  (await env.BROWSER?.fetch('https://fake.host/state'))?.json<{
    acquisitions: number;
    continued: string[];
    failed: string[];
  }>();

describe('lab tests on Workers (local queue, fake Browser Rendering binding, D1)', () => {
  it('queues through the API Worker and measures in the lab Worker: every session, refusals failed', async () => {
    const res = await submit('https://lab.test/');
    expect(res.status).toBe(202);
    const queued = await res.json<Test>();
    expect(res.headers.get('location')).toBe(`/v1/sites/tests/${queued.id}`);
    const test = await finished(queued.id);
    // 10,000 (document) + 20,000 + 30,000 (third party) + 200 (a 301) + 7,000 (its target)
    // + 5,000 + 15,000 (the out-of-process iframe and its image, a third party): 87,200 bytes.
    expect(test).toMatchObject({
      status: 'done',
      url: 'https://lab.test/',
      result: {
        bytes: 87_200,
        requests: 7,
        third_party_bytes: 50_000,
        third_party_requests: 3,
        model: 'swd-v4',
        rating: 'A+',
      },
    });
    // 87,200 bytes × 148.2 g/GB (swd-v4)
    expect(test.result?.co2e_g).toBeCloseTo(0.01292304, 10);
    const state = await browserState();
    expect(state?.failed).toEqual(['http://169.254.169.254/latest/meta-data/']);
    expect(state?.continued).toContain('https://frame.other.test/img.png');
    const row = await env.DB.prepare('SELECT status, bytes, attempts FROM site_tests WHERE id = ?')
      .bind(queued.id)
      .first();
    expect(row).toEqual({ status: 'done', bytes: 87_200, attempts: 1 });

    // The lab Worker kept the result as the page's lab sample: the API Worker answers the page from it.
    const site = await api(`/v1/sites?url=${encodeURIComponent('https://lab.test/')}`);
    expect(site.status).toBe(200);
    const body = await site.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      url: 'https://lab.test/',
      source: 'lab',
      bytes: 87_200,
      rating: 'A+',
      coverage: 1,
      clients: 0,
      measurements: 0,
      lab: { bytes: 87_200, tested_at: test.result?.tested_at },
    });
    expect(body.co2e_g).toBeCloseTo(0.01292304, 10);
    expect(body).not.toHaveProperty('field');
    const samples = await env.DB.prepare(
      "SELECT s.source, s.client, s.bytes FROM site_samples AS s JOIN site_pages AS p ON p.id = s.page_id WHERE p.url = 'https://lab.test/'",
    ).all();
    expect(samples.results).toEqual([{ source: 'lab', client: 'lab', bytes: 87_200 }]);
    const badge = await api(`/v1/badge.svg?url=${encodeURIComponent('https://lab.test/')}`);
    expect(badge.status).toBe(200);
    const svg = await badge.text();
    expect(svg).toContain('aria-label="CO₂e/view: 0.01 g · A+"'); // no "few samples" mark
    expect(svg).toContain('lab test of');
  });

  it('fails a document answering 404, and a host that resolves to a private address without a browser', async () => {
    const missing = await finished((await (await submit('https://lab.test/missing')).json<Test>()).id);
    expect(missing.error).toEqual({
      type: '/problems/document-status',
      detail: 'The page answered HTTP 404 Not Found.',
    });
    const before = (await browserState())?.acquisitions;
    const refused = await finished((await (await submit('https://private.test/')).json<Test>()).id);
    expect(refused.error).toEqual({
      type: '/problems/refused-target',
      detail: 'private.test resolves to a private or reserved address.',
    });
    const unknown = await finished((await (await submit('https://nowhere.test/')).json<Test>()).id);
    expect(unknown.error).toEqual({
      type: '/problems/dns-failure',
      detail: 'nowhere.test does not resolve.',
    });
    expect((await browserState())?.acquisitions).toBe(before);
  });

  it('puts a test back in the queue, to be delivered again, when the lab Worker has no browser binding', async () => {
    const { handleSiteTestBatch } = await import('../../src/entries/worker/lab.js');
    await env.DB.prepare(
      "INSERT INTO site_tests (id, url, status, attempts, created_at) VALUES ('unbound', 'https://lab.test/u', 'queued', 0, ?)",
    )
      .bind(new Date().toISOString())
      .run();
    const calls: unknown[] = [];
    const message = {
      id: 'message-1',
      timestamp: new Date(),
      attempts: 1,
      body: { id: 'unbound' },
      ack: () => calls.push('ack'),
      retry: (options?: unknown) => calls.push(['retry', options]),
    };
    const batch = { queue: 'empreinte-site-tests', messages: [message], ackAll() {}, retryAll() {} };
    const logged: unknown[] = [];
    await handleSiteTestBatch(
      batch as unknown as MessageBatch<{ id: string }>,
      { ...env, BROWSER: undefined },
      (error) => logged.push(error),
    );
    expect(calls).toEqual([['retry', { delaySeconds: 60 }]]);
    expect(logged.map((error) => (error as Error).message)).toEqual([
      'The browser could not be started (no BROWSER binding ([browser] in wrangler.lab.toml)).',
    ]);
    const row = await env.DB.prepare(
      "SELECT status, attempts, started_at FROM site_tests WHERE id = 'unbound'",
    ).first();
    expect(row).toEqual({ status: 'queued', attempts: 0, started_at: null });
  });

  it('answers 501 naming what to bind when the API Worker has no queue binding', async () => {
    const worker = (await import('../../src/entries/worker/main.js')).default;
    const res = await worker.fetch(
      new Request('http://empreinte.test/v1/sites/tests', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: 'https://lab.test/other' }),
      }) as Parameters<typeof worker.fetch>[0],
      { ...env, SITE_TESTS_QUEUE: undefined },
      { waitUntil: () => {}, passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext,
    );
    expect(res.status).toBe(501);
    const body = await res.json<{ type: string; detail: string }>();
    expect(body.type).toBe('/problems/lab-not-configured');
    expect(body.detail).toContain('SITE_TESTS_QUEUE');
    expect(body.detail).toContain('BROWSER');
  });
});
