import type { Catalog } from '../../factors/catalog.js';
import {
  isBytesCapped,
  type SiteTestRecord,
  type SiteTestStatus,
  type SiteTestStore,
} from '../../factors/site-test-store.js';
import type { WebsiteModel } from '../../models/website.js';
import type { WebsiteRating } from '../../models/website-rating.js';
import { estimateWebsite } from '../website-estimate.js';
import {
  LAB_ERROR_TYPES,
  LAB_FAULT_TYPES,
  LAB_LIMITS,
  type LabError,
  type LabOutcome,
} from './lab-browser.js';
import type { LabClientKeys } from './lab-client.js';

/** How the lab queue treats requests (docs/api.md, "Lab tests"). */
export const SITE_TEST_RULES = {
  /** A finished test of the same URL younger than this is answered instead of a new one, ms. */
  reuseMs: 10 * 60_000,
  /** Tests waiting at most; beyond, a new test is a 503. */
  maxQueued: 100,
  /** Pending (queued or running) tests of one client (address, IPv6 /64); beyond, a 429. */
  perClient: 3,
  /** Pending tests of one network (IPv4 /24, IPv6 /48); beyond, a 429. */
  perNetwork: 10,
  /** Queued tests beyond which only a network without a pending test may queue one (the rest is reserved). */
  networkQueueCap: 80,
  /** `Retry-After` of a full queue, seconds. */
  queueFullRetryAfterS: 60,
  /** A test interrupted this many times (server stopped mid-test) fails instead of running again. */
  maxAttempts: 2,
  /** Finished tests are kept this long, then deleted (their GET answers 404), ms. */
  retentionMs: 7 * 24 * 3_600_000,
  /** A running test older than this lost its runner (it cannot run that long), ms. */
  staleRunningMs: 2 * LAB_LIMITS.totalTimeoutMs + 30_000,
  /**
   * A queued test older than this lost its queue message: it fails and frees its place. A full
   * queue drains in at most 100 tests × 60 s ÷ 2 runners = 50 min, ms.
   */
  staleQueuedMs: 60 * 60_000,
  /** Every lab result is computed under this model, like a site answer's default. */
  model: 'swd-v4' as WebsiteModel,
} as const;

/** A finished test's measurement and its per-view estimate. */
export interface SiteTestResult {
  bytes: number;
  requests: number;
  third_party_bytes: number;
  third_party_requests: number;
  model: WebsiteModel;
  co2e_g: number;
  rating: WebsiteRating | null;
  duration_ms: number;
  tested_at: string;
  /** The test stopped at the byte cap: `bytes` is a lower bound of the page's weight. */
  bytes_capped: boolean;
}

/** A lab test as the API answers it. */
export interface SiteTestView {
  id: string;
  url: string;
  status: SiteTestStatus;
  created_at: string;
  result?: SiteTestResult;
  error?: LabError;
}

/**
 * Called with every successful measurement before the test is stored as done (the entries keep it
 * as the `lab` sample of the page: src/services/site-lab-result.ts), so a reader who sees `done`
 * finds the page's site answer with it. Its failures are logged and never fail the test.
 */
export type LabResultHook = (url: string, result: SiteTestResult) => Promise<void> | void;

/** What the API Worker sends to the lab Worker through the queue. */
export interface SiteTestMessage {
  id: string;
}

export function viewOfSiteTest(row: SiteTestRecord): SiteTestView {
  const view: SiteTestView = {
    id: row.id,
    url: row.url,
    status: row.status as SiteTestStatus,
    created_at: row.createdAt,
  };
  if (row.status === 'done') {
    view.result = {
      bytes: row.bytes ?? 0,
      requests: row.requests ?? 0,
      third_party_bytes: row.thirdPartyBytes ?? 0,
      third_party_requests: row.thirdPartyRequests ?? 0,
      model: (row.model ?? SITE_TEST_RULES.model) as WebsiteModel,
      co2e_g: row.co2eG ?? 0,
      rating: row.rating as WebsiteRating | null,
      duration_ms: row.durationMs ?? 0,
      tested_at: row.finishedAt ?? row.createdAt,
      bytes_capped: isBytesCapped(row),
    };
  } else if (row.status === 'failed') {
    view.error = { type: row.errorType ?? LAB_ERROR_TYPES.labError, detail: row.errorDetail ?? '' };
  }
  return view;
}

