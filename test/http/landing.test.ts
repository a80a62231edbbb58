import { beforeAll, describe, expect, it } from 'vitest';
import { renderOpenApiDocument } from '../../scripts/openapi-file.js';
import { LANDING_JS } from '../../src/badge/landing.generated.js';
import { LANDING_CSS } from '../../src/http/routes/landing/landing-page.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

describe('GET /', () => {
  it('presents Empreinte, links to /docs, and carries the form, the snippet and the badge', async () => {
    const res = await t.request('http://api.example.org/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<a href="/docs">');
    expect(html).toContain('<form id="estimate">');
    expect(html).toContain('name="bytes"');
    expect(html).toContain('<output id="estimate-result"');
    // the snippet names the origin the API was reached at, escaped
    expect(html).toContain(
      '&#60;script src=&#34;http://api.example.org/badge.js&#34; async&#62;&#60;/script&#62;\n&#60;empreinte-badge&#62;&#60;/empreinte-badge&#62;',
    );
    expect(html).toContain('<empreinte-badge></empreinte-badge>');
    expect(html).toContain('<img src="/v1/badge.svg?bytes=2366464"');
    expect(html).toContain('id="methodology"');
  });

  it('has no inline script or style (its scripts and styles are same-origin files)', async () => {
    const html = await (await t.request('/')).text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((m) => /src="([^"]+)"/.exec(m[1] ?? '')?.[1])).toEqual([
      '/badge.js',
      '/assets/landing.js',
    ]);
    for (const m of scripts) expect(m[2]).toBe('');
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(html).toContain('<link rel="stylesheet" href="/assets/landing.css">');
  });

  it('serves its script and stylesheet', async () => {
    const js = await t.request('/assets/landing.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe(LANDING_JS);
    expect(LANDING_JS).toContain('/v1/estimates/website?');
    const css = await t.request('/assets/landing.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toBe(LANDING_CSS);
  });
});

describe('OpenAPI', () => {
  it('documents the site, badge and landing routes with their media types', () => {
    const doc = JSON.parse(renderOpenApiDocument());
    const media = (path: string, method: string, status: string) =>
      Object.keys(doc.paths[path]?.[method]?.responses?.[status]?.content ?? {});
    expect(media('/v1/sites/measurements', 'post', '201')).toEqual(['application/json']);
    expect(media('/v1/sites/measurements', 'post', '200')).toEqual(['application/json']);
    expect(media('/v1/sites', 'get', '200')).toEqual(['application/json']);
    expect(media('/v1/sites', 'get', '404')).toEqual(['application/problem+json']);
    expect(media('/v1/badge.svg', 'get', '200')).toEqual(['image/svg+xml']);
    expect(media('/badge.js', 'get', '200')).toEqual(['text/javascript']);
    expect(media('/', 'get', '200')).toEqual(['text/html']);
    expect(media('/assets/landing.js', 'get', '200')).toEqual(['text/javascript']);
    expect(media('/assets/landing.css', 'get', '200')).toEqual(['text/css']);
    expect(doc.components.schemas.Site.required).toEqual([
      'url',
      'bytes',
      'model',
      'co2e_g',
      'rating',
      'cleaner_than',
      'measured_at',
      'measurements',
      'source',
      'coverage',
      'clients',
      'window_days',
    ]);
    // each figure's block is there only when the page has that figure
    expect(Object.keys(doc.components.schemas.Site.properties)).toEqual(
      expect.arrayContaining(['field', 'lab']),
    );
    expect(doc.components.schemas.Site.properties.source.enum).toEqual(['field', 'lab']);
    expect(doc.components.schemas.SiteMeasurementRequest.required).toEqual(['url', 'bytes']);
    expect(Object.keys(doc.components.schemas.SiteMeasurementRequest.properties)).toEqual([
      'url',
      'bytes',
      'coverage',
      'first_view',
    ]);
    expect(Object.keys(doc.paths['/v1/sites/measurements'].post.responses)).toContain('403');
    const params = doc.paths['/v1/badge.svg'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(['url', 'bytes', 'model']);
    const siteParams = doc.paths['/v1/sites'].get.parameters.map((p: { name: string }) => p.name);
    expect(siteParams).toEqual(['url', 'model']);
  });
});
