import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A small site on two loopback origins for lab tests, counting what it really sent: the bytes
 * written on every socket it accepted (status lines, headers and bodies, on the wire).
 *
 * Origin A (127.0.0.1) serves the page: a same-origin stylesheet and script, a dedicated worker
 * that fetches data, a lazy image below the fold, a fetch 1 s after `load`; and pages for the
 * failures and limits: a redirect to the private address, a 404, a download, a page that takes
 * 3 s, one that never answers, one that makes 150 requests, one that fetches 3 MB, and FLOOD_PAGE
 * (`/flood/N`: N bytes, then endless downloads on new connections).
 * Origin B (127.0.0.2, another site: its iframe is an out-of-process frame) serves a
 * cross-origin script without `Timing-Allow-Origin` and an iframe with its own image.
 * A third listener (127.0.0.3) stands for a private address the page tries to reach.
 */

export const FIXTURE_SIZES = {
  style: 30_000,
  app: 50_000,
  worker: 2_000,
  workerData: 150_000,
  lazy: 300_000,
  late: 200_000,
  thirdParty: 80_000,
  frame: 5_000,
  frameImage: 120_000,
} as const;

const pad = (head: string, tail: string, total: number) =>
  head + 'x'.repeat(Math.max(0, total - head.length - tail.length)) + tail;
const svg = (total: number) =>
  pad(
    '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><!--',
    '--><rect width="8" height="8"/></svg>',
    total,
  );

export interface FixtureOrigin {
  url: string;
  /** Bytes written on every socket so far. */
  bytesSent(): number;
  /** Requests per path. */
  hits: Map<string, number>;
}

export interface LabFixture {
  a: FixtureOrigin;
  b: FixtureOrigin;
  secret: FixtureOrigin;
  /** Bytes A and B sent (the secret origin must never be reached). */
  bytesSent(): number;
  reset(): void;
  close(): Promise<void>;
}

export type Answer = {
  status?: number;
  type: string;
  body: string;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Instead of `body`: bytes written as fast as the client reads them, until it goes away. */
  endless?: boolean;
};

/** Writes 64 KB chunks on `res` as fast as its socket drains, until the socket closes. */
function writeEndlessly(res: ServerResponse): void {
  const chunk = Buffer.alloc(65_536, 'e');
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' });
  const pump = () => {
    while (!res.destroyed && res.write(chunk));
  };
  res.on('drain', pump);
  res.on('error', () => undefined);
  pump();
}

/**
 * A page that fetches N bytes (`/flood/N`, e.g. `/flood/120000000`) in one response, then keeps six
 * endless downloads open, each opened again (on a new connection) as soon as one is cut, while an
 * image that never arrives holds its load event: what a page does to go past a byte cap that stops
 * only the connections open when it is reached, and is checked only after the load wait.
 */
export const FLOOD_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>flood</title>
<link rel="icon" href="data:,"></head><body><p>flood</p><img src="/hold" alt=""><script>
let n = 0;
const drain = async (url) => {
  try { const r = await fetch(url, { cache: 'no-store' }); const reader = r.body.getReader(); for (;;) { const { done } = await reader.read(); if (done) break; } } catch {}
};
const endless = async () => { for (;;) { await drain('/endless?n=' + n++); await new Promise((r) => setTimeout(r, 10)); } };
drain('/sized/' + location.pathname.split('/')[2]).then(() => { for (let i = 0; i < 6; i++) endless(); });
</script></body></html>`;

/** `/flood/N`, `/sized/N`, `/endless` and `/hold` of FLOOD_PAGE, for any fixture origin. */
export function floodRoute(path: string): Answer | undefined {
  if (/^\/flood\/\d+$/.test(path)) return { type: 'text/html; charset=utf-8', body: FLOOD_PAGE };
  const sized = /^\/sized\/(\d+)$/.exec(path);
  if (sized) return { type: 'application/octet-stream', body: 's'.repeat(Number(sized[1])) };
  if (path === '/endless') return { type: 'application/octet-stream', body: '', endless: true };
  if (path === '/hold') return { type: 'image/svg+xml', body: svg(1_000), delayMs: 120_000 };
  return undefined;
}

/** A request handler answering `route`'s answers (404 when none), counting hits per path. */
export function fixtureHandler(route: (path: string) => Answer | undefined, hits: Map<string, number>) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    const path = url.pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const answer = route(path) ?? { status: 404, type: 'text/plain', body: 'not found' };
    if (answer.endless) {
      writeEndlessly(res);
      return;
    }
    const send = () => {
      res.writeHead(answer.status ?? 200, {
        'content-type': answer.type,
        'content-length': Buffer.byteLength(answer.body),
        'cache-control': 'no-store',
        ...answer.headers,
      });
      res.end(answer.body);
    };
    if (answer.delayMs) setTimeout(send, answer.delayMs).unref();
    else send();
  };
}

async function origin(
  host: string,
  route: (path: string) => Answer | undefined,
): Promise<FixtureOrigin & { server: Server; reset(): void }> {
  const sockets: Socket[] = [];
  let base = 0;
  const hits = new Map<string, number>();
  const server = createServer(fixtureHandler(route, hits));
  server.on('connection', (s) => sockets.push(s));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  const total = () => sockets.reduce((n, s) => n + s.bytesWritten, 0);
  return {
    server,
    url: `http://${host}:${port}`,
    hits,
    bytesSent: () => total() - base,
    reset: () => {
      base = total();
      hits.clear();
    },
  };
}

