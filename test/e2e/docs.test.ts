import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startNodeServer } from '../../src/entries/node/server.js';
import { browserTestsSkipped, launchChromium } from '../helpers/chromium.js';

// /docs in headless Chromium with every origin but the API's unreachable (each such request is
// aborted and recorded): Swagger UI, its stylesheet and its boot script come from the API itself
// (swagger-ui-dist, pinned), so the reference lists every operation of openapi.json.

const SKIP = browserTestsSkipped('the /docs browser test');
const openapi = JSON.parse(readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8')) as {
  paths: Record<string, Record<string, { operationId: string }>>;
};
const operationCount = Object.values(openapi.paths).reduce((n, item) => n + Object.keys(item).length, 0);

let dir: string;
let api: RunningServer;
let context: BrowserContext;
const elsewhere: string[] = [];

beforeAll(async () => {
  if (SKIP) return;
  dir = mkdtempSync(join(tmpdir(), 'empreinte-docs-'));
  api = await startNodeServer({ port: 0, databaseUrl: `file:${join(dir, 'x.db')}` });
  context = await launchChromium(join(dir, 'profile'));
  const self = new URL(api.url).origin;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin === self) return route.continue();
    elsewhere.push(url);
    return route.abort('internetdisconnected');
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await api?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(SKIP)('/docs offline', () => {
  it('shows every operation, loading nothing from another origin', async () => {
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const res = await page.goto(`${api.url}/docs`, { waitUntil: 'load' });
    expect(res?.status()).toBe(200);
    await page.waitForSelector('.opblock', { timeout: 15_000 });
    const shown = await page.$$eval('.opblock', (blocks) =>
      blocks.map((b) => b.querySelector('.opblock-summary-path')?.getAttribute('data-path')),
    );
    expect(shown).toHaveLength(operationCount);
    expect(shown).toContain('/v1/estimates/server');
    expect(shown).toContain('/v1/sites/measurements');
    expect(await page.textContent('.info .title')).toContain('Empreinte API');
    // "Try it out" calls the server the page came from, listed first.
    const servers = await page.$$eval('.servers select option', (options) =>
      options.map((o) => o.textContent),
    );
    expect(servers[0]).toContain(api.url);
    expect(await page.getAttribute('header.empreinte-docs a[href="/methodology"]', 'href')).toBe(
      '/methodology',
    );
    expect(elsewhere).toEqual([]);
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
