import { SELF } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DOCS_CSP } from '../../src/http/edge/csp.js';

// /docs on the Worker: the page and its boot script come from the app; Swagger UI's files are
// Workers static assets ([assets] in wrangler.toml), answered by Cloudflare before the Worker runs
// and never part of its bundle. The test pool's SELF calls the Worker directly, so the assets are
// read through their binding (the asset server a deployed Worker sits behind).

describe('/docs on the Worker', () => {
  it('serves the page under its self-only CSP, and its boot script, from the app', async () => {
    const page = await SELF.fetch('http://empreinte.test/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(DOCS_CSP);
    expect(await page.text()).toContain('<script src="/docs/swagger-ui-bundle.js"');
    const boot = await SELF.fetch('http://empreinte.test/docs/docs.js');
    expect(boot.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await boot.text()).toContain('SwaggerUIBundle(');
  });

  it('serves Swagger UI from static assets as UTF-8, with nosniff', async () => {
    const assets = env.ASSETS as Fetcher;
    const js = await assets.fetch('http://empreinte.test/docs/swagger-ui-bundle.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    // The app does not answer it (it has no swagger-ui-dist on Workers): no request id.
    expect(js.headers.get('x-request-id')).toBeNull();
    const text = await js.text();
    expect(text.length).toBeGreaterThan(1_000_000);
    expect(text).toContain('SwaggerUIBundle');
    const css = await assets.fetch('http://empreinte.test/docs/swagger-ui.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    // Only the two files are assets: anything else under /docs/ falls through to the app, a 404.
    expect((await assets.fetch('http://empreinte.test/docs/package.json')).status).toBe(404);
    const missing = await SELF.fetch('http://empreinte.test/docs/package.json');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
  });
});
