import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumLab } from '../../src/entries/node/lab/chromium-lab.js';
import type { LabBrowser, LabLimits, LabOutcome } from '../../src/services/lab/lab-browser.js';
import { targetPolicy } from '../../src/services/lab/target-policy.js';
import { browserTestsSkipped, CHROMIUM_PATH } from '../helpers/chromium.js';
import { type Answer, fixtureHandler } from '../helpers/lab-fixture.js';

// Every kind of connection a page can open, tried against a refused address from the Node lab
// (src/entries/node/lab/chromium-lab.ts: Debian's Chromium whose only way out is the test's guard
// proxy, WebRTC limited to the proxy). The lab is the real one; only its lookup is the test's:
// site.test is the tested site (127.0.0.1), cdn.test another site (127.0.0.2, its iframe is
// out-of-process), vm.test a name resolving to 127.0.0.3, which the policy refuses (it stands for
// the server's own network). A listener there counts every TCP connection, HTTP request, WebSocket
// upgrade and UDP datagram that reaches it: each must stay at 0, while the page itself loads and
// the test ends done.

const SKIP = browserTestsSkipped('the lab connection-type tests');

const DNS: Record<string, string[]> = {
  'site.test': ['127.0.0.1'],
  'cdn.test': ['127.0.0.2'],
  'vm.test': ['127.0.0.3'],
};
/** The fixture's two sites stand for the public internet, on any port; 127.0.0.3 is refused. */
const POLICY = targetPolicy({ allowAddresses: ['127.0.0.1', '127.0.0.2'], anyPort: true });
const lookup = async (host: string): Promise<string[]> => {
  const addresses = DNS[host];
  if (!addresses) throw new Error(`${host} does not resolve`);
  return addresses;
};
/**
 * Short waits: these pages are small; a quiet half second ends a test. A shared worker's script
 * request never finishes in playwright's view (it does not attach to shared workers), so the pages
 * that start one end at the total time limit, done: 5 s here (45 s in production).
 */
const LIMITS: Partial<LabLimits> = { navigationTimeoutMs: 4_000, totalTimeoutMs: 5_000, quietMs: 500 };

/** The refused address's listener: TCP connections, HTTP requests, WebSocket upgrades, UDP datagrams. */
interface Counts {
  tcp: number;
  requests: string[];
  upgrades: string[];
  udp: number;
}

