import { type Browser, type BrowserContext, chromium, type Page, type Request } from 'playwright-core';
import {
  LAB_ERROR_TYPES,
  LAB_LIMITS,
  type LabBrowser,
  type LabError,
  type LabLimits,
  type LabOutcome,
  LabUnavailableError,
  labHardStop,
} from '../../../services/lab/lab-browser.js';
import {
  hostOf,
  isIpLiteral,
  portOf,
  refuseResolvedAddresses,
  refuseUrlWithoutDns,
  type TargetPolicy,
} from '../../../services/lab/target-policy.js';
import {
  type GuardProxy,
  PROXY_MARKER_HEADER,
  type ProxyFailureKind,
  startGuardProxy,
} from './guard-proxy.js';
import { systemLookup } from './system-lookup.js';

export interface ChromiumLabOptions {
  /** Debian's Chromium binary (CHROMIUM_PATH). */
  executablePath: string;
  policy: TargetPolicy;
  /** Every address of a host name. Default: the system resolver. */
  lookup?: (host: string) => Promise<string[]>;
  /** Tests shorten the timings; production uses LAB_LIMITS. */
  limits?: Partial<LabLimits>;
  /** Accept any certificate (the project's tests' self-signed HTTPS fixtures only). */
  ignoreHttpsErrors?: boolean;
}

/**
 * Chromium flags on top of playwright's own (no background networking, no component updates, no
 * sync, no extensions, HTTPS upgrades off): no GPU, and WebRTC may only use the proxy, so a page
 * cannot send UDP to an address the guard proxy never sees.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--disable-gpu',
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--webrtc-ip-handling-policy=disable_non_proxied_udp',
];

const ERROR_FOR_KIND: Record<ProxyFailureKind, string> = {
  refused: LAB_ERROR_TYPES.refusedTarget,
  dns: LAB_ERROR_TYPES.dnsFailure,
  unreachable: LAB_ERROR_TYPES.unreachable,
  malformed: LAB_ERROR_TYPES.unreachable,
};

/** A pause that never keeps the process alive on its own. */
const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, Math.max(0, ms)).unref();
  });

/** `host:port` of a URL as a browser names it to a proxy. */
function authorityOf(url: URL): string {
  return `${url.hostname}:${portOf(url)}`;
}

/**
 * The lab on Node: one Chromium process (launched at the first test, relaunched if it dies), one
 * fresh browser context per test (cold cache, no cookies) whose only way out is its own guard
 * proxy. Bytes are the encoded sizes Chromium reports in its network events (headers + encoded
 * body = CDP `Network.loadingFinished.encodedDataLength`) for every request of the context: the
 * page, its frames (out-of-process iframes included), dedicated and service workers — playwright
 * attaches to each of those targets and reports their network events.
 */
export function createChromiumLab(options: ChromiumLabOptions): LabBrowser {
  const limits: LabLimits = { ...LAB_LIMITS, ...options.limits };
  const lookup = options.lookup ?? systemLookup;
  const { policy } = options;
  let browser: Promise<Browser> | undefined;
  let closed = false;

  const launch = (): Promise<Browser> => {
    browser ??= chromium
      .launch({
        executablePath: options.executablePath,
        headless: true,
        // The sandbox stays on unless the server runs as root, where Chromium refuses to start with it.
        chromiumSandbox: process.getuid?.() !== 0,
        args: [...CHROMIUM_ARGS],
      })
      .then(
        (b) => {
          b.on('disconnected', () => {
            browser = undefined;
          });
          return b;
        },
        (error: unknown) => {
          browser = undefined;
          const first = String((error as Error)?.message ?? error).split('\n')[0];
          throw new LabUnavailableError(
            `Chromium could not be started from CHROMIUM_PATH=${options.executablePath} (${first}). ` +
              "Install Debian's package (apt-get install chromium) or point CHROMIUM_PATH at a Chromium binary.",
          );
        },
      );
    return browser;
  };

  /** Before anything is loaded: the page's own host, resolved and judged. */
  const precheck = async (url: URL): Promise<LabError | null> => {
    const early = refuseUrlWithoutDns(url, policy);
    if (early) return { type: LAB_ERROR_TYPES.refusedTarget, detail: early };
    const host = hostOf(url);
    if (isIpLiteral(host)) return null;
    let addresses: string[];
    try {
      addresses = await lookup(host);
    } catch {
      return { type: LAB_ERROR_TYPES.dnsFailure, detail: `${host} does not resolve.` };
    }
    const refusal = refuseResolvedAddresses(host, addresses, policy);
    return refusal ? { type: LAB_ERROR_TYPES.refusedTarget, detail: refusal } : null;
  };

  const run = async (url: string): Promise<LabOutcome> => {
    const target = new URL(url);
    const refused = await precheck(target);
    if (refused) return { ok: false, error: refused };
    const b = await launch();
    // The cap is the proxy's: every byte from an origin, counted as it streams over any connection.
    const cap = byteCap();
    const proxy = await startGuardProxy({
      policy,
      lookup,
      maxBytes: limits.maxBytes,
      onOverLimit: cap.reached,
    });
    let context: BrowserContext | undefined;
    try {
      context = await b.newContext({
        viewport: limits.viewport,
        proxy: { server: proxy.url },
        acceptDownloads: false,
        serviceWorkers: 'allow',
        ignoreHTTPSErrors: options.ignoreHttpsErrors === true,
      });
      return await measurePage(context, proxy, cap.signal, target, limits);
    } finally {
      await context?.close().catch(() => undefined);
      await proxy.close();
    }
  };

  return {
    async measure(url) {
      if (closed) throw new LabUnavailableError('The lab is shutting down.');
      return run(url);
    },
    async close() {
      closed = true;
      const b = await browser?.catch(() => undefined);
      browser = undefined;
      await b?.close().catch(() => undefined);
    },
  };
}

