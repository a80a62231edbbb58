import type { Catalog } from '../../factors/catalog.js';
import type { SiteTestRecord, SiteTestStore } from '../../factors/site-test-store.js';
import {
  LAB_ERROR_TYPES,
  type LabBrowser,
  LabFaultError,
  type LabOutcome,
  LabUnavailableError,
} from './lab-browser.js';
import { expireStaleSiteTests, finishSiteTest, type LabResultHook, SITE_TEST_RULES } from './site-tests.js';

export interface SiteTestQueueOptions {
  store: SiteTestStore;
  lab: LabBrowser;
  catalog: () => Promise<Catalog>;
  onLabResult?: LabResultHook | undefined;
  logError?: ((error: unknown) => void) | undefined;
  /** Tests run at once (one browser, one context each). Default 2. */
  concurrency?: number;
  /** How often the table is polled for tests queued elsewhere, lost tests expired and old ones purged, ms. Default 30 s. */
  pollMs?: number;
  now?: () => Date;
}

export interface SiteTestQueue {
  /** Queues interrupted tests again (returns how many), purges old ones and starts running what is queued. */
  start(): Promise<number>;
  /** Wakes the runners: a test was queued. */
  kick(): void;
  /** Why tests cannot run (the browser could not start), or null. */
  unavailable(): string | null;
  /** Resolves when no test is running (for tests and shutdown). */
  idle(): Promise<void>;
  /**
   * Stops taking tests and closes the browser. Tests it cuts short stay `running` in the table
   * and run again at the next start.
   */
  stop(): Promise<void>;
}

/**
 * The lab queue of one process (Node): up to `concurrency` runners take the oldest queued test
 * from the table, measure it and store the outcome, until the queue is empty.
 */
export function createSiteTestQueue(options: SiteTestQueueOptions): SiteTestQueue {
  const { store, lab } = options;
  const concurrency = options.concurrency ?? 2;
  const now = options.now ?? (() => new Date());
  const logError = options.logError ?? ((error: unknown) => console.error(error));
  let running = 0;
  let kicks = 0;
  let stopped = false;
  let unavailableReason: string | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  let idleWaiters: (() => void)[] = [];
  let lastPurge = 0;

  const settle = () => {
    if (running > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  };

  const runOne = async (test: SiteTestRecord) => {
    let outcome: LabOutcome;
    try {
      outcome = await lab.measure(test.url);
    } catch (error) {
      if (stopped) return; // the browser was closed under it: left running, resumed at the next start
      if (error instanceof LabUnavailableError) {
        unavailableReason = error.detail;
        logError(error);
        await store.release(test.id);
        return;
      }
      logError(error);
      if (error instanceof LabFaultError && test.attempts < SITE_TEST_RULES.maxAttempts) {
        await store.retry(test.id);
        return;
      }
      outcome = {
        ok: false,
        error: { type: LAB_ERROR_TYPES.labError, detail: 'The browser failed during the test.' },
      };
    }
    if (stopped) return; // cut short by stop(): left running, resumed at the next start
    await finishSiteTest(
      { store, catalog: await options.catalog(), onLabResult: options.onLabResult, logError },
      test,
      outcome,
      now(),
    );
  };

  const runner = async () => {
    try {
      for (;;) {
        if (stopped || unavailableReason) return;
        const seen = kicks;
        const test = await store.claimNext(now().toISOString());
        if (!test) {
          if (kicks !== seen) continue; // a test was queued while we looked
          return;
        }
        await runOne(test);
      }
    } catch (error) {
      logError(error);
    } finally {
      running -= 1;
      settle();
    }
  };

  const kick = () => {
    kicks += 1;
    while (running < concurrency && !stopped && !unavailableReason) {
      running += 1;
      void runner();
    }
  };

  const purge = async () => {
    await expireStaleSiteTests(store, now());
    const t = now().getTime();
    if (t - lastPurge < 3_600_000) return;
    lastPurge = t;
    await store.purgeFinished(new Date(t - SITE_TEST_RULES.retentionMs).toISOString());
  };

  return {
    async start() {
      const resumed = await store.resumeInterrupted(SITE_TEST_RULES.maxAttempts, {
        type: LAB_ERROR_TYPES.interrupted,
        detail: `The test was interrupted ${SITE_TEST_RULES.maxAttempts} times (the server stopped while it ran).`,
        at: now().toISOString(),
      });
      await purge();
      timer = setInterval(() => {
        kick();
        purge().catch(logError);
      }, options.pollMs ?? 30_000);
      timer.unref();
      kick();
      return resumed;
    },
    kick,
    unavailable: () => unavailableReason,
    idle: () =>
      running === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve)),
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await lab.close();
      await new Promise<void>((resolve) => {
        if (running === 0) resolve();
        else idleWaiters.push(resolve);
      });
    },
  };
}
