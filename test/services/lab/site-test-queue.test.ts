import { beforeEach, describe, expect, it } from 'vitest';
import { createDrizzleSiteTestStore, type SiteTestStore } from '../../../src/factors/site-test-store.js';
import {
  type LabBrowser,
  LabFaultError,
  type LabOutcome,
  LabUnavailableError,
} from '../../../src/services/lab/lab-browser.js';
import { createSiteTestQueue, type SiteTestQueue } from '../../../src/services/lab/site-test-queue.js';
import { submitSiteTest } from '../../../src/services/lab/site-tests.js';
import { createTestApp, type TestApp } from '../../helpers/app.js';

// The Node queue's scheduling over the real store: the lab is a scripted stand-in whose measures
// the test releases one by one (the real browser is in test/e2e/site-tests.test.ts).

interface Pending {
  url: string;
  finish(outcome: LabOutcome | Error): void;
}

function scriptedLab() {
  const pending: Pending[] = [];
  let running = 0;
  let most = 0;
  let waiters: (() => void)[] = [];
  const lab: LabBrowser = {
    measure: (url) =>
      new Promise<LabOutcome>((resolve, reject) => {
        running += 1;
        most = Math.max(most, running);
        pending.push({
          url,
          finish: (outcome) => {
            running -= 1;
            if (outcome instanceof Error) reject(outcome);
            else resolve(outcome);
          },
        });
        for (const w of waiters) w();
        waiters = [];
      }),
    close: async () => {
      for (const p of pending.splice(0)) p.finish(new Error('browser closed'));
    },
  };
  const started = async (n: number) => {
    while (pending.length < n) await new Promise<void>((r) => waiters.push(r));
  };
  return { lab, pending, started, most: () => most };
}

const done = (bytes: number): LabOutcome => ({
  ok: true,
  measurement: {
    bytes,
    requests: 1,
    thirdPartyBytes: 0,
    thirdPartyRequests: 0,
    durationMs: 10,
    bytesCapped: false,
  },
});

describe('the in-process lab queue (Node)', () => {
  let t: TestApp;
  let store: SiteTestStore;
  let script: ReturnType<typeof scriptedLab>;
  let queue: SiteTestQueue;
  const logged: unknown[] = [];
  const base = Date.now() - 60_000;
  const rows = async () =>
    (
      await t.database.client.execute('SELECT url, status, attempts, bytes FROM site_tests ORDER BY url')
    ).rows.map((r) => [r.url, r.status, r.attempts, r.bytes]);
  const enqueue = (i: number) =>
    store.enqueue(
      {
        id: `t${i}`,
        url: `https://p${i}.example/`,
        // Recent: a test queued over an hour ago is lost and expires when the queue starts.
        createdAt: new Date(base + i * 1000).toISOString(),
      },
      100,
    );

  beforeEach(async () => {
    t = await createTestApp();
    store = createDrizzleSiteTestStore(t.database.db);
    script = scriptedLab();
    logged.length = 0;
    queue = createSiteTestQueue({
      store,
      lab: script.lab,
      catalog: () => t.catalog.get(),
      logError: (e) => logged.push(e),
      pollMs: 60_000,
    });
  });

  it('runs at most two tests at once, oldest first, until the queue is empty', async () => {
    for (let i = 0; i < 5; i += 1) await enqueue(i);
    await queue.start();
    await script.started(2);
    expect(script.pending.map((p) => p.url)).toEqual(['https://p0.example/', 'https://p1.example/']);
    for (let n = 0; n < 5; n += 1) {
      await script.started(n + 1);
      script.pending[n]?.finish(done(1000 * (n + 1)));
    }
    await queue.idle();
    expect(script.most()).toBe(2);
    expect(await rows()).toEqual([
      ['https://p0.example/', 'done', 1, 1000],
      ['https://p1.example/', 'done', 1, 2000],
      ['https://p2.example/', 'done', 1, 3000],
      ['https://p3.example/', 'done', 1, 4000],
      ['https://p4.example/', 'done', 1, 5000],
    ]);
    await queue.stop();
  });

  it('picks up a test queued while its runners were finishing', async () => {
    await queue.start();
    await enqueue(1);
    queue.kick();
    await script.started(1);
    script.pending[0]?.finish(done(10));
    await enqueue(2);
    queue.kick();
    await script.started(2);
    script.pending[1]?.finish(done(20));
    await queue.idle();
    expect((await rows()).map((r) => r[1])).toEqual(['done', 'done']);
    await queue.stop();
  });

  it('fails a test whose browser crashed, and goes on', async () => {
    await enqueue(1);
    await enqueue(2);
    await queue.start();
    await script.started(2);
    script.pending[0]?.finish(new Error('renderer crashed'));
    script.pending[1]?.finish(done(10));
    await queue.idle();
    expect(await store.find('t1')).toMatchObject({
      status: 'failed',
      errorType: '/problems/lab-error',
      errorDetail: 'The browser failed during the test.',
    });
    expect(logged.map(String)).toEqual(['Error: renderer crashed']);
    await queue.stop();
  });

  it('runs a test again when the lab fails under it (its thread died), and fails it only after its attempts', async () => {
    await enqueue(1);
    await enqueue(2);
    await queue.start();
    await script.started(2);
    // The thread dies: both tests it held are lab faults, none the page's.
    script.pending[0]?.finish(new LabFaultError('The lab thread stopped.'));
    script.pending[1]?.finish(new LabFaultError('The lab thread stopped.'));
    await script.started(4);
    expect(script.pending.slice(2).map((p) => p.url)).toEqual(['https://p1.example/', 'https://p2.example/']);
    script.pending[2]?.finish(done(10));
    script.pending[3]?.finish(new LabFaultError('The lab thread stopped.'));
    await queue.idle();
    expect(await rows()).toEqual([
      ['https://p1.example/', 'done', 2, 10],
      ['https://p2.example/', 'failed', 2, null],
    ]);
    expect(queue.unavailable()).toBeNull();
    // A lab fault is never answered as the page's result: the next request queues a new test.
    const again = await submitSiteTest(store, 'https://p2.example/', {
      now: new Date(),
      newId: () => 'fresh',
      client: { client: 'c', network: 'n' },
      dispatch: async () => undefined,
    });
    expect(again).toMatchObject({ kind: 'queued', test: { id: 'fresh', status: 'queued' } });
    await queue.stop();
  });

  it('puts a test back and stops taking tests when the browser cannot start', async () => {
    await enqueue(1);
    await enqueue(2);
    await queue.start();
    await script.started(2);
    script.pending[0]?.finish(new LabUnavailableError('Chromium could not be started'));
    script.pending[1]?.finish(new LabUnavailableError('Chromium could not be started'));
    await queue.idle();
    expect(queue.unavailable()).toBe('Chromium could not be started');
    expect(await rows()).toEqual([
      ['https://p1.example/', 'queued', 0, null],
      ['https://p2.example/', 'queued', 0, null],
    ]);
    queue.kick();
    await queue.idle();
    expect(script.pending).toHaveLength(2); // nothing more was tried
  });

  it('leaves a test cut short by stop() running, for the next start', async () => {
    await enqueue(1);
    await queue.start();
    await script.started(1);
    await queue.stop();
    expect(await rows()).toEqual([['https://p1.example/', 'running', 1, null]]);
    expect(logged).toEqual([]);
  });
});
