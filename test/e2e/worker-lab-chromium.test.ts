import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCdpLab } from '../../src/entries/worker/lab/cdp-lab.js';
import { LAB_LIMITS, type LabLimits, type LabOutcome } from '../../src/services/lab/lab-browser.js';
import { targetPolicy } from '../../src/services/lab/target-policy.js';
import { killCdpChromiums, launchCdpChromium } from '../helpers/cdp-chromium.js';
import { browserTestsSkipped } from '../helpers/chromium.js';

// The Worker lab's CDP code (src/entries/worker/lab/cdp-lab.ts) driven on Node against Debian's
// headless Chromium through its injectable `launch`, as Browser Rendering's Chromium would be on
// Workers. The fake browser of test/worker-lab/ only covers the binding's wiring.
//
// Names: site.test is the tested site (127.0.0.1), cdn.test another site (127.0.0.2, its iframes are
// out-of-process), vm.test a name the fake DNS over HTTPS resolves to 127.0.0.3, which the policy
// refuses (it stands for the server's own network). Chromium resolves the same names to the same
// addresses (--host-resolver-rules), as a real browser would after the lab's check. A listener on
// 127.0.0.3 counts every TCP connection and UDP datagram that reaches it: it must stay at 0.

const SKIP = browserTestsSkipped('the Worker lab tests in headless Chromium');

const DNS: Record<string, string[]> = {
  'site.test': ['127.0.0.1'],
  'cdn.test': ['127.0.0.2'],
  'vm.test': ['127.0.0.3'],
};
const RESOLVER_RULES = 'MAP site.test 127.0.0.1, MAP cdn.test 127.0.0.2, MAP vm.test 127.0.0.3';
/** The fixture's two sites stand for the public internet, on any port; 127.0.0.3 is refused. */
const POLICY = targetPolicy({ allowAddresses: ['127.0.0.1', '127.0.0.2'], anyPort: true });
const lookup = async (host: string): Promise<string[]> => {
  const addresses = DNS[host];
  if (!addresses) throw new Error(`${host} does not resolve`);
  return addresses;
};

const CAP = 2_000_000;
const LIMITS: Partial<LabLimits> = {
  maxBytes: CAP,
  navigationTimeoutMs: 10_000,
  totalTimeoutMs: 15_000,
  quietMs: 500,
};

function lab(limits: Partial<LabLimits> = LIMITS) {
  return createCdpLab({ launch: () => launchCdpChromium(RESOLVER_RULES), policy: POLICY, lookup, limits });
}

interface Listener {
  server: Server;
  port: number;
  /** Bytes written on every socket so far. */
  bytesSent(): number;
  connections: number;
  paths: string[];
}

type Route = (path: string, res: ServerResponse) => void;

