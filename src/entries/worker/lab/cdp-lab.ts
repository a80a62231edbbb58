import type { Browser, CDPSession } from '@cloudflare/puppeteer';
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
  refuseResolvedAddresses,
  refuseUrlWithoutDns,
  type TargetPolicy,
} from '../../../services/lab/target-policy.js';

export interface CdpLabOptions {
  /** A fresh browser for one test (Browser Rendering: `puppeteer.launch(env.BROWSER)`). */
  launch: () => Promise<Browser>;
  policy: TargetPolicy;
  /** Every address of a host name (Workers: DNS over HTTPS). */
  lookup: (host: string) => Promise<string[]>;
  limits?: Partial<LabLimits>;
}

type Verdict = { ok: true } | { ok: false; error: LabError };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * The lab over the Chrome DevTools Protocol of a remote browser (Cloudflare Browser Rendering
 * through @cloudflare/puppeteer's connection). The same protocol as on Node: one fresh browser
 * per test (cold cache, no cookies), 1366×768, navigate, scroll, quiet network. Bytes count as
 * they stream (`Network.dataReceived`, replaced by `loadingFinished.encodedDataLength` when a
 * response ends, plus the redirect responses) over the page and every target it spawns —
 * out-of-process iframes and workers are auto-attached, each with its own session; past
 * `maxBytes` the test ends at once, done with `bytesCapped`, and nothing new is let out. Every
 * request of every session is paused (`Fetch.requestPaused`) and checked against the policy before
 * it leaves; refused ones are failed (`BlockedByClient`). What the Fetch domain never pauses
 * (WebSocket handshakes, WebRTC, WebTransport) is taken from every document and worker before its
 * scripts run (LOCKDOWN_SCRIPT). Tested against Debian's Chromium (test/e2e/worker-lab-chromium).
 *
 * Not covered here (documented): DNS rebinding — the remote browser resolves names itself after
 * our DNS-over-HTTPS check — and the bare TCP preconnect Chromium opens to an iframe's origin
 * before its request is paused (no request is sent).
 */
export function createCdpLab(options: CdpLabOptions): LabBrowser {
  const limits: LabLimits = { ...LAB_LIMITS, ...options.limits };
  const { policy, lookup } = options;

  const judgeHost = (cache: Map<string, Promise<Verdict>>, url: URL): Promise<Verdict> => {
    const early = refuseUrlWithoutDns(url, policy);
    if (early)
      return Promise.resolve({ ok: false, error: { type: LAB_ERROR_TYPES.refusedTarget, detail: early } });
    const host = hostOf(url);
    if (isIpLiteral(host)) return Promise.resolve({ ok: true });
    let verdict = cache.get(host);
    if (!verdict) {
      verdict = lookup(host).then(
        (addresses): Verdict => {
          const refusal = refuseResolvedAddresses(host, addresses, policy);
          return refusal
            ? { ok: false, error: { type: LAB_ERROR_TYPES.refusedTarget, detail: refusal } }
            : { ok: true };
        },
        (): Verdict => ({
          ok: false,
          error: { type: LAB_ERROR_TYPES.dnsFailure, detail: `${host} does not resolve.` },
        }),
      );
      cache.set(host, verdict);
    }
    return verdict;
  };

  return {
    async measure(url) {
      const target = new URL(url);
      const verdicts = new Map<string, Promise<Verdict>>();
      const first = await judgeHost(verdicts, target);
      if (!first.ok) return { ok: false, error: first.error };
      let browser: Browser;
      try {
        browser = await options.launch();
      } catch (error) {
        throw new LabUnavailableError(
          `The browser could not be started (${String((error as Error)?.message ?? error).split('\n')[0]}).`,
        );
      }
      // A browser that stops answering cannot hold the test (and the queue message) past this.
      const hardStop = labHardStop(limits);
      const measured = measureWithCdp(browser, target, limits, (u) => judgeHost(verdicts, u));
      measured.catch(() => undefined); // settles after the browser is closed when the hard stop won
      try {
        return await Promise.race([measured, hardStop.outcome]);
      } finally {
        hardStop.cancel();
        await browser.close().catch(() => undefined);
      }
    },
    async close() {},
  };
}

interface RequestState {
  url: string;
  done: boolean;
  /** Bytes of it already added (streamed body chunks, then the rest at its end). */
  added: number;
  /** Whether it already counts as one of the test's requests. */
  counted: boolean;
}

/**
 * WebSocket handshakes are not paused by the Fetch domain (they would reach any address
 * unchecked): every session blocks them outright with the browser's own URL blocking, which
 * Blink applies when the socket opens, whatever constructor the page found. Plain `*` patterns
 * (the old `urls` form) and URL patterns (newer Chromium) both.
 */
const BLOCKED_URLS = {
  urls: ['ws://*', 'wss://*'],
  urlPatterns: [
    { urlPattern: 'ws://*:*', block: true },
    { urlPattern: 'wss://*:*', block: true },
  ],
};

/**
 * Run in every document before its own scripts (`Page.addScriptToEvaluateOnNewDocument`) and in
 * every worker before it starts: the connection types that never go through the paused, checked
 * request path are removed — WebRTC (ICE reaches any address over UDP or TCP, STUN and TURN
 * included), WebTransport (QUIC), WebSocketStream, shared and service workers (never attached to
 * the page's sessions) — and WebSocket is a constructor that throws.
 * Non-configurable, so a page cannot put them back; an about:blank iframe is a new document too.
 */
export const LOCKDOWN_SCRIPT = `(() => {
  const names = ['RTCPeerConnection', 'webkitRTCPeerConnection', 'RTCDataChannel', 'RTCIceTransport',
    'RTCRtpSender', 'RTCRtpReceiver', 'RTCSctpTransport', 'RTCDtlsTransport', 'WebTransport', 'WebSocketStream',
    'SharedWorker'];
  for (const name of names) {
    try { Object.defineProperty(globalThis, name, { value: undefined, writable: false, configurable: false }); } catch {}
  }
  const refused = function WebSocket() { throw new DOMException('WebSockets are refused in lab tests.', 'SecurityError'); };
  try { Object.defineProperty(globalThis, 'WebSocket', { value: refused, writable: false, configurable: false }); } catch {}
  // Service workers run outside the page's sessions (not auto-attached): not registered at all.
  try { Object.defineProperty(Object.getPrototypeOf(navigator), 'serviceWorker', { get: () => undefined, configurable: false }); } catch {}
})();`;

async function measureWithCdp(
  browser: Browser,
  target: URL,
  limits: LabLimits,
  judge: (url: URL) => Promise<Verdict>,
): Promise<LabOutcome> {
  const root = await browser.target().createCDPSession();
  const connection = root.connection();
  if (!connection) throw new LabUnavailableError('The browser connection has no sessions.');
  await root.send('Browser.setDownloadBehavior', { behavior: 'deny' }).catch(() => undefined);
  const created = await root.send('Target.createTarget', { url: 'about:blank' });
  const page = await connection.createSession({
    targetId: created.targetId,
    type: 'page',
    title: '',
    url: 'about:blank',
    attached: false,
    canAccessOpener: false,
  });

  const pageHosts = new Set([hostOf(target)]);
  const requests = new Map<string, RequestState>();
  const refusals = new Map<string, LabError>(); // by URL
  let started = 0;
  let bytes = 0;
  let counted = 0;
  let thirdPartyBytes = 0;
  let thirdPartyRequests = 0;
  let lastActivity = Date.now();
  let documentStatus: { status: number; text: string } | undefined;
  let stop: LabError | undefined;
  let capped = false;
  let halt: () => void = () => undefined;
  /** Settles when the test must end now: over the byte cap, or too many requests. */
  const halted = new Promise<void>((resolve) => {
    halt = resolve;
  });
  const inflight = () => [...requests.values()].filter((r) => !r.done).length;

  /** Adds bytes to the test (a hop of `request`, or its own bytes as they stream in). */
  const add = (url: string, n: number, request?: RequestState) => {
    let host: string;
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return;
      host = hostOf(u);
    } catch {
      return;
    }
    const thirdParty = !pageHosts.has(host);
    if (!request?.counted) {
      counted += 1;
      if (thirdParty) thirdPartyRequests += 1;
      if (request) request.counted = true;
    }
    if (request) request.added += n;
    bytes += n;
    if (thirdParty) thirdPartyBytes += n;
    if (bytes > limits.maxBytes && !capped) {
      // Stop at once: nothing new is let out (requestPaused fails everything from now on) and the
      // test ends with what it counted, a lower bound of what the page would have transferred.
      capped = true;
      halt();
    }
  };

  /** A session of the page, an out-of-process iframe or a worker (`type` of its target). */
  const watch = async (session: CDPSession, type: string) => {
    const isPage = type === 'page';
    const isWorker = type === 'worker' || type === 'shared_worker' || type === 'service_worker';
    const key = (requestId: string) => `${session.id()}:${requestId}`;
    session.on('Fetch.requestPaused', (e) => {
      void (async () => {
        let verdict: Verdict = { ok: true };
        try {
          verdict = await judge(new URL(e.request.url));
        } catch {
          verdict = { ok: false, error: { type: LAB_ERROR_TYPES.refusedTarget, detail: 'Not a URL.' } };
        }
        if (capped || stop)
          verdict = { ok: false, error: stop ?? { type: LAB_ERROR_TYPES.tooLarge, detail: '' } };
        if (verdict.ok) await session.send('Fetch.continueRequest', { requestId: e.requestId });
        else {
          if (!capped && !stop) refusals.set(e.request.url, verdict.error);
          await session.send('Fetch.failRequest', { requestId: e.requestId, errorReason: 'BlockedByClient' });
        }
      })().catch(() => undefined);
    });
    session.on('Network.requestWillBeSent', (e) => {
      lastActivity = Date.now();
      const k = key(e.requestId);
      const previous = requests.get(k);
      if (e.redirectResponse && previous) add(previous.url, e.redirectResponse.encodedDataLength);
      else started += 1;
      if (isPage && e.type === 'Document' && e.requestId === e.loaderId)
        pageHosts.add(hostOf(new URL(e.request.url)));
      requests.set(k, { url: e.request.url, done: false, added: 0, counted: false });
      if (started > limits.maxRequests && !stop) {
        stop = {
          type: LAB_ERROR_TYPES.tooLarge,
          detail: `The page made more than ${limits.maxRequests.toLocaleString('en')} requests.`,
        };
        halt();
      }
    });
    session.on('Network.responseReceived', (e) => {
      if (isPage && e.type === 'Document' && e.frameId === created.targetId)
        documentStatus = { status: e.response.status, text: e.response.statusText };
    });
    // Bytes count as they arrive, so that a response that never ends still reaches the cap.
    session.on('Network.dataReceived', (e) => {
      lastActivity = Date.now();
      const r = requests.get(key(e.requestId));
      if (!r || r.done) return;
      // Chromium reports documents' chunks with encodedDataLength 0: their decoded size stands in
      // until the response ends and its real encoded size replaces what was added.
      const n = e.encodedDataLength > 0 ? e.encodedDataLength : e.dataLength;
      if (n > 0) add(r.url, n, r);
    });
    session.on('Network.loadingFinished', (e) => {
      lastActivity = Date.now();
      const r = requests.get(key(e.requestId));
      if (!r || r.done) return;
      r.done = true;
      // The whole response (headers included) replaces what its chunks already added.
      add(r.url, e.encodedDataLength - r.added, r);
    });
    session.on('Network.loadingFailed', (e) => {
      lastActivity = Date.now();
      const r = requests.get(key(e.requestId));
      if (r) r.done = true;
    });
    session.on('Target.attachedToTarget', (e) => {
      const child = connection.session(e.sessionId);
      if (child) void watch(child, e.targetInfo.type).catch(() => undefined);
    });
    // A worker's requests are paused in its parent's session (Chromium has no Fetch domain in
    // worker targets); a page or iframe that cannot be watched, or any target that cannot be
    // locked down, is never let run (it stays paused until the browser is closed).
    const lockdown = isWorker
      ? session.send('Runtime.evaluate', { expression: LOCKDOWN_SCRIPT })
      : session.send('Page.enable').then(() =>
          session.send('Page.addScriptToEvaluateOnNewDocument', {
            source: LOCKDOWN_SCRIPT,
            runImmediately: true,
          }),
        );
    const fetchEnabled = session.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] });
    await Promise.all([
      session.send('Network.enable'),
      session.send('Network.setBlockedURLs', BLOCKED_URLS as { urls: string[] }).catch(() => undefined),
      isWorker ? fetchEnabled.catch(() => undefined) : fetchEnabled,
      session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }),
      lockdown,
    ]);
    await session.send('Runtime.runIfWaitingForDebugger');
  };

  await watch(page, 'page');
  await Promise.all([
    page.send('Page.enable'),
    page.send('Emulation.setDeviceMetricsOverride', {
      width: limits.viewport.width,
      height: limits.viewport.height,
      deviceScaleFactor: 1,
      mobile: false,
    }),
  ]);

  const t0 = Date.now();
  const deadline = t0 + limits.totalTimeoutMs;
  const measurement = (): LabOutcome => ({
    ok: true,
    measurement: {
      bytes,
      requests: counted,
      thirdPartyBytes,
      thirdPartyRequests,
      durationMs: Date.now() - t0,
      bytesCapped: capped,
    },
  });
  const load = async (): Promise<LabOutcome | undefined> => {
    const event = (name: 'Page.domContentEventFired' | 'Page.loadEventFired', timeoutMs: number) =>
      new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), Math.max(1, timeoutMs));
        page.once(name, () => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    const domReady = event('Page.domContentEventFired', limits.navigationTimeoutMs);
    const loaded = event('Page.loadEventFired', limits.navigationTimeoutMs);
    const navigation = await page.send('Page.navigate', { url: target.href });
    if (navigation.errorText) {
      const refusal = [...refusals.values()][0];
      if (refusal) return { ok: false, error: refusal };
      const type = navigation.errorText.includes('NAME_NOT_RESOLVED')
        ? LAB_ERROR_TYPES.dnsFailure
        : LAB_ERROR_TYPES.unreachable;
      return {
        ok: false,
        error: { type, detail: `The page could not be loaded (${navigation.errorText}).` },
      };
    }
    if (!(await domReady)) {
      return {
        ok: false,
        error: {
          type: LAB_ERROR_TYPES.timeout,
          detail: `The page did not load within ${limits.navigationTimeoutMs / 1000} s.`,
        },
      };
    }
    if (documentStatus && documentStatus.status >= 400) {
      return {
        ok: false,
        error: {
          type: LAB_ERROR_TYPES.documentStatus,
          detail: `The page answered HTTP ${documentStatus.status}${documentStatus.text ? ` ${documentStatus.text}` : ''}.`,
        },
      };
    }
    await loaded;
    for (let step = 0; step < limits.maxScrollSteps && Date.now() < deadline && !stop && !capped; step += 1) {
      const result = await page
        .send('Runtime.evaluate', {
          expression:
            '(() => { const r = document.scrollingElement || document.documentElement; window.scrollBy(0, innerHeight); ' +
            'return innerHeight + scrollY >= r.scrollHeight - 2; })()',
          returnByValue: true,
        })
        .catch(() => undefined);
      await sleep(limits.scrollStepMs);
      if (!result || result.result.value === true) break;
    }
    lastActivity = Math.max(lastActivity, Date.now());
    while (Date.now() < deadline && !stop && !capped) {
      if (inflight() === 0 && Date.now() - lastActivity >= limits.quietMs) break;
      await sleep(100);
    }
    return undefined;
  };
  // Over a limit the test ends at once, whatever the page is doing (a document that never ends
  // included); the browser is closed right after.
  const loading = load();
  loading.catch(() => undefined);
  const early = await Promise.race([loading, halted.then(() => undefined)]);
  if (stop) return { ok: false, error: stop };
  if (capped) return measurement();
  return early ?? measurement();
}
