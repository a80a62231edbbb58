import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startNodeServer } from '../../src/entries/node/server.js';
import { targetPolicy } from '../../src/services/lab/target-policy.js';
import { browserTestsSkipped, CHROMIUM_PATH } from '../helpers/chromium.js';
import { type LabFixture, startLabFixture } from '../helpers/lab-fixture.js';
import { type MalformedOrigin, startMalformedOrigin } from '../helpers/malformed-origin.js';

// A hostile origin (a raw TCP server writing malformed HTTP) against the real Node lab in Chromium:
// its answers become failed sub-requests or a failed test, and a test running beside it finishes.

const SKIP = browserTestsSkipped('the malformed-origin lab test');
const POLICY = targetPolicy({ allowAddresses: ['127.0.0.1', '127.0.0.2'], anyPort: true });

interface Test {
  id: string;
  status: string;
  result?: { bytes: number; requests: number };
  error?: { type: string; detail: string };
}

const HOSTILE_PAGE =
  '<!doctype html><title>hostile</title><p>hostile' +
  '<img src="/status-99"><img src="/reason-del"><img src="/header-ctl"><img src="/not-http">' +
  '<script src="/bad-chunk"></script><img src="/status-999">';

describe.skipIf(SKIP)('a malformed origin in the lab', { timeout: 120_000 }, () => {
  let dir: string;
  let fixture: LabFixture;
  let hostile: MalformedOrigin;
  let server: RunningServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'empreinte-lab-malformed-'));
    fixture = await startLabFixture();
    hostile = await startMalformedOrigin({ '/page': HOSTILE_PAGE });
    server = await startNodeServer({
      port: 0,
      databaseUrl: `file:${join(dir, 'lab.db')}`,
      lab: { chromium: { path: CHROMIUM_PATH }, policy: POLICY, allowPrivate: false },
    });
  });
  afterAll(async () => {
    await server?.close();
    await hostile?.close();
    await fixture?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const submit = async (url: string) => {
    const res = await fetch(`${server.url}/v1/sites/tests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url }),
    });
    expect(res.status).toBe(202);
    return ((await res.json()) as Test).id;
  };
  const finished = async (id: string): Promise<Test> => {
    for (const until = Date.now() + 90_000; Date.now() < until; ) {
      const test = (await (await fetch(`${server.url}/v1/sites/tests/${id}`)).json()) as Test;
      if (test.status === 'done' || test.status === 'failed') return test;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`test ${id} never finished`);
  };
  const attempts = async (id: string) =>
    (
      await server.database.client.execute({
        sql: 'SELECT attempts FROM site_tests WHERE id = ?',
        args: [id],
      })
    ).rows[0]?.attempts;

  it('counts malformed sub-resources as failed requests, and the test beside it completes', async () => {
    const victim = await submit(`${fixture.a.url}/slow`); // 3 s to answer: running when the hostile page loads
    const attack = await submit(`${hostile.url}/page`);
    const [v, a] = await Promise.all([finished(victim), finished(attack)]);
    expect(v.status).toBe('done');
    expect(a.status).toBe('done');
    // Only the page itself was counted: every malformed answer was a failed sub-request.
    expect(a.result?.requests).toBe(1);
    expect(hostile.hits).toEqual(
      expect.arrayContaining([
        '/page',
        '/status-99',
        '/reason-del',
        '/header-ctl',
        '/not-http',
        '/bad-chunk',
      ]),
    );
    // Each ran once: no lab fault made either run again.
    expect([await attempts(victim), await attempts(attack)]).toEqual([1, 1]);
  });

  it('fails a document with a malformed answer with a stable error type', async () => {
    const test = await finished(await submit(`${hostile.url}/status-99`));
    expect(test).toMatchObject({
      status: 'failed',
      error: {
        type: '/problems/unreachable',
        detail: `127.0.0.1:${hostile.port} answered a malformed HTTP response (status 99).`,
      },
    });
    const reason = await finished(await submit(`${hostile.url}/reason-del`));
    expect(reason.error).toEqual({
      type: '/problems/unreachable',
      detail: `127.0.0.1:${hostile.port} answered a malformed HTTP response (ERR_INVALID_CHAR).`,
    });
  });
});