async function listen(host: string, route: Route): Promise<Listener> {
  const sockets: Socket[] = [];
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string;
    listener.paths.push(path);
    route(path, res);
  });
  const listener: Listener = {
    server,
    port: 0,
    connections: 0,
    paths: [],
    bytesSent: () => sockets.reduce((n, s) => n + s.bytesWritten, 0),
  };
  server.on('connection', (socket) => {
    listener.connections += 1;
    sockets.push(socket);
  });
  // A WebSocket handshake that got through: answered, so that a leak would also show as traffic.
  server.on('upgrade', (req, socket) => {
    listener.paths.push(`upgrade ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  listener.port = (server.address() as AddressInfo).port;
  return listener;
}

const html = (res: ServerResponse, body: string) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title><link rel="icon" href="data:,"></head><body>${body}</body></html>`,
  );
};
const js = (res: ServerResponse, body: string) => {
  res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
  res.end(body);
};

/** An endless response: 64 KB every 10 ms for as long as the client reads (the server's backpressure). */
function endless(res: ServerResponse, type: string, head = '') {
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  res.write(head);
  const chunk = Buffer.alloc(65_536, 0x61);
  const timer = setInterval(() => {
    if (res.destroyed || res.writableEnded) clearInterval(timer);
    else if (res.writableNeedDrain) return;
    else res.write(chunk);
  }, 10);
  res.on('close', () => clearInterval(timer));
}

describe.skipIf(SKIP)('the Worker lab (CDP) in headless Chromium', { timeout: 60_000 }, () => {
  let site: Listener;
  let cdn: Listener;
  let refused: Listener;
  let udp: UdpSocket;
  let udpPort = 0;
  let datagrams = 0;
  /** Streams the site has opened (the endless-response pages). */
  let streams = 0;

  const refusedUrl = (path: string, scheme = 'http') => `${scheme}://vm.test:${refused.port}${path}`;
  const siteUrl = (path: string) => `http://site.test:${site.port}${path}`;
  const cdnUrl = (path: string) => `http://cdn.test:${cdn.port}${path}`;

  beforeAll(async () => {
    refused = await listen('127.0.0.3', (_path, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('secret');
    });
    udp = createSocket('udp4');
    udp.on('message', () => {
      datagrams += 1;
    });
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.3', resolve));
    udpPort = udp.address().port;
    const wsAttempts = (where: string) =>
      `for (const u of ['ws://vm.test:${refused.port}/${where}', 'wss://vm.test:${refused.port}/${where}']) { try { new WebSocket(u); } catch {} }`;
    cdn = await listen('127.0.0.2', (path, res) => {
      if (path === '/ws-frame') return html(res, `<script>${wsAttempts('oopif')}</script>`);
      res.writeHead(404).end();
    });
    site = await listen('127.0.0.1', (path, res) => {
      if (path === '/plain') return html(res, '<p>plain</p>');
      if (path === '/ws')
        // A WebSocket from the page, from a fresh about:blank iframe's own constructor, from a
        // dedicated worker, a blob worker and a worker's worker, and from an out-of-process iframe.
        return html(
          res,
          `<iframe src="${cdnUrl('/ws-frame')}"></iframe><script>
${wsAttempts('page')}
const f = document.createElement('iframe'); document.body.appendChild(f);
try { new f.contentWindow.WebSocket('ws://vm.test:${refused.port}/blank-iframe'); } catch {}
new Worker('/ws-worker.js');
new Worker(URL.createObjectURL(new Blob([${JSON.stringify(wsAttempts('blob-worker'))}], { type: 'text/javascript' })));
try { new SharedWorker('/ws-worker.js'); } catch {}
</script>`,
        );
      if (path === '/ws-worker.js')
        return js(res, `${wsAttempts('worker')}\nnew Worker('/ws-nested-worker.js');`);
      if (path === '/ws-nested-worker.js') return js(res, wsAttempts('nested-worker'));
      if (path === '/leaks')
        // Every other way a page sends a request: all paused and checked (Fetch.requestPaused).
        return html(
          res,
          `<img src="${refusedUrl('/img')}" alt=""><script>
fetch('${refusedUrl('/fetch')}').catch(() => {});
navigator.sendBeacon('${refusedUrl('/beacon')}', 'x');
new EventSource('${refusedUrl('/event-source')}');
const x = new XMLHttpRequest(); x.open('GET', '${refusedUrl('/xhr')}'); x.send();
new Worker('/leaks-worker.js');
try { new Worker('${refusedUrl('/worker.js')}'); } catch {}
</script>`,
        );
      if (path === '/leaks-frame') return html(res, `<iframe src="${refusedUrl('/frame')}"></iframe>`);
      if (path === '/leaks-worker.js')
        return js(
          res,
          `fetch('/worker-ok').catch(() => {}); fetch('${refusedUrl('/worker-fetch')}').catch(() => {}); importScripts('${refusedUrl('/import')}');`,
        );
      if (path === '/worker-ok') return js(res, '1');
      if (path === '/webrtc')
        // ICE to a STUN server (UDP) and a TURN server over TCP on the refused address, from the
        // page and from an about:blank iframe's own constructor.
        return html(
          res,
          `<script>
const ice = { iceServers: [{ urls: 'stun:127.0.0.3:${udpPort}' }, { urls: 'turn:127.0.0.3:${refused.port}?transport=tcp', username: 'u', credential: 'c' }] };
const open = (C) => { try { const pc = new C(ice); pc.createDataChannel('x'); pc.createOffer().then((o) => pc.setLocalDescription(o)); } catch {} };
open(window.RTCPeerConnection);
const f = document.createElement('iframe'); document.body.appendChild(f);
open(f.contentWindow.RTCPeerConnection);
</script>`,
        );
      if (path === '/stream') {
        streams += 1;
        return endless(res, 'application/octet-stream');
      }
      if (path === '/endless-document')
        return endless(res, 'text/html; charset=utf-8', '<!doctype html><title>e</title><p>');
      if (path === '/endless-fetch')
        return html(res, `<script>fetch('/stream').then((r) => r.arrayBuffer());</script>`);
      if (path === '/keeps-opening')
        // Each stream stays under the cap and never finishes; new ones keep coming.
        return html(
          res,
          `<script>let i = 0; setInterval(() => fetch('/slow-stream?' + i++).then((r) => r.arrayBuffer()), 50);</script>`,
        );
      if (path === '/slow-stream') {
        streams += 1;
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' });
        res.write(Buffer.alloc(1_000_000, 0x62)); // then nothing: never finishes (6 at a time per host)
        return;
      }
      res.writeHead(404).end();
    });
  });

  afterAll(async () => {
    killCdpChromiums();
    udp?.close();
    await Promise.all(
      [site, cdn, refused].filter(Boolean).map(
        (l) =>
          new Promise<void>((resolve) => {
            l.server.closeAllConnections();
            l.server.close(() => resolve());
          }),
      ),
    );
  });

  const reset = () => {
    for (const l of [site, cdn, refused]) l.paths.length = 0;
    refused.connections = 0;
    datagrams = 0;
    streams = 0;
  };

  it('measures a plain page through the injectable launch', async () => {
    reset();
    const outcome = await lab().measure(siteUrl('/plain'));
    expect(outcome).toMatchObject({ ok: true, measurement: { requests: 1 } });
    if (outcome.ok) expect(outcome.measurement.bytes).toBeGreaterThan(100);
    expect(site.paths).toEqual(['/plain']);
  });

  it('refuses a page on a refused address before opening a browser', async () => {
    reset();
    const outcome = await lab().measure(refusedUrl('/'));
    expect(outcome).toMatchObject({ ok: false, error: { type: '/problems/refused-target' } });
    expect(refused.connections).toBe(0);
  });

  it('lets no WebSocket reach a refused address: page, iframes, workers', async () => {
    reset();
    const outcome = await lab().measure(siteUrl('/ws'));
    await new Promise((r) => setTimeout(r, 300)); // anything late would still be counted
    expect(site.paths).toEqual(expect.arrayContaining(['/ws', '/ws-worker.js', '/ws-nested-worker.js']));
    expect(cdn.paths).toContain('/ws-frame');
    expect(refused.paths).toEqual([]);
    expect(refused.connections).toBe(0);
    expect(outcome.ok).toBe(true);
  });

  it('checks fetch, beacons, XHR, EventSource, images and workers: none reaches a refused address', async () => {
    reset();
    const outcome = await lab().measure(siteUrl('/leaks'));
    await new Promise((r) => setTimeout(r, 300));
    // The worker ran (its allowed request went out) and was counted; its refused ones did not.
    expect(site.paths).toEqual(expect.arrayContaining(['/leaks', '/leaks-worker.js', '/worker-ok']));
    expect(refused.paths).toEqual([]);
    expect(refused.connections).toBe(0);
    expect(outcome.ok).toBe(true);
  });

  it('refuses an iframe on a refused address (its request never leaves)', async () => {
    reset();
    const outcome = await lab().measure(siteUrl('/leaks-frame'));
    await new Promise((r) => setTimeout(r, 300));
    expect(site.paths).toEqual(['/leaks-frame']);
    expect(refused.paths).toEqual([]);
    // Chromium preconnects to a frame's origin before the request is paused (Fetch.requestPaused):
    // one bare TCP connection, not a byte of a request (docs/operations.md, "Safety").
    expect(refused.connections).toBeLessThanOrEqual(1);
    expect(outcome.ok).toBe(true);
  });

  it('lets no WebRTC connection reach a refused address (STUN over UDP, TURN over TCP)', async () => {
    reset();
    const outcome = await lab().measure(siteUrl('/webrtc'));
    await new Promise((r) => setTimeout(r, 500));
    expect(datagrams).toBe(0);
    expect(refused.connections).toBe(0);
    expect(outcome.ok).toBe(true);
  });

  const capped = async (path: string): Promise<{ outcome: LabOutcome; ms: number; sent: number }> => {
    reset();
    const before = site.bytesSent();
    const started = performance.now();
    const outcome = await lab().measure(siteUrl(path));
    const ms = performance.now() - started;
    const sent = site.bytesSent() - before;
    console.info(`${path}: ${JSON.stringify(outcome)} in ${Math.round(ms)} ms, the site sent ${sent} bytes`);
    return { outcome, ms, sent };
  };

  for (const path of ['/endless-fetch', '/endless-document', '/keeps-opening']) {
    it(`stops ${path} at the byte cap as the bytes stream: done, bytesCapped`, async () => {
      const { outcome, ms } = await capped(path);
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      expect(outcome.measurement.bytesCapped).toBe(true);
      expect(outcome.measurement.bytes).toBeGreaterThan(CAP);
      expect(outcome.measurement.bytes).toBeLessThan(CAP * 1.5);
      // Long before the time limits (10 s to the document, 15 s in all).
      expect(ms).toBeLessThan(6_000);
      // Nothing new once capped: the streams opened stay few.
      const opened = streams;
      await new Promise((r) => setTimeout(r, 500));
      expect(streams).toBe(opened);
    });
  }

  it('a page under the cap is not capped', async () => {
    reset();
    const outcome = await lab({ ...LIMITS, maxBytes: LAB_LIMITS.maxBytes }).measure(siteUrl('/plain'));
    expect(outcome).toMatchObject({ ok: true, measurement: { bytesCapped: false } });
  });
});
