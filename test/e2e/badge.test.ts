import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatGrams } from '../../src/badge/svg.js';
import { type RunningServer, startNodeServer } from '../../src/entries/node/server.js';
import { browserTestsSkipped, launchChromium } from '../helpers/chromium.js';

// The badge end to end: the real Node server (API) and a second origin serving a page that embeds
// <empreinte-badge>, in Debian's headless Chromium driven by playwright-core (never a downloaded browser).

const SKIP = browserTestsSkipped('the badge end-to-end test');

// Assets of known sizes served by the host page's origin.
const STYLE_BYTES = 20_000;
const SCRIPT_BYTES = 40_000;
const IMAGE_BYTES = 1_500_000;
const pad = (head: string, tail: string, total: number) =>
  head + 'x'.repeat(total - head.length - tail.length) + tail;
const ASSETS: Record<string, { type: string; body: string }> = {
  '/style.css': { type: 'text/css', body: pad('/*', '*/body{margin:0}', STYLE_BYTES) },
  '/app.js': { type: 'text/javascript', body: pad('//', '\nwindow.appLoaded=true;', SCRIPT_BYTES) },
  '/picture.svg': {
    type: 'image/svg+xml',
    body: pad(
      '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><!--',
      '--><rect width="8" height="8"/></svg>',
      IMAGE_BYTES,
    ),
  },
};
const OTHER_PAGE = 'https://other.example/landing';

function hostPage(api: string, page: string): string {
  if (page === '/broken.html') {
    // An API that does not answer: the badge must say so and throw nothing into the page.
    return `<!doctype html><html><head><meta charset="utf-8"><title>broken</title></head><body>
<script src="${api}/badge.js"></script><empreinte-badge api="http://127.0.0.1:9"></empreinte-badge></body></html>`;
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sample page</title>
<link rel="stylesheet" href="/style.css"></head>
<body><h1>A sample page</h1><img src="/picture.svg" alt="">
<footer><empreinte-badge id="self"></empreinte-badge>
<empreinte-badge id="dark" theme="dark"></empreinte-badge>
<empreinte-badge id="other" url="${OTHER_PAGE}" theme="light"></empreinte-badge></footer>
<script src="/app.js"></script>
<script src="${api}/badge.js" async></script>
</body></html>`;
}

/** The host origin, with a strict CSP: no inline script or style, connections to the API only. */
function startHost(api: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string;
    const asset = ASSETS[path];
    if (asset) {
      res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-store' });
      res.end(asset.body);
      return;
    }
    if (path === '/page.html' || path === '/broken.html') {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': `default-src 'self'; script-src 'self' ${api}; connect-src ${api}; style-src 'self'; img-src 'self'`,
      });
      res.end(hostPage(api, path));
      return;
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Waits until a badge shows a final state, and returns its text and the link's theme class. */
async function badgeState(page: Page, id: string) {
  await page.waitForFunction(
    (selector) => {
      const text = document.querySelector(selector)?.shadowRoot?.textContent ?? '';
      return text.includes('CO₂e/view') || text.includes('No result');
    },
    `#${id}`,
    { timeout: 15_000 },
  );
  return page.evaluate((selector) => {
    const root = document.querySelector(selector)?.shadowRoot;
    const link = root?.querySelector('a');
    return {
      bold: root?.querySelector('b')?.textContent ?? '',
      small: root?.querySelector('small')?.textContent ?? '',
      rating: root?.querySelector('i')?.textContent ?? null,
      theme: link?.className ?? '',
      href: link?.getAttribute('href') ?? '',
      // the badge's own styles applied despite the page's CSP (constructed stylesheet)
      radius: link ? getComputedStyle(link).borderTopLeftRadius : '',
    };
  }, `#${id}`);
}

