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
 * per test (cold cache, no cookies), 1366×768, navigate, scroll, quiet network; bytes are
 * `Network.loadingFinished.encodedDataLength` (plus the redirect responses) of the page and of
 * every target it spawns — out-of-process iframes and workers are auto-attached, each with its own
 * session. Every request of every session is paused (`Fetch.requestPaused`) and checked against
 * the policy before it leaves; refused ones are failed (`BlockedByClient`).
 *
 * Not covered here (documented): DNS rebinding — the remote browser resolves names itself after
 * our DNS-over-HTTPS check — and service workers (not auto-attached to the page).
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
}

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
  const inflight = () => [...requests.values()].filter((r) => !r.done).length;

  const add = (url: string, n: number) => {
    let host: string;
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return;
      host = hostOf(u);
    } catch {
      return;
    }
    bytes += n;
    counted += 1;
    if (!pageHosts.has(host)) {
      thirdPartyBytes += n;
      thirdPartyRequests += 1;
    }
    if (bytes > limits.maxBytes)
      stop ??= {
        type: LAB_ERROR_TYPES.tooLarge,
        detail: `The page transferred more than ${limits.maxBytes.toLocaleString('en')} bytes.`,
      };
  };

  const watch = async (session: CDPSession, isPage: boolean) => {
    const key = (requestId: string) => `${session.id()}:${requestId}`;
    session.on('Fetch.requestPaused', (e) => {
      void (async () => {
        let verdict: Verdict = { ok: true };
        try {
          verdict = await judge(new URL(e.request.url));
        } catch {
          verdict = { ok: false, error: { type: LAB_ERROR_TYPES.refusedTarget, detail: 'Not a URL.' } };
        }
        if (verdict.ok) await session.send('Fetch.continueRequest', { requestId: e.requestId });
        else {
          refusals.set(e.request.url, verdict.error);
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
      requests.set(k, { url: e.request.url, done: false });
      if (started > limits.maxRequests)
        stop ??= {
          type: LAB_ERROR_TYPES.tooLarge,
          detail: `The page made more than ${limits.maxRequests.toLocaleString('en')} requests.`,
        };
    });
    session.on('Network.responseReceived', (e) => {
      if (isPage && e.type === 'Document' && e.frameId === created.targetId)
        documentStatus = { status: e.response.status, text: e.response.statusText };
    });
    session.on('Network.loadingFinished', (e) => {
      lastActivity = Date.now();
      const r = requests.get(key(e.requestId));
      if (!r || r.done) return;
      r.done = true;
      add(r.url, e.encodedDataLength);
    });
    session.on('Network.loadingFailed', (e) => {
      lastActivity = Date.now();
      const r = requests.get(key(e.requestId));
      if (r) r.done = true;
    });
    session.on('sessionattached', (child: CDPSession) => {
      void watch(child, false).catch(() => undefined);
    });
    await Promise.all([
      session.send('Network.enable'),
      session.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] }),
      session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }),
    ]);
    await session.send('Runtime.runIfWaitingForDebugger').catch(() => undefined);
  };

  await watch(page, true);
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
    return { ok: false, error: { type, detail: `The page could not be loaded (${navigation.errorText}).` } };
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
  for (let step = 0; step < limits.maxScrollSteps && Date.now() < deadline && !stop; step += 1) {
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
  while (Date.now() < deadline && !stop) {
    if (inflight() === 0 && Date.now() - lastActivity >= limits.quietMs) break;
    await sleep(100);
  }
  if (stop) return { ok: false, error: stop };
  return {
    ok: true,
    measurement: {
      bytes,
      requests: counted,
      thirdPartyBytes,
      thirdPartyRequests,
      durationMs: Date.now() - t0,
    },
  };
}