export type SubmitOutcome =
  /** A new test was queued (202). */
  | { kind: 'queued'; test: SiteTestView }
  /** The URL already has a queued or running test: that one (202). */
  | { kind: 'pending'; test: SiteTestView }
  /** The URL has a test finished less than 10 minutes ago: that one (200). */
  | { kind: 'reused'; test: SiteTestView }
  /** The queue is full for this client (503): `cap` tests are queued. */
  | { kind: 'full'; cap: number; retryAfterS: number }
  /** This client, or its network, has its share of pending tests (429). */
  | { kind: 'share'; scope: 'client' | 'network'; share: number; retryAfterS: number };

/** The runner did not take a new test (the queue send failed): the test was deleted. */
export class SiteTestDispatchError extends Error {
  constructor(readonly reason: unknown) {
    super(`the lab runner did not take the test: ${String(reason)}`);
    this.name = 'SiteTestDispatchError';
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A pending test that can no longer finish: its queue message or its runner was lost. */
function isStale(row: SiteTestRecord, nowMs: number): boolean {
  if (row.status === 'queued') return Date.parse(row.createdAt) < nowMs - SITE_TEST_RULES.staleQueuedMs;
  if (row.status === 'running')
    return Date.parse(row.startedAt ?? row.createdAt) < nowMs - SITE_TEST_RULES.staleRunningMs;
  return false;
}

const lostTest = (now: Date) => ({
  type: LAB_ERROR_TYPES.interrupted,
  detail:
    `The test was lost by the lab and never finished (not started within ${SITE_TEST_RULES.staleQueuedMs / 60_000} ` +
    'minutes, or its runner stopped): test the page again.',
  at: now.toISOString(),
});

/** Fails every pending test that can no longer finish, freeing its place in the queue. */
export function expireStaleSiteTests(store: SiteTestStore, now: Date): Promise<number> {
  const nowMs = now.getTime();
  return store.expireStale(
    iso(nowMs - SITE_TEST_RULES.staleQueuedMs),
    iso(nowMs - SITE_TEST_RULES.staleRunningMs),
    lostTest(now),
  );
}

/** `GET /v1/sites/tests/{id}`: the test, failed first if it was lost (its place freed). */
export async function readSiteTest(
  store: SiteTestStore,
  id: string,
  now: Date,
): Promise<SiteTestRecord | null> {
  const row = await store.find(id);
  if (!row || !isStale(row, now.getTime())) return row;
  await store.abandon(row.id, lostTest(now));
  return store.find(id);
}

/** Why a test of this client was not queued, or null when nothing but its URL stopped it. */
async function refusalOf(store: SiteTestStore, keys: LabClientKeys): Promise<SubmitOutcome | null> {
  const retryAfterS = SITE_TEST_RULES.queueFullRetryAfterS;
  const [pending, queued] = await Promise.all([store.countPending(keys), store.countQueued()]);
  if (pending.client >= SITE_TEST_RULES.perClient)
    return { kind: 'share', scope: 'client', share: SITE_TEST_RULES.perClient, retryAfterS };
  if (pending.network >= SITE_TEST_RULES.perNetwork)
    return { kind: 'share', scope: 'network', share: SITE_TEST_RULES.perNetwork, retryAfterS };
  if (queued >= SITE_TEST_RULES.maxQueued)
    return { kind: 'full', cap: SITE_TEST_RULES.maxQueued, retryAfterS };
  if (pending.network > 0 && queued >= SITE_TEST_RULES.networkQueueCap)
    return { kind: 'full', cap: SITE_TEST_RULES.networkQueueCap, retryAfterS };
  return null;
}

/**
 * `POST /v1/sites/tests` with a normalised URL: the pending or recent test of that URL, else a new
 * queued test, unless the client or its network has its share of pending tests or the queue is
 * full (SITE_TEST_RULES). `dispatch` hands a new test to the runner; when it fails the test is
 * deleted and a SiteTestDispatchError thrown.
 */
export async function submitSiteTest(
  store: SiteTestStore,
  url: string,
  options: {
    now: Date;
    newId: () => string;
    client: LabClientKeys;
    dispatch: (test: SiteTestView) => Promise<void>;
  },
): Promise<SubmitOutcome> {
  const nowMs = options.now.getTime();
  await expireStaleSiteTests(store, options.now);
  let refusal: SubmitOutcome | null = null;
  for (let round = 0; round < 2; round += 1) {
    const existing = await store.findReusable(url, iso(nowMs - SITE_TEST_RULES.reuseMs), LAB_FAULT_TYPES);
    if (existing && isStale(existing, nowMs)) {
      await store.abandon(existing.id, lostTest(options.now));
    } else if (existing) {
      const test = viewOfSiteTest(existing);
      return existing.status === 'done' || existing.status === 'failed'
        ? { kind: 'reused', test }
        : { kind: 'pending', test };
    }
    const row = await store.enqueue(
      { id: options.newId(), url, createdAt: options.now.toISOString(), ...options.client },
      SITE_TEST_RULES.maxQueued,
      SITE_TEST_RULES,
    );
    if (row) {
      const test = viewOfSiteTest(row);
      try {
        await options.dispatch(test);
      } catch (error) {
        await store.remove(row.id);
        throw new SiteTestDispatchError(error);
      }
      return { kind: 'queued', test };
    }
    // Not queued: a share or the queue is full, or another request queued this URL meanwhile.
    refusal = await refusalOf(store, options.client);
  }
  return (
    refusal ?? {
      kind: 'full',
      cap: SITE_TEST_RULES.maxQueued,
      retryAfterS: SITE_TEST_RULES.queueFullRetryAfterS,
    }
  );
}

/**
 * Stores the outcome of a running test (done with its estimate, or failed); a successful one is
 * first handed to `onLabResult`. False when the test was no longer running (the test is left as
 * it was; the page may still have received the measurement, which is a real one).
 */
export async function finishSiteTest(
  deps: {
    store: SiteTestStore;
    catalog: Catalog;
    onLabResult?: LabResultHook | undefined;
    logError?: ((error: unknown) => void) | undefined;
  },
  test: SiteTestRecord,
  outcome: LabOutcome,
  now: Date,
): Promise<boolean> {
  const finishedAt = now.toISOString();
  if (!outcome.ok) {
    return deps.store.finish(test.id, {
      status: 'failed',
      finishedAt,
      errorType: outcome.error.type,
      errorDetail: outcome.error.detail,
    });
  }
  const m = outcome.measurement;
  const model = SITE_TEST_RULES.model;
  const estimate = estimateWebsite(deps.catalog, { bytes: m.bytes, model });
  const result: SiteTestResult = {
    bytes: m.bytes,
    requests: m.requests,
    third_party_bytes: m.thirdPartyBytes,
    third_party_requests: m.thirdPartyRequests,
    model,
    co2e_g: estimate.per_view.co2e_g,
    rating: estimate.rating,
    duration_ms: Math.round(m.durationMs),
    tested_at: finishedAt,
    bytes_capped: m.bytesCapped === true,
  };
  if (deps.onLabResult) {
    try {
      await deps.onLabResult(test.url, result);
    } catch (error) {
      deps.logError?.(error);
    }
  }
  return deps.store.finish(test.id, {
    status: 'done',
    finishedAt,
    bytes: result.bytes,
    requests: result.requests,
    thirdPartyBytes: result.third_party_bytes,
    thirdPartyRequests: result.third_party_requests,
    model,
    co2eG: result.co2e_g,
    rating: result.rating,
    durationMs: result.duration_ms,
    bytesCapped: result.bytes_capped,
  });
}