describe.skipIf(SKIP)('<empreinte-badge> in headless Chromium', () => {
  let dir: string;
  let api: RunningServer;
  let host: Server;
  let hostUrl: string;
  let context: BrowserContext;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'empreinte-e2e-'));
    api = await startNodeServer({ port: 0, databaseUrl: `file:${join(dir, 'x.db')}` });
    host = await startHost(api.url);
    hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    context = await launchChromium(join(dir, 'profile'));
    context.on('weberror', (e) => pageErrors.push(String(e.error())));
    // Another page, measured earlier, for the badge with a `url` attribute.
    await fetch(`${api.url}/v1/sites/measurements`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: OTHER_PAGE, bytes: 1_000_000, coverage: 0.5 }),
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (host) await new Promise((resolve) => host.close(resolve));
    await api?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('measures the page once its network is quiet, records it, renders the footprint, then the cache on reload', async () => {
    const page = await context.newPage();
    const apiRequests: string[] = [];
    const sent: unknown[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(api.url)) apiRequests.push(`${r.method()} ${r.url().slice(api.url.length)}`);
      if (r.method() === 'POST') sent.push(r.postDataJSON());
    });
    await page.goto(`${hostUrl}/page.html#reviews`);
    const self = await badgeState(page, 'self');

    // The stored measurement: the page URL without its hash, and the bytes the browser transferred.
    const res = await fetch(`${api.url}/v1/sites?url=${encodeURIComponent(`${hostUrl}/page.html`)}`);
    expect(res.status).toBe(200);
    const site = await res.json();
    const html = Buffer.byteLength(hostPage(api.url, '/page.html'));
    const bodies = html + STYLE_BYTES + SCRIPT_BYTES + IMAGE_BYTES;
    // transferSize = body + response headers (a few hundred bytes each); badge.js and the API excluded
    expect(site.bytes).toBeGreaterThanOrEqual(bodies);
    expect(site.bytes).toBeLessThan(bodies + 4 * 400);
    expect(site.measurements).toBe(1);
    expect(site.url).toBe(`${hostUrl}/page.html`);
    // every resource of this page is same-origin and uncached: full coverage, a first view
    expect(sent).toEqual([{ url: `${hostUrl}/page.html`, bytes: site.bytes, coverage: 1, first_view: true }]);
    expect(site).toMatchObject({ coverage: 1, clients: 1 });
    console.log(
      `Chromium badge: "${self.bold}" | "${self.small}" | rating ${self.rating} — page measured at ${site.bytes} bytes ` +
        `(bodies ${bodies} B)`,
    );

    expect(self.bold).toBe(`${formatGrams(site.co2e_g)} g CO₂e/view`);
    // one visitor so far: the figure is marked
    expect(self.small).toBe(
      `Cleaner than ${Math.round(site.cleaner_than * 100)}% of pages tested · few samples`,
    );
    expect(self.rating).toBe(site.rating);
    expect(self.href).toBe(`${api.url}/#methodology`);
    expect(self.theme).toBe('l'); // no theme attribute: prefers-color-scheme (light here)
    expect(self.radius).toBe('6px');
    // One POST for the two badges measuring this page; the url= badge reads the other page.
    expect(apiRequests.filter((r) => r.startsWith('POST'))).toEqual(['POST /v1/sites/measurements']);
    expect(apiRequests).toContain(`GET /v1/sites?url=${encodeURIComponent(OTHER_PAGE)}`);

    const dark = await badgeState(page, 'dark');
    expect(dark.theme).toBe('d');
    expect(dark.bold).toBe(self.bold);
    const other = await badgeState(page, 'other');
    // 1,000,000 bytes: 0.001 GB × 148.2 g/GB = 0.1482 g → "0.15 g", rating C; coverage 0.5 → a lower bound
    expect(other).toMatchObject({ bold: '≥ 0.15 g CO₂e/view', rating: 'C', theme: 'l' });

    // Reload with the API's measurement route blocked: the cached answer renders at once, no POST.
    apiRequests.length = 0;
    let blocked = 0;
    await page.route(`${api.url}/v1/sites/**`, (route) => {
      blocked++;
      return route.abort();
    });
    await page.reload();
    const cached = await badgeState(page, 'self');
    expect(cached).toEqual(self);
    expect(await badgeState(page, 'other')).toEqual(other);
    expect(blocked).toBe(0);
    expect(apiRequests.filter((r) => r.includes('/v1/'))).toEqual([]);
    const after = await (
      await fetch(`${api.url}/v1/sites?url=${encodeURIComponent(`${hostUrl}/page.html`)}`)
    ).json();
    expect(after.measurements).toBe(1);

    // Dark colour scheme, no theme attribute → dark.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    expect((await badgeState(page, 'self')).theme).toBe('d');
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it('runs the landing page under its CSP: the live estimate form, its own badge and the SVG badge', async () => {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${api.url}/`);
    await page.fill('#bytes', '2366464');
    await page.fill('#visitor_country', 'FR');
    await page.click('button[type=submit]');
    await page.waitForFunction(() =>
      document.querySelector('#estimate-result')?.textContent?.includes('per page view'),
    );
    const result = await page.textContent('#estimate-result');
    // 2,366,464 bytes, visitors in France (44.18 g/kWh on network and device), data centre at 494:
    // 0.002366464 × (0.055·494 + 0.059·44.18 + 0.080·44.18 + 0.106·494) = 0.1975… g
    const expected = await (
      await fetch(`${api.url}/v1/estimates/website?bytes=2366464&visitor_country=FR`)
    ).json();
    expect(expected.per_view.co2e_g).toBeCloseTo(0.002366464 * (0.161 * 494 + 0.139 * 44.18), 12);
    expect(result).toContain(
      `${expected.per_view.co2e_g.toLocaleString('en', { maximumSignificantDigits: 3 })} g CO₂e per page view — rating ${expected.rating}`,
    );
    await page.waitForFunction(() =>
      (document.querySelector('empreinte-badge')?.shadowRoot?.textContent ?? '').includes('CO₂e/view'),
    );
    expect(
      await page.evaluate(() => (document.querySelector('img') as HTMLImageElement).naturalWidth),
    ).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows "No result" when the API does not answer, without throwing into the page', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${hostUrl}/broken.html`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.waitForFunction(
      () => (document.querySelector('empreinte-badge')?.shadowRoot?.textContent ?? '').includes('No result'),
      undefined,
      { timeout: 15_000 },
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});
