import { and, desc, eq, inArray, lt, notInArray, or, sql } from 'drizzle-orm';
import type { EmpreinteDatabase } from './drizzle-store.js';
import { siteTests } from './schema.js';

export const SITE_TEST_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type SiteTestStatus = (typeof SITE_TEST_STATUSES)[number];

/** One lab test as stored: its queue state, then its result or its error. */
export type SiteTestRecord = typeof siteTests.$inferSelect;

/** Whether a done test was stopped at the byte cap (its bytes are a lower bound). */
export function isBytesCapped(row: SiteTestRecord): boolean {
  return row.status === 'done' && row.bytesCapped;
}

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
      /** Stopped at the byte cap (default false). */
      bytesCapped?: boolean;
    }
  | { status: 'failed'; finishedAt: string; errorType: string; errorDetail: string };

/** The lab test store, which is also the queue (one SQL table, `site_tests`). */
export interface SiteTestStore {
  find(id: string): Promise<SiteTestRecord | null>;
  /**
   * The test that answers a new request for `url`: a pending (queued or running) one, else the
   * latest finished after `finishedSince` (ISO) that did not fail with one of `notReused` (the
   * lab's own faults). Null when a new test is needed.
   */
  findReusable(
    url: string,
    finishedSince: string,
    notReused?: readonly string[],
  ): Promise<SiteTestRecord | null>;
  /**
   * Queues a test in one statement, unless `maxQueued` tests are queued already or the URL has a
   * pending test (then null: the caller reads which). With `shares`, also unless the client or its
   * network has its share of pending tests, or (for a network with a pending test) `networkQueueCap`
   * tests are queued.
   */
  enqueue(
    input: { id: string; url: string; createdAt: string; client?: string; network?: string },
    maxQueued: number,
    shares?: TestShares,
  ): Promise<SiteTestRecord | null>;
  /** Tests waiting in the queue. */
  countQueued(): Promise<number>;
  /** Pending (queued or running) tests of a client and of a network. */
  countPending(keys: { client: string; network: string }): Promise<{ client: number; network: number }>;
  /**
   * Fails every pending test that can no longer finish: queued before `queuedBefore` (its queue
   * message was lost) or running since before `runningBefore` (its runner died). Returns how many.
   */
  expireStale(
    queuedBefore: string,
    runningBefore: string,
    error: { type: string; detail: string; at: string },
  ): Promise<number>;
  /** Puts a running test back in the queue, its attempt counted (the lab failed under it). */
  retry(id: string): Promise<void>;
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

/** How many pending tests one client and one network may have, and how much of the queue a network with a pending test may fill. */
export interface TestShares {
  perClient: number;
  perNetwork: number;
  networkQueueCap: number;
}

const PENDING: SiteTestStatus[] = ['queued', 'running'];
/** A test that ends forgets who asked for it. */
const FORGET_CLIENT = { client: null, network: null } as const;

/** The columns of a test that fails with `error` (and forgets who asked for it). */
const failedWith = (error: { type: string; detail: string; at: string }) => ({
  status: 'failed' as const,
  finishedAt: error.at,
  errorType: error.type,
  errorDetail: error.detail,
  ...FORGET_CLIENT,
});
const FINISHED: SiteTestStatus[] = ['done', 'failed'];

/** The lab test store over drizzle: the same SQL on libSQL (Node, Turso) and D1. */
export function createDrizzleSiteTestStore(db: EmpreinteDatabase): SiteTestStore {
  const first = <T>(rows: T[]): T | null => rows[0] ?? null;

  return {
    async find(id) {
      return first(await db.select().from(siteTests).where(eq(siteTests.id, id)));
    },

    async findReusable(url, finishedSince, notReused = []) {
      const reusable = and(
        sql`${siteTests.finishedAt} >= ${finishedSince}`,
        notReused.length === 0
          ? undefined
          : or(eq(siteTests.status, 'done'), notInArray(siteTests.errorType, [...notReused])),
      );
      const rows = await db
        .select()
        .from(siteTests)
        .where(and(eq(siteTests.url, url), or(inArray(siteTests.status, PENDING), reusable)))
        .orderBy(desc(siteTests.createdAt))
        .limit(1);
      return first(rows);
    },

    async enqueue(input, maxQueued, shares) {
      // One statement: the caps and the one-pending-test-per-URL rule (a partial unique index) hold
      // under concurrent requests, on D1 as on libSQL.
      const client = input.client ?? null;
      const network = input.network ?? null;
      const pendingOf = (column: 'client' | 'network', key: string | null) =>
        sql`(SELECT count(*) FROM site_tests WHERE ${sql.raw(column)} = ${key} AND status IN ('queued', 'running'))`;
      const fair = shares
        ? sql`AND ${pendingOf('client', client)} < ${shares.perClient}
          AND ${pendingOf('network', network)} < ${shares.perNetwork}
          AND (${pendingOf('network', network)} = 0
            OR (SELECT count(*) FROM site_tests WHERE status = 'queued') < ${shares.networkQueueCap})`
        : sql``;
      const rows = await db.all<{ id: string }>(sql`
        INSERT INTO site_tests (id, url, status, attempts, created_at, client, network)
        SELECT ${input.id}, ${input.url}, 'queued', 0, ${input.createdAt}, ${client}, ${network}
        WHERE (SELECT count(*) FROM site_tests WHERE status = 'queued') < ${maxQueued} ${fair}
        ON CONFLICT DO NOTHING
        RETURNING id`);
      return rows.length > 0 ? this.find(input.id) : null;
    },

    async countPending(keys) {
      const pending = inArray(siteTests.status, PENDING);
      const count = sql<number>`count(*)`.mapWith(Number);
      const [client, network] = await Promise.all([
        db
          .select({ n: count })
          .from(siteTests)
          .where(and(eq(siteTests.client, keys.client), pending)),
        db
          .select({ n: count })
          .from(siteTests)
          .where(and(eq(siteTests.network, keys.network), pending)),
      ]);
      return { client: client[0]?.n ?? 0, network: network[0]?.n ?? 0 };
    },

    async expireStale(queuedBefore, runningBefore, error) {
      const rows = await db
        .update(siteTests)
        .set(failedWith(error))
        .where(
          or(
            and(eq(siteTests.status, 'queued'), lt(siteTests.createdAt, queuedBefore)),
            and(eq(siteTests.status, 'running'), lt(siteTests.startedAt, runningBefore)),
          ),
        )
        .returning({ id: siteTests.id });
      return rows.length;
    },

    async retry(id) {
      await db
        .update(siteTests)
        .set({ status: 'queued', startedAt: null })
        .where(and(eq(siteTests.id, id), eq(siteTests.status, 'running')));
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
        .set(failedWith(error))
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
      const values =
        outcome.status === 'done'
          ? { ...outcome, bytesCapped: outcome.bytesCapped === true, errorType: null, errorDetail: null }
          : outcome;
      const rows = await db
        .update(siteTests)
        .set({ ...values, ...FORGET_CLIENT })
        .where(and(eq(siteTests.id, id), eq(siteTests.status, 'running')))
        .returning({ id: siteTests.id });
      return rows.length > 0;
    },

    async resumeInterrupted(maxAttempts, error) {
      const running = eq(siteTests.status, 'running');
      await db
        .update(siteTests)
        .set(failedWith(error))
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
