import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { EmpreinteDatabase } from './drizzle-store.js';
import { siteTests } from './schema.js';

export const SITE_TEST_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type SiteTestStatus = (typeof SITE_TEST_STATUSES)[number];

/** One lab test as stored: its queue state, then its result or its error. */
export type SiteTestRecord = typeof siteTests.$inferSelect;

/** What a finished test writes. */
export type SiteTestFinish =
  | {
      status: 'done';
      finishedAt: string;
      bytes: number;
      requests: number;
      thirdPartyBytes: number;
      thirdPartyRequests: number;
      model: string;
      co2eG: number;
      rating: string | null;
      durationMs: number;
    }
  | { status: 'failed'; finishedAt: string; errorType: string; errorDetail: string };

/** The lab test store, which is also the queue (one SQL table, `site_tests`). */
export interface SiteTestStore {
  find(id: string): Promise<SiteTestRecord | null>;
  /**
   * The test that answers a new request for `url`: a pending (queued or running) one, else the
   * latest finished after `finishedSince` (ISO). Null when a new test is needed.
   */
  findReusable(url: string, finishedSince: string): Promise<SiteTestRecord | null>;
  /**
   * Queues a test in one statement, unless `maxQueued` tests are queued already or the URL has a
   * pending test (then null: the caller reads which).
   */
  enqueue(
    input: { id: string; url: string; createdAt: string },
    maxQueued: number,
  ): Promise<SiteTestRecord | null>;
  /** Tests waiting in the queue. */
  countQueued(): Promise<number>;
  /** Marks the oldest queued test running (and counts the attempt); null when none is queued. */
  claimNext(startedAt: string): Promise<SiteTestRecord | null>;
  /**
   * Marks one test running if it is queued, or running since before `staleBefore` (its runner
   * died); null when it is taken or finished (a duplicate queue delivery).
   */
  claim(id: string, startedAt: string, staleBefore: string): Promise<SiteTestRecord | null>;
  /**
   * Fails a pending test that will never finish (its queue message was lost, its runner died):
   * false when it was not pending any more.
   */
  abandon(id: string, error: { type: string; detail: string; at: string }): Promise<boolean>;
  /** Deletes a queued test that could not be handed to the runner (nothing half-written stays). */
  remove(id: string): Promise<void>;
  /** Puts a running test back in the queue without counting the attempt (the lab could not start). */
  release(id: string): Promise<void>;
  /** Writes the result or the error of a running test; false when it was not running. */
  finish(id: string, outcome: SiteTestFinish): Promise<boolean>;
  /**
   * At start: tests left running by a stopped server are queued again, or failed with `error`
   * once they have had `maxAttempts`. Returns how many were queued again.
   */
  resumeInterrupted(
    maxAttempts: number,
    error: { type: string; detail: string; at: string },
  ): Promise<number>;
  /** Deletes finished tests created before `before` (ISO); returns how many. */
  purgeFinished(before: string): Promise<number>;
}

const PENDING: SiteTestStatus[] = ['queued', 'running'];
const FINISHED: SiteTestStatus[] = ['done', 'failed'];

/** The lab test store over drizzle: the same SQL on libSQL (Node, Turso) and D1. */
export function createDrizzleSiteTestStore(db: EmpreinteDatabase): SiteTestStore {
  const first = <T>(rows: T[]): T | null => rows[0] ?? null;

  return {
    async find(id) {
      return first(await db.select().from(siteTests).where(eq(siteTests.id, id)));
    },

    async findReusable(url, finishedSince) {
      const rows = await db
        .select()
        .from(siteTests)
        .where(
          and(
            eq(siteTests.url, url),
            or(inArray(siteTests.status, PENDING), sql`${siteTests.finishedAt} >= ${finishedSince}`),
          ),
        )
        .orderBy(desc(siteTests.createdAt))
        .limit(1);
      return first(rows);
    },

    async enqueue(input, maxQueued) {
      // One statement: the cap and the one-pending-test-per-URL rule (a partial unique index) hold
      // under concurrent requests, on D1 as on libSQL.
      const rows = await db.all<{ id: string }>(sql`
        INSERT INTO site_tests (id, url, status, attempts, created_at)
        SELECT ${input.id}, ${input.url}, 'queued', 0, ${input.createdAt}
        WHERE (SELECT count(*) FROM site_tests WHERE status = 'queued') < ${maxQueued}
        ON CONFLICT DO NOTHING
        RETURNING id`);
      return rows.length > 0 ? this.find(input.id) : null;
    },

    async countQueued() {
      const rows = await db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(siteTests)
        .where(eq(siteTests.status, 'queued'));
      return rows[0]?.n ?? 0;
    },

    async claimNext(startedAt) {
      const next = db
        .select({ id: siteTests.id })
        .from(siteTests)
        .where(eq(siteTests.status, 'queued'))
        .orderBy(siteTests.createdAt, siteTests.id)
        .limit(1);
      const rows = await db
        .update(siteTests)
        .set({ status: 'running', startedAt, attempts: sql`${siteTests.attempts} + 1` })
        .where(and(eq(siteTests.status, 'queued'), eq(siteTests.id, sql`(${next})`)))
        .returning();
      return first(rows);
    },

    async claim(id, startedAt, staleBefore) {
      const rows = await db
        .update(siteTests)
        .set({ status: 'running', startedAt, attempts: sql`${siteTests.attempts} + 1` })
        .where(
          and(
            eq(siteTests.id, id),
            or(
              eq(siteTests.status, 'queued'),
              and(eq(siteTests.status, 'running'), lt(siteTests.startedAt, staleBefore)),
            ),
          ),
        )
        .returning();
      return first(rows);
    },

    async abandon(id, error) {
      const rows = await db
        .update(siteTests)
        .set({ status: 'failed', finishedAt: error.at, errorType: error.type, errorDetail: error.detail })
        .where(and(eq(siteTests.id, id), inArray(siteTests.status, PENDING)))
        .returning({ id: siteTests.id });
      return rows.length > 0;
    },

    async remove(id) {
      await db.delete(siteTests).where(and(eq(siteTests.id, id), eq(siteTests.status, 'queued')));
    },

    async release(id) {
      await db
        .update(siteTests)
        .set({ status: 'queued', startedAt: null, attempts: sql`max(${siteTests.attempts} - 1, 0)` })
        .where(and(eq(siteTests.id, id), eq(siteTests.status, 'running')));
    },

    async finish(id, outcome) {
      const rows = await db
        .update(siteTests)
        .set(outcome)
        .where(and(eq(siteTests.id, id), eq(siteTests.status, 'running')))
        .returning({ id: siteTests.id });
      return rows.length > 0;
    },

    async resumeInterrupted(maxAttempts, error) {
      const running = eq(siteTests.status, 'running');
      await db
        .update(siteTests)
        .set({ status: 'failed', finishedAt: error.at, errorType: error.type, errorDetail: error.detail })
        .where(and(running, sql`${siteTests.attempts} >= ${maxAttempts}`));
      const rows = await db
        .update(siteTests)
        .set({ status: 'queued', startedAt: null })
        .where(running)
        .returning({ id: siteTests.id });
      return rows.length;
    },

    async purgeFinished(before) {
      const rows = await db
        .delete(siteTests)
        .where(and(inArray(siteTests.status, FINISHED), lt(siteTests.createdAt, before)))
        .returning({ id: siteTests.id });
      return rows.length;
    },
  };
}
