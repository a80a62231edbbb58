import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startNodeServer } from '../../src/entries/node/server.js';
import { browserTestsSkipped, launchChromium } from '../helpers/chromium.js';

// The Content-Security-Policy of `/` and `/docs`, enforced by a real browser (Debian's headless
// Chromium): the pages must work under it, with no violation reported. (/docs with every other
// origin unreachable: test/e2e/docs.test.ts.)

const SKIP = browserTestsSkipped('the CSP browser test');

let dir: string;
let api: RunningServer;
let context: BrowserContext;

beforeAll(async () => {
  if (SKIP) return;
  dir = mkdtempSync(join(tmpdir(), 'empreinte-csp-'));
  api = await startNodeServer({ port: 0, databaseUrl: `file:${join(dir, 'x.db')}` });
  context = await launchChromium(join(dir, 'profile'));
  // Every CSP violation the page reports, from the first script on.
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
    );
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await api?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function visit(path: string): Promise<{ page: Page; violations: string[]; csp: string | null }> {
  const page = await context.newPage();
  const res = await page.goto(`${api.url}${path}`, { waitUntil: 'load' });
  await page.waitForTimeout(300);
  const violations = await page.evaluate(() => (window as unknown as { violations: string[] }).violations);
  return { page, violations, csp: res?.headers()['content-security-policy'] ?? null };
}

describe.skipIf(SKIP)('Content-Security-Policy in headless Chromium', () => {
  it('/docs boots Swagger UI from scripts of its own origin, with no violation', async () => {
    const { page, violations, csp } = await visit('/docs');
    expect(csp).toContain("script-src 'self';");
    await page.waitForSelector('.opblock', { timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    expect(violations).toEqual([]);
    await page.close();
  });

  it('/docs blocks a script the policy does not name', async () => {
    const { page } = await visit('/docs');
    const blocked = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.injected = true';
      document.body.append(s);
      await new Promise((r) => setTimeout(r, 50));
      return {
        injected: (window as unknown as { injected?: boolean }).injected ?? false,
        violations: (window as unknown as { violations: string[] }).violations,
      };
    });
    expect(blocked.injected).toBe(false);
    expect(blocked.violations.join()).toContain('script-src');
    await page.close();
  });

  it('/ (the landing page, its assets and the badge) runs with no violation', async () => {
    const { page, violations, csp } = await visit('/');
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    await page.waitForTimeout(700); // the badge widget fetches and renders
    expect(violations).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    await page.close();
  });
});
