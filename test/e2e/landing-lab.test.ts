import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startNodeServer } from '../../src/entries/node/server.js';
import { targetPolicy } from '../../src/services/lab/target-policy.js';
import { browserTestsSkipped, CHROMIUM_PATH, launchChromium } from '../helpers/chromium.js';
import { type LabFixture, startLabFixture } from '../helpers/lab-fixture.js';

// The landing page's "Test a page by its URL" form in headless Chromium, against the real server
// whose lab (another Chromium) loads the fixture site; under the page's CSP ('self' only).

const SKIP = browserTestsSkipped('the landing page lab test');

/** The fixture's two loopback origins on any port; every other address under the strict rules. */
const FIXTURE_POLICY = targetPolicy({ allowAddresses: ['127.0.0.1', '127.0.0.2'], anyPort: true });

describe.skipIf(SKIP)('the landing page tests a page by its URL', { timeout: 120_000 }, () => {
  let dir: string;
  let fixture: LabFixture;
  let api: RunningServer;
  let context: BrowserContext;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'empreinte-landing-lab-'));
    fixture = await startLabFixture();
    api = await startNodeServer({
      port: 0,
      databaseUrl: `file:${join(dir, 'x.db')}`,
      lab: { chromium: { path: CHROMIUM_PATH }, policy: FIXTURE_POLICY, allowPrivate: false },
    });
    context = await launchChromium(join(dir, 'profile'));
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { violations: string[] }).violations = seen;
      document.addEventListener('securitypolicyviolation', (e) =>
        seen.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    await api?.close();
    await fixture?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('starts a test, shows its progress, then the result and the badge snippet of that page', async () => {
    const page = await context.newPage();
    await page.goto(`${api.url}/`, { waitUntil: 'load' });
    const pageUrl = `${fixture.a.url}/page`;
    await page.fill('#lab-url', `${pageUrl}/?from=landing`);
    const seen = new Set<string>();
    const watch = setInterval(() => {
      page
        .textContent('#lab-result')
        .then((t) => {
          if (t) seen.add(t.replace(/\(\d+ s\)/, '').trim());
        })
        .catch(() => undefined);
    }, 100);
    await page.click('#lab-test button[type=submit]');
    await page.waitForFunction(
      () => /g CO₂e per page view|failed/.test(document.querySelector('#lab-result')?.textContent ?? ''),
      undefined,
      { timeout: 90_000 },
    );
    clearInterval(watch);
    const lines = await page.$$eval('#lab-result p', (ps) => ps.map((p) => p.textContent ?? ''));
    expect(lines[0]).toMatch(/^[\d.]+ g CO₂e per page view — rating [A-F]\+?$/);
    expect(lines[1]).toMatch(
      /^[\d.]+ kB transferred in 10 requests \(\d+ % from other hosts\), measured in [\d.]+ s$/,
    );
    expect(lines[2]).toBe(`Page: ${pageUrl}`);
    expect([...seen].some((t) => t.startsWith('Queued…') || t.startsWith('Loading'))).toBe(true);

    expect(await page.isHidden('#lab-badge')).toBe(false);
    expect(await page.textContent('#lab-snippet')).toBe(
      `![CO₂e per view](${api.url}/v1/badge.svg?url=${encodeURIComponent(pageUrl)})`,
    );
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('#lab-badge-image');
      return Boolean(img?.complete && img.naturalWidth > 0);
    });
    // The preview is the page's own badge by URL (not the fallback by bytes): the finished test is
    // already the page's lab figure.
    expect(await page.getAttribute('#lab-badge-image', 'src')).toBe(
      `/v1/badge.svg?url=${encodeURIComponent(pageUrl)}`,
    );
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    await page.close();
  });

  it('shows the problem when the URL is refused', async () => {
    const page = await context.newPage();
    await page.goto(`${api.url}/`, { waitUntil: 'load' });
    await page.fill('#lab-url', 'ftp://example.org/file');
    await page.click('#lab-test button[type=submit]');
    await page.waitForFunction(() =>
      (document.querySelector('#lab-result')?.textContent ?? '').includes('url:'),
    );
    expect(await page.$$eval('#lab-result p', (ps) => ps.map((p) => p.textContent))).toEqual([
      '1 field is invalid: url.',
      "url: Only http and https URLs are accepted, not 'ftp:'.",
    ]);
    expect(await page.isHidden('#lab-badge')).toBe(true);
    await page.close();
  });
});