export async function startLabFixture(): Promise<LabFixture> {
  let bUrl = '';
  let secretUrl = '';
  const b = await origin('127.0.0.2', (path) => {
    if (path === '/third-party.js')
      return {
        type: 'text/javascript',
        body: pad('//', '\nwindow.thirdParty = true;', FIXTURE_SIZES.thirdParty),
      };
    if (path === '/frame.html')
      return {
        type: 'text/html; charset=utf-8',
        body: pad(
          '<!doctype html><title>frame</title><img src="/frame.svg" alt=""><!--',
          '-->',
          FIXTURE_SIZES.frame,
        ),
      };
    if (path === '/frame.svg') return { type: 'image/svg+xml', body: svg(FIXTURE_SIZES.frameImage) };
    return undefined;
  });
  bUrl = b.url;
  const secret = await origin('127.0.0.3', (path) =>
    path === '/secret.svg' ? { type: 'image/svg+xml', body: svg(1_000) } : undefined,
  );
  secretUrl = secret.url;
  const page = () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lab fixture</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/style.css">
<script src="/app.js"></script>
<script src="${bUrl}/third-party.js"></script>
</head><body><h1>Lab fixture</h1>
<iframe src="${bUrl}/frame.html" width="300" height="150" title="frame"></iframe>
<img src="${secretUrl}/secret.svg" alt="">
<div class="spacer"></div>
<img src="/lazy.svg" loading="lazy" width="8" height="8" alt="lazy">
</body></html>`;
  const a = await origin('127.0.0.1', (path): Answer | undefined => {
    if (path === '/' || path === '/page') return { type: 'text/html; charset=utf-8', body: page() };
    const flood = floodRoute(path);
    if (flood) return flood;
    if (path === '/style.css')
      return { type: 'text/css', body: pad('/*', '*/.spacer{height:6000px}', FIXTURE_SIZES.style) };
    if (path === '/app.js')
      return {
        type: 'text/javascript',
        body: pad(
          '//',
          "\nnew Worker('/worker.js');" +
            "\naddEventListener('load',()=>setTimeout(()=>fetch('/late.json').then(r=>r.text()),1000));",
          FIXTURE_SIZES.app,
        ),
      };
    if (path === '/worker.js')
      return {
        type: 'text/javascript',
        body: pad('//', "\nfetch('/worker-data.bin').then(r=>r.arrayBuffer());", FIXTURE_SIZES.worker),
      };
    if (path === '/worker-data.bin')
      return { type: 'application/octet-stream', body: 'w'.repeat(FIXTURE_SIZES.workerData) };
    if (path === '/lazy.svg') return { type: 'image/svg+xml', body: svg(FIXTURE_SIZES.lazy) };
    if (path === '/late.json')
      return { type: 'application/json', body: JSON.stringify('l'.repeat(FIXTURE_SIZES.late - 2)) };
    if (path === '/slow')
      return {
        type: 'text/html; charset=utf-8',
        body: '<!doctype html><title>slow</title><p>slow',
        delayMs: 3_000,
      };
    if (path === '/hang') return { type: 'text/html', body: 'never', delayMs: 120_000 };
    if (path === '/many')
      return {
        type: 'text/html; charset=utf-8',
        body: "<!doctype html><title>many</title><script>for(let i=0;i<150;i++)fetch('/tiny?i='+i)</script>",
      };
    if (path === '/tiny') return { type: 'text/plain', body: 't' };
    if (path === '/huge')
      return {
        type: 'text/html; charset=utf-8',
        body: "<!doctype html><title>huge</title><script>fetch('/blob').then(r=>r.arrayBuffer())</script>",
      };
    if (path === '/blob') return { type: 'application/octet-stream', body: 'b'.repeat(3_000_000) };
    if (path === '/missing')
      return { status: 404, type: 'text/html', body: '<!doctype html><title>404</title>' };
    if (path === '/to-private')
      return { status: 302, type: 'text/plain', body: '', headers: { location: `${secretUrl}/secret.svg` } };
    if (path === '/download')
      return {
        type: 'application/octet-stream',
        body: 'd'.repeat(10_000),
        headers: { 'content-disposition': 'attachment; filename="file.bin"' },
      };
    return undefined;
  });
  const all = [a, b, secret];
  return {
    a,
    b,
    secret,
    bytesSent: () => a.bytesSent() + b.bytesSent(),
    reset: () => {
      for (const o of all) o.reset();
    },
    close: async () => {
      await Promise.all(
        all.map(
          (o) =>
            new Promise<void>((resolve) => {
              o.server.closeAllConnections();
              o.server.close(() => resolve());
            }),
        ),
      );
    },
  };
}
