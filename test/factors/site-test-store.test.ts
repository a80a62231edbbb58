import { beforeEach, describe, expect, it } from 'vitest';
import {
  createDrizzleSiteTestStore,
  isBytesCapped,
  type SiteTestRecord,
  type SiteTestStore,
} from '../../src/factors/site-test-store.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 27, 12, minute)).toISOString();
const failed = { type: '/problems/interrupted', detail: 'interrupted', at: at(59) };

describe('the lab test store (SQL queue) on libSQL', () => {
  let t: TestApp;
  let store: SiteTestStore;
  const statuses = async () =>
    (
      await t.database.client.execute('SELECT id, status, attempts FROM site_tests ORDER BY created_at, id')
    ).rows.map((r) => `${r.id}:${r.status}:${r.attempts}`);

  beforeEach(async () => {
    t = await createTestApp();
    store = createDrizzleSiteTestStore(t.database.db);
  });

  it('queues, claims the oldest first, finishes, and reads back', async () => {
    await store.enqueue({ id: 'b', url: 'https://b.example/', createdAt: at(2) }, 100);
    await store.enqueue({ id: 'a', url: 'https://a.example/', createdAt: at(1) }, 100);
    expect(await store.countQueued()).toBe(2);
    const first = await store.claimNext(at(3));
    expect(first).toMatchObject({ id: 'a', status: 'running', attempts: 1, startedAt: at(3) });
    expect(
      await store.finish('a', {
        status: 'done',
        finishedAt: at(4),
        bytes: 1000,
        requests: 3,
        thirdPartyBytes: 10,
        thirdPartyRequests: 1,
        model: 'swd-v4',
        co2eG: 0.1,
        rating: 'A+',
        durationMs: 1234,
      }),
    ).toBe(true);
    // Finishing twice writes nothing.
    expect(
      await store.finish('a', { status: 'failed', finishedAt: at(5), errorType: 'x', errorDetail: 'y' }),
    ).toBe(false);
    expect(await store.find('a')).toMatchObject({
      status: 'done',
      bytes: 1000,
      finishedAt: at(4),
      errorType: null,
    });
    expect((await store.claimNext(at(6)))?.id).toBe('b');
    expect(await store.claimNext(at(7))).toBeNull();
    expect(isBytesCapped((await store.find('a')) as SiteTestRecord)).toBe(false);
  });

  it('stores a test stopped at the byte cap as done with bytes_capped, not as an error', async () => {
    await store.enqueue({ id: 'c', url: 'https://c.example/', createdAt: at(1) }, 100);
    await store.claimNext(at(2));
    await store.finish('c', {
      status: 'done',
      finishedAt: at(3),
      bytes: 100_000_000,
      requests: 9,
      thirdPartyBytes: 0,
      thirdPartyRequests: 0,
      model: 'swd-v4',
      co2eG: 15,
      rating: 'F',
      durationMs: 3000,
      bytesCapped: true,
    });
    const row = (await store.find('c')) as SiteTestRecord;
    expect(row).toMatchObject({ status: 'done', bytesCapped: true, errorType: null, errorDetail: null });
    expect(isBytesCapped(row)).toBe(true);
    const raw = await t.database.client.execute("SELECT bytes_capped FROM site_tests WHERE id = 'c'");
    expect(Number(raw.rows[0]?.bytes_capped)).toBe(1);
  });

  it('keeps at most one pending test per URL and at most maxQueued queued tests, in one statement', async () => {
    expect(await store.enqueue({ id: '1', url: 'https://x.example/', createdAt: at(1) }, 2)).not.toBeNull();
    expect(await store.enqueue({ id: '2', url: 'https://x.example/', createdAt: at(2) }, 2)).toBeNull();
    expect(await store.enqueue({ id: '3', url: 'https://y.example/', createdAt: at(3) }, 2)).not.toBeNull();
    expect(await store.enqueue({ id: '4', url: 'https://z.example/', createdAt: at(4) }, 2)).toBeNull();
    expect(await statuses()).toEqual(['1:queued:0', '3:queued:0']);
    // A running test still blocks its URL; a finished one does not.
    await store.claimNext(at(5));
    expect(await store.enqueue({ id: '5', url: 'https://x.example/', createdAt: at(6) }, 2)).toBeNull();
    await store.finish('1', { status: 'failed', finishedAt: at(7), errorType: 't', errorDetail: 'd' });
    expect(await store.enqueue({ id: '6', url: 'https://x.example/', createdAt: at(8) }, 2)).not.toBeNull();
  });

  it('finds the pending or recently finished test of a URL, not an older one', async () => {
    await store.enqueue({ id: 'old', url: 'https://r.example/', createdAt: at(0) }, 100);
    await store.claimNext(at(1));
    await store.finish('old', { status: 'failed', finishedAt: at(2), errorType: 't', errorDetail: 'd' });
    expect((await store.findReusable('https://r.example/', at(1)))?.id).toBe('old');
    expect(await store.findReusable('https://r.example/', at(3))).toBeNull();
    await store.enqueue({ id: 'new', url: 'https://r.example/', createdAt: at(20) }, 100);
    expect((await store.findReusable('https://r.example/', at(30)))?.id).toBe('new');
    expect(await store.findReusable('https://other.example/', at(0))).toBeNull();
  });

  it('resumes interrupted tests at start, and fails those interrupted too often', async () => {
    for (const id of ['p', 'q', 'r'])
      await store.enqueue({ id, url: `https://${id}.example/`, createdAt: at(1) }, 100);
    await store.claimNext(at(2)); // p: attempt 1
    await store.claimNext(at(2)); // q: attempt 1
    expect(await store.resumeInterrupted(2, failed)).toBe(2);
    expect(await statuses()).toEqual(['p:queued:1', 'q:queued:1', 'r:queued:0']);
    await store.claimNext(at(3)); // p: attempt 2
    expect(await store.resumeInterrupted(2, failed)).toBe(0);
    expect(await store.find('p')).toMatchObject({ status: 'failed', errorType: '/problems/interrupted' });
  });

  it('claims by id once (a duplicate delivery gets nothing) unless the running test went stale', async () => {
    await store.enqueue({ id: 'm', url: 'https://m.example/', createdAt: at(1) }, 100);
    expect(await store.claim('m', at(2), at(0))).toMatchObject({ status: 'running', attempts: 1 });
    expect(await store.claim('m', at(3), at(1))).toBeNull();
    expect(await store.claim('m', at(10), at(5))).toMatchObject({
      status: 'running',
      attempts: 2,
      startedAt: at(10),
    });
    await store.release('m');
    expect(await store.find('m')).toMatchObject({ status: 'queued', attempts: 1, startedAt: null });
  });

  it('abandons and removes pending tests, and purges old finished ones', async () => {
    await store.enqueue({ id: 'lost', url: 'https://l.example/', createdAt: at(1) }, 100);
    expect(await store.abandon('lost', failed)).toBe(true);
    expect(await store.abandon('lost', failed)).toBe(false);
    await store.enqueue({ id: 'gone', url: 'https://g.example/', createdAt: at(2) }, 100);
    await store.remove('gone');
    expect(await store.find('gone')).toBeNull();
    await store.enqueue({ id: 'young', url: 'https://y.example/', createdAt: at(30) }, 100);
    expect(await store.purgeFinished(at(10))).toBe(1); // 'lost' (failed, created at minute 1)
    expect(await statuses()).toEqual(['young:queued:0']);
  });
});
