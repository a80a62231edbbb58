/**
 * The lab: something that loads a page in a real browser and measures what it transferred.
 * Node drives Debian's Chromium (src/entries/node/lab/), the Worker Cloudflare Browser Rendering
 * (src/entries/worker/lab/). Both follow the same protocol and limits.
 */

/** Limits and timings of one lab test. */
export interface LabLimits {
  viewport: { width: number; height: number };
  navigationTimeoutMs: number;
  totalTimeoutMs: number;
  quietMs: number;
  scrollStepMs: number;
  maxScrollSteps: number;
  maxBytes: number;
  maxRequests: number;
}

/** The production limits and timings (docs/api.md, "Lab tests"). */
export const LAB_LIMITS: Readonly<LabLimits> = {
  /** Desktop viewport, CSS pixels. */
  viewport: { width: 1366, height: 768 },
  /** Time for the document to arrive and be parsed (DOMContentLoaded), ms. */
  navigationTimeoutMs: 30_000,
  /** The whole test, from navigation to the end of the quiet period, ms. */
  totalTimeoutMs: 45_000,
  /** The network must be idle this long (nothing in flight, nothing new) before the test ends, ms. */
  quietMs: 2_000,
  /** Pause between two scroll steps (one viewport each) while scrolling to the bottom, ms. */
  scrollStepMs: 150,
  /** Most scroll steps (an endless page stops here). */
  maxScrollSteps: 60,
  /**
   * Most bytes a test may transfer, counted as they stream over every connection of the test (on
   * Node, the wire bytes the guard proxy relays, TLS records included). Past it the test stops at
   * once and ends done with `bytesCapped`.
   */
  maxBytes: 100_000_000,
  /** Most requests a test may make. */
  maxRequests: 2_000,
};

/** What one lab test measured: encoded transfer sizes, response headers included. */
export interface LabMeasurement {
  bytes: number;
  requests: number;
  /** The part served by hosts other than the tested page's. */
  thirdPartyBytes: number;
  thirdPartyRequests: number;
  /** From navigation to the end of the quiet period (or to the byte cap), ms. */
  durationMs: number;
  /**
   * True when the test was stopped at the byte cap (`maxBytes`): `bytes` (at least the cap) is
   * what was transferred until then, a lower bound of the page's weight.
   */
  bytesCapped: boolean;
}

/** Why a test failed, as the `error` of the test answer: a problem type and a sentence. */
export interface LabError {
  type: string;
  detail: string;
}

/** The problem types a failed test can carry. */
export const LAB_ERROR_TYPES = {
  /** The page, or one of its redirects, is on a refused address or port. */
  refusedTarget: '/problems/refused-target',
  /** The page's host name does not resolve. */
  dnsFailure: '/problems/dns-failure',
  /** The page did not arrive within the navigation timeout. */
  timeout: '/problems/timeout',
  /** The document answered an HTTP error status. */
  documentStatus: '/problems/document-status',
  /** More than the request limit (a page over the byte limit ends done, `bytesCapped`). */
  tooLarge: '/problems/page-too-large',
  /** The URL answers a download, not a page. */
  notAPage: '/problems/not-a-page',
  /** The page could not be loaded (connection refused or reset, TLS error, a malformed HTTP answer…). */
  unreachable: '/problems/unreachable',
  /** The test was interrupted (server stopped) too many times, or lost (expired unfinished). */
  interrupted: '/problems/interrupted',
  /** The browser failed (crashed) during the test. */
  labError: '/problems/lab-error',
} as const;

/** Failures that are the lab's, not the page's: stored on the test, never reused for its URL. */
export const LAB_FAULT_TYPES: readonly string[] = [LAB_ERROR_TYPES.interrupted, LAB_ERROR_TYPES.labError];

export type LabOutcome = { ok: true; measurement: LabMeasurement } | { ok: false; error: LabError };

/** Grace after `totalTimeoutMs` before a test is failed whatever the browser does, ms. */
const HARD_STOP_GRACE_MS = 15_000;

/**
 * A timeout outcome once the test has run `totalTimeoutMs` + 15 s: a page that blocks the browser
 * (an endless script) or a browser that stops answering cannot hold the test past it. Race it
 * against the measurement; `cancel()` once the race is decided.
 */
export function labHardStop(limits: Pick<LabLimits, 'totalTimeoutMs'>): {
  outcome: Promise<LabOutcome>;
  cancel(): void;
} {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const outcome = new Promise<LabOutcome>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          error: {
            type: LAB_ERROR_TYPES.timeout,
            detail: 'The page kept the browser busy past the time limit.',
          },
        }),
      limits.totalTimeoutMs + HARD_STOP_GRACE_MS,
    );
  });
  return { outcome, cancel: () => clearTimeout(timer) };
}

/** Loads one page and measures it; never throws for anything the page does (that is a failed outcome). */
export interface LabBrowser {
  measure(url: string): Promise<LabOutcome>;
  /** Stops the browser (at shutdown). */
  close(): Promise<void>;
}

/**
 * Thrown by a LabBrowser that cannot run at all (no browser, launch failure): the test is not the
 * page's fault, so it goes back to the queue and new tests are answered 503 until a restart.
 */
export class LabUnavailableError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'LabUnavailableError';
  }
}

/**
 * Thrown by a LabBrowser whose own machinery failed under a test (the lab thread died): not the
 * page's fault, so the test is queued again, and fails as a lab error (never reused) only after
 * its attempts.
 */
export class LabFaultError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'LabFaultError';
  }
}