const html = (body: string): Answer => ({
  type: 'text/html; charset=utf-8',
  body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title><link rel="icon" href="data:,"></head><body>${body}</body></html>`,
});
const js = (body: string): Answer => ({ type: 'text/javascript', body });

async function listenOn(
  host: string,
  route: (path: string) => Answer | undefined,
  hits: Map<string, number>,
) {
  const server = createServer(fixtureHandler(route, hits));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

const closeServer = (server: Server | undefined) =>
  server
    ? new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
    : Promise.resolve();

describe.skipIf(SKIP)('the Node lab, every connection type', { timeout: 60_000 }, () => {
  let lab: LabBrowser;
  let site: Server;
  let cdn: Server;
  let refused: Server;
  let udp: UdpSocket;
  let sitePort = 0;
  let cdnPort = 0;
  let refusedPort = 0;
  let udpPort = 0;
  const siteHits = new Map<string, number>();
  const cdnHits = new Map<string, number>();
  const counts: Counts = { tcp: 0, requests: [], upgrades: [], udp: 0 };
  const sockets = new Set<Socket>();

  const siteUrl = (path: string) => `http://site.test:${sitePort}${path}`;

  beforeAll(async () => {
    // The refused address: an HTTP server that answers anything (so a leak would also be traffic).
    refused = createServer((req, res) => {
      counts.requests.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
      res.end('secret');
    });
    refused.on('connection', (socket: Socket) => {
      counts.tcp += 1;
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    refused.on('upgrade', (req, socket: Socket) => {
      counts.upgrades.push(req.url ?? '');
      socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
    });
    await new Promise<void>((resolve) => refused.listen(0, '127.0.0.3', resolve));
    refusedPort = (refused.address() as AddressInfo).port;
    udp = createSocket('udp4');
    udp.on('message', () => {
      counts.udp += 1;
    });
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.3', resolve));
    udpPort = udp.address().port;

    // By name and by IP literal (WebSockets plain and TLS): every one must be refused by the proxy.
    const refusedUrls = (path: string) => [
      `http://vm.test:${refusedPort}${path}`,
      `http://127.0.0.3:${refusedPort}${path}`,
    ];
    const wsAttempts = (where: string) =>
      `for (const u of ${JSON.stringify(
        ['ws', 'wss'].flatMap((s) => [
          `${s}://vm.test:${refusedPort}/${where}`,
          `${s}://127.0.0.3:${refusedPort}/${where}`,
        ]),
      )}) { try { new WebSocket(u); } catch {} }`;
    const requestAttempts = (where: string) =>
      `for (const u of ${JSON.stringify(refusedUrls(`/${where}`))}) {
  fetch(u + '-fetch').catch(() => {});
  try { navigator.sendBeacon(u + '-beacon', 'x'); } catch {}
  try { const x = new XMLHttpRequest(); x.open('GET', u + '-xhr'); x.send(); } catch {}
  try { new EventSource(u + '-event-source'); } catch {}
}`;
    // ICE to a STUN server over UDP and a TURN server over TCP (and UDP) on the refused address.
    const rtcAttempts = `const ice = { iceServers: [
  { urls: 'stun:127.0.0.3:${udpPort}' },
  { urls: ['turn:127.0.0.3:${refusedPort}?transport=tcp', 'turn:127.0.0.3:${udpPort}?transport=udp'], username: 'u', credential: 'c' },
] };
const rtc = (C) => { try { const pc = new C(ice); pc.createDataChannel('x'); pc.createOffer().then((o) => pc.setLocalDescription(o)).catch(() => {}); } catch {} };`;

    ({ server: cdn, port: cdnPort } = await listenOn(
      '127.0.0.2',
      (path) => {
        if (path === '/ws-frame') return html(`<script>${wsAttempts('cross-site-iframe')}</script>`);
        if (path === '/leaks-frame')
          return html(
            `<img src="${refusedUrls('/cross-site-iframe-img')[0]}" alt=""><script>${requestAttempts('cross-site-iframe')}</script>`,
          );
        if (path === '/rtc-frame') return html(`<script>${rtcAttempts} rtc(RTCPeerConnection);</script>`);
        return undefined;
      },
      cdnHits,
    ));
    const cdnUrl = (path: string) => `http://cdn.test:${cdnPort}${path}`;

    ({ server: site, port: sitePort } = await listenOn(
      '127.0.0.1',
      (path) => {
        if (path === '/ws')
          // From the page, a fresh about:blank iframe's own constructor, a cross-site (out-of-process)
          // iframe, a dedicated worker, a worker's worker, a blob worker and a shared worker.
          return html(`<iframe src="${cdnUrl('/ws-frame')}" title="f"></iframe><script>
${wsAttempts('page')}
const f = document.createElement('iframe'); document.body.appendChild(f);
for (const u of ['ws://vm.test:${refusedPort}/blank-iframe', 'wss://vm.test:${refusedPort}/blank-iframe']) { try { new f.contentWindow.WebSocket(u); } catch {} }
new Worker('/ws-worker.js');
new Worker(URL.createObjectURL(new Blob([${JSON.stringify(wsAttempts('blob-worker'))}], { type: 'text/javascript' })));
try { new SharedWorker('/ws-shared-worker.js'); } catch {}
</script>`);
        if (path === '/ws-worker.js')
          return js(`${wsAttempts('worker')}\nnew Worker('/ws-nested-worker.js');`);
        if (path === '/ws-nested-worker.js') return js(wsAttempts('nested-worker'));
        if (path === '/ws-shared-worker.js') return js(wsAttempts('shared-worker'));
        if (path === '/leaks')
          // fetch, sendBeacon, XHR, EventSource and images from the page, a blank iframe, a cross-site
          // iframe and workers; a worker script and an iframe on the refused address.
          return html(`<img src="${refusedUrls('/img')[0]}" alt=""><img src="${refusedUrls('/img')[1]}" alt="">
<iframe src="${cdnUrl('/leaks-frame')}" title="f"></iframe><script>
${requestAttempts('page')}
const f = document.createElement('iframe'); document.body.appendChild(f);
try { f.contentWindow.fetch('${refusedUrls('/blank-iframe-fetch')[0]}').catch(() => {}); } catch {}
try { f.contentWindow.navigator.sendBeacon('${refusedUrls('/blank-iframe-beacon')[0]}', 'x'); } catch {}
new Worker('/leaks-worker.js');
try { new SharedWorker('/leaks-shared-worker.js'); } catch {}
try { new Worker('${refusedUrls('/worker.js')[0]}'); } catch {}
</script>`);
        if (path === '/leaks-worker.js')
          return js(
            `fetch('/worker-ok').catch(() => {}); ${requestAttempts('worker')}\ntry { importScripts('${refusedUrls('/import')[0]}'); } catch {}`,
          );
        if (path === '/leaks-shared-worker.js') return js(requestAttempts('shared-worker'));
        if (path === '/worker-ok') return js('1');
        if (path === '/webrtc')
          // From the page, a fresh about:blank iframe's own constructor and a cross-site iframe.
          return html(`<iframe src="${cdnUrl('/rtc-frame')}" title="f"></iframe><script>
${rtcAttempts}
rtc(window.RTCPeerConnection);
const f = document.createElement('iframe'); document.body.appendChild(f);
rtc(f.contentWindow.RTCPeerConnection);
</script>`);
        return undefined;
      },
      siteHits,
    ));

    lab = createChromiumLab({ executablePath: CHROMIUM_PATH, policy: POLICY, lookup, limits: LIMITS });
  });

  afterAll(async () => {
    await lab?.close();
    udp?.close();
    for (const s of sockets) s.destroy();
    await Promise.all([site, cdn, refused].map(closeServer));
  });

  /** Measures `path` on the site, then waits a little: anything late would still be counted. */
  const measure = async (path: string): Promise<LabOutcome> => {
    siteHits.clear();
    cdnHits.clear();
    Object.assign(counts, { tcp: 0, requests: [], upgrades: [], udp: 0 });
    const started = performance.now();
    const outcome = await lab.measure(siteUrl(path));
    await new Promise((r) => setTimeout(r, 500));
    console.info(
      `${path}: ${JSON.stringify(outcome)} in ${Math.round(performance.now() - started)} ms; ` +
        `refused address: ${JSON.stringify(counts)}; site ${JSON.stringify([...siteHits])}, cdn ${JSON.stringify([...cdnHits])}`,
    );
    return outcome;
  };

  const nothingReached = () =>
    expect(counts).toEqual({ tcp: 0, requests: [], upgrades: [], udp: 0 } satisfies Counts);

  it('WebSockets (ws and wss) from the page, iframes and every kind of worker', async () => {
    const outcome = await measure('/ws');
    // The page, its frames and its workers ran (their scripts were loaded), and the test is done.
    expect(outcome).toMatchObject({ ok: true, measurement: { bytesCapped: false } });
    expect([...siteHits.keys()]).toEqual(
      expect.arrayContaining(['/ws', '/ws-worker.js', '/ws-nested-worker.js', '/ws-shared-worker.js']),
    );
    expect(cdnHits.get('/ws-frame')).toBe(1);
    nothingReached();
  });

  it('fetch, sendBeacon, XHR, EventSource, images, iframes and worker scripts', async () => {
    const outcome = await measure('/leaks');
    expect(outcome).toMatchObject({ ok: true, measurement: { bytesCapped: false } });
    expect([...siteHits.keys()]).toEqual(
      expect.arrayContaining(['/leaks', '/leaks-worker.js', '/worker-ok', '/leaks-shared-worker.js']),
    );
    expect(cdnHits.get('/leaks-frame')).toBe(1);
    nothingReached();
  });

  it('WebRTC: STUN over UDP, TURN over TCP and UDP, from the page and its iframes', async () => {
    const outcome = await measure('/webrtc');
    expect(outcome).toMatchObject({ ok: true, measurement: { bytesCapped: false } });
    expect(siteHits.get('/webrtc')).toBe(1);
    expect(cdnHits.get('/rtc-frame')).toBe(1);
    nothingReached();
  });
});
