import { beforeAll, describe, expect, it } from 'vitest';
import { RATING_COLORS } from '../../src/badge/svg.js';
import { BADGE_JS } from '../../src/badge/widget.generated.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

describe('GET /v1/badge.svg', () => {
  it('draws the estimate of a page weight (?bytes=), cached for a day', async () => {
    const res = await t.request('/v1/badge.svg?bytes=2366464');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const svg = await res.text();
    // 2,366,464 bytes swd-v4 = 0.3507 g → "0.35 g · E"
    expect(svg).toContain('aria-label="CO₂e/view: 0.35 g · E"');
    expect(svg).toContain(`fill="${RATING_COLORS.E}"`);

    const v3 = await (await t.request('/v1/badge.svg?bytes=2366464&model=swd-v3')).text();
    const e3 = await t.json(await t.request('/v1/estimates/website?bytes=2366464&model=swd-v3'));
    expect(v3).toContain(`fill="${RATING_COLORS[e3.rating as keyof typeof RATING_COLORS]}"`);
    const one = await (await t.request('/v1/badge.svg?bytes=2366464&model=onebyte')).text();
    expect(one).toContain(`fill="${RATING_COLORS.none}"`);
    expect(one).toMatch(/aria-label="CO₂e\/view: [\d.]+ g"/);
  });

  it('draws the latest measurement of a page (?url=), cached for 5 minutes', async () => {
    await t.post('/v1/sites/measurements', { url: 'https://badge.example/page', bytes: 100_000 });
    await t.post('/v1/sites/measurements', { url: 'https://badge.example/page', bytes: 269_905 });
    const res = await t.request(`/v1/badge.svg?url=${encodeURIComponent('HTTPS://badge.example/page/')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const svg = await res.text();
    // 269,905 bytes × 148.2e-9 g = 0.0399999 g → "0.04 g · A+"
    expect(svg).toContain('aria-label="CO₂e/view: 0.04 g · A+"');
    expect(svg).toContain('(https://badge.example/page)</title>');
    expect(svg).toContain(`fill="${RATING_COLORS['A+']}"`);
  });

  it('answers 404 problem+json for a page never measured', async () => {
    const res = await t.request('/v1/badge.svg?url=https://never.example/');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await t.json(res)).toMatchObject({ type: '/problems/not-found', status: 404 });
  });

  it.each([
    ['', ['bytes', 'url']],
    ['?bytes=1000&url=https://a.example/', ['bytes', 'url']],
    ['?url=https://a.example/&model=swd-v3', ['model']],
    ['?bytes=-5&model=swd-v9', ['bytes', 'model']],
    ['?url=javascript:alert(1)', ['url']],
    ['?bytes=abc', ['bytes']],
  ])('refuses %s listing %j (400)', async (query, paths) => {
    const res = await t.request(`/v1/badge.svg${query}`);
    expect(res.status).toBe(400);
    const problem = await t.json(res);
    expect([...new Set(problem.errors.map((e: { path: string }) => e.path))].sort()).toEqual(paths);
  });
});

describe('GET /badge.js', () => {
  it('serves the generated widget as a cacheable script', async () => {
    const res = await t.request('/badge.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.text()).toBe(BADGE_JS);
  });
});