/** Resolves once the test's proxy reached the byte cap (it has cut everything by then). */
function byteCap(): { signal: Promise<void>; reached: () => void } {
  let reached: () => void = () => undefined;
  const signal = new Promise<void>((resolve) => {
    reached = resolve;
  });
  return { signal, reached: () => reached() };
}

/**
 * Loads the page in `context`, scrolls, waits for a quiet network and sums what was transferred;
 * stops at once, done and `bytesCapped`, when `capped` resolves (the proxy reached the byte cap) or
 * the browser counted more than the cap.
 */
async function measurePage(
  context: BrowserContext,
  proxy: GuardProxy,
  capped: Promise<void>,
  target: URL,
  limits: LabLimits,
): Promise<LabOutcome> {
  const pageHosts = new Set([hostOf(target)]);
  const documentAuthorities = new Set([authorityOf(target)]);
  const inflight = new Set<Request>();
  const accounting: Promise<void>[] = [];
  let lastActivity = performance.now();
  let started = 0;
  let bytes = 0;
  let requests = 0;
  let thirdPartyBytes = 0;
  let thirdPartyRequests = 0;
  let stopWith: ((error: LabError) => void) | undefined;
  let capWith: (() => void) | undefined;
  const stopped = new Promise<LabOutcome>((resolve) => {
    stopWith = (error) => resolve({ ok: false, error });
    capWith = () => resolve(capOutcome());
  });
  const tooLarge = (detail: string) => stopWith?.({ type: LAB_ERROR_TYPES.tooLarge, detail });
  /** Over the byte cap: nothing more goes through, and the test ends done with what it saw. */
  const tooManyBytes = () => {
    proxy.shut();
    capWith?.();
  };
  void capped.then(tooManyBytes);

  const account = async (request: Request) => {
    const response = await request.response();
    if (!response || response.headers()[PROXY_MARKER_HEADER]) return; // the proxy's refusal, not the origin's
    if (response.fromServiceWorker()) return; // counted by the service worker's own fetch
    const url = new URL(request.url());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
    const sizes = await request.sizes();
    const n = sizes.responseHeadersSize + sizes.responseBodySize;
    bytes += n;
    requests += 1;
    if (!pageHosts.has(hostOf(url))) {
      thirdPartyBytes += n;
      thirdPartyRequests += 1;
    }
    if (bytes > limits.maxBytes) tooManyBytes();
  };

  context.on('request', (request) => {
    started += 1;
    inflight.add(request);
    lastActivity = performance.now();
    if (started > limits.maxRequests)
      tooLarge(`The page made more than ${limits.maxRequests.toLocaleString('en')} requests.`);
  });
  context.on('requestfinished', (request) => {
    inflight.delete(request);
    lastActivity = performance.now();
    accounting.push(account(request).catch(() => undefined));
  });
  context.on('requestfailed', (request) => {
    inflight.delete(request);
    lastActivity = performance.now();
  });

  const page = await context.newPage();
  context.on('page', (other) => {
    if (other !== page) void other.close().catch(() => undefined); // no popups
  });
  page.on('crash', () =>
    stopWith?.({ type: LAB_ERROR_TYPES.labError, detail: 'The page crashed the browser tab.' }),
  );
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
      const url = new URL(request.url());
      documentAuthorities.add(authorityOf(url));
      pageHosts.add(hostOf(url)); // a redirect's host serves the page too
    }
  });

  const t0 = performance.now();
  /**
   * The outcome of a test stopped at the byte cap, at once: the responses finished so far, and as
   * bytes at least what the proxy relayed (the responses it cut were never finished, so never counted).
   */
  const capOutcome = async (): Promise<LabOutcome> => {
    const durationMs = performance.now() - t0;
    await Promise.race([Promise.all(accounting), sleep(1_000)]);
    return {
      ok: true,
      measurement: {
        bytes: Math.max(bytes, proxy.bytesRelayed()),
        requests,
        thirdPartyBytes,
        thirdPartyRequests,
        durationMs,
        bytesCapped: true,
      },
    };
  };
  const deadline = t0 + limits.totalTimeoutMs;
  let settled = false; // once the outcome is decided, the loops below stop at their next turn
  const documentFailure = (fallback: LabError): LabError => {
    const failure = proxy.failures.find((f) => documentAuthorities.has(f.authority));
    return failure ? { type: ERROR_FOR_KIND[failure.kind], detail: failure.reason } : fallback;
  };

  const load = async (): Promise<LabOutcome> => {
    let response: Awaited<ReturnType<Page['goto']>>;
    try {
      response = await page.goto(target.href, {
        waitUntil: 'domcontentloaded',
        timeout: limits.navigationTimeoutMs,
      });
    } catch (error) {
      const message = String((error as Error)?.message ?? error);
      if ((error as Error)?.name === 'TimeoutError')
        return {
          ok: false,
          error: documentFailure({
            type: LAB_ERROR_TYPES.timeout,
            detail: `The page did not load within ${limits.navigationTimeoutMs / 1000} s.`,
          }),
        };
      if (message.includes('Download is starting'))
        return {
          ok: false,
          error: { type: LAB_ERROR_TYPES.notAPage, detail: 'The URL answers a download, not a page.' },
        };
      const code = /net::[A-Z_]+/.exec(message)?.[0] ?? 'the navigation failed';
      return {
        ok: false,
        error: documentFailure({
          type: LAB_ERROR_TYPES.unreachable,
          detail: `The page could not be loaded (${code}).`,
        }),
      };
    }
    if (!response) {
      return {
        ok: false,
        error: { type: LAB_ERROR_TYPES.notAPage, detail: 'The URL did not answer a document.' },
      };
    }
    if (response.headers()[PROXY_MARKER_HEADER]) {
      return {
        ok: false,
        error: documentFailure({
          type: LAB_ERROR_TYPES.refusedTarget,
          detail: 'The page is on a refused address.',
        }),
      };
    }
    if (response.status() >= 400) {
      return {
        ok: false,
        error: {
          type: LAB_ERROR_TYPES.documentStatus,
          detail: `The page answered HTTP ${response.status()}${response.statusText() ? ` ${response.statusText()}` : ''}.`,
        },
      };
    }

    // The rest of the page: its load event (within the navigation timeout), lazy content below the
    // fold, then a quiet network.
    await page
      .waitForLoadState('load', { timeout: Math.max(1, t0 + limits.navigationTimeoutMs - performance.now()) })
      .catch(() => undefined);
    await scrollToBottom(page, limits, () => settled || performance.now() >= deadline);
    lastActivity = Math.max(lastActivity, performance.now());
    while (!settled && performance.now() < deadline) {
      if (inflight.size === 0 && performance.now() - lastActivity >= limits.quietMs) break;
      await sleep(100);
    }
    const durationMs = performance.now() - t0;
    await Promise.race([Promise.all(accounting), sleep(5_000)]);
    return {
      ok: true,
      measurement: { bytes, requests, thirdPartyBytes, thirdPartyRequests, durationMs, bytesCapped: false },
    };
  };

  const hardStop = labHardStop(limits);
  const loaded = load();
  loaded.catch(() => undefined); // settles after the context is closed when a limit stopped it
  try {
    return await Promise.race([loaded, stopped, hardStop.outcome]);
  } finally {
    settled = true;
    hardStop.cancel();
  }
}

/** Scrolls one viewport at a time to the bottom (lazy images, infinite lists stop at the step limit). */
async function scrollToBottom(page: Page, limits: LabLimits, over: () => boolean): Promise<void> {
  for (let step = 0; step < limits.maxScrollSteps && !over(); step += 1) {
    const atBottom = await page
      .evaluate(() => {
        const root = document.scrollingElement ?? document.documentElement;
        window.scrollBy(0, window.innerHeight);
        return window.innerHeight + window.scrollY >= root.scrollHeight - 2;
      })
      .catch(() => true); // navigated away or blocked: stop scrolling
    await sleep(limits.scrollStepMs);
    if (atBottom) break;
  }
}
