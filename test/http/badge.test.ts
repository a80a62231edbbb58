import { beforeAll, describe, expect, it } from 'vitest';
import { RATING_COLORS } from '../../src/badge/svg.js';
import { BADGE_JS } from '../../src/badge/widget.generated.js';
import { nodeClientIp } from '../../src/entries/node/edge.js';
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

  it('draws the figure of a measured page (?url=), with ETag and Cache-Control', async () => {
    const t = await createTestApp({ deps: { clientIp: nodeClientIp(1) } });
    const url = 'https://badge.example/page';
    const measure = (ip: string, bytes: number, coverage?: number) =>
      t.post('/v1/sites/measurements', { url, bytes, coverage }, { 'x-forwarded-for': ip });
    const badge = async (query = '') => {
      const res = await t.request(
        `/v1/badge.svg?url=${encodeURIComponent('HTTPS://badge.example/page/')}${query}`,
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('public, max-age=300, stale-while-revalidate=86400');
      expect(res.headers.get('etag')).toMatch(/^"svg\./);
      return res.text();
    };

    // one client: the figure, marked "few samples"
    await measure('192.0.2.1', 100_000, 0.95);
    await measure('192.0.2.1', 269_905, 0.95); // the same client the same day: replaces its sample
    let svg = await badge();
    // 269,905 bytes × 148.2e-9 g = 0.0399999 g → "0.04 g · A+"
    expect(svg).toContain('aria-label="CO₂e/view: 0.04 g · A+ · few samples"');
    expect(svg).toContain('(https://badge.example/page); median of 1 sample of the last 30 days</title>');
    expect(svg).toContain(`fill="${RATING_COLORS['A+']}"`);

    // three clients: no mark; the median is 269,905
    await measure('192.0.2.2', 200_000, 0.9);
    await measure('192.0.2.3', 400_000, 0.85);
    svg = await badge();
    expect(svg).toContain('aria-label="CO₂e/view: 0.04 g · A+"');
    expect(svg).toContain('median of 3 samples of the last 30 days</title>');

    // median coverage under 0.8: a lower bound
    await measure('192.0.2.4', 300_000, 0.5);
    await measure('192.0.2.5', 300_000, 0.4);
    await measure('192.0.2.6', 300_000, 0.3);
    svg = await badge();
    // lower median over 6 clients: 200,000 269,905 [300,000] 300,000 300,000 400,000 → 300,000 bytes =
    // 0.0445 g: rating A; coverage 0.3 0.4 [0.5] 0.85 0.9 0.95 → 0.5, under 0.8
    expect(svg).toContain('aria-label="CO₂e/view: ≥ 0.04 g · A"');
    expect(svg).toContain('a lower bound: the size of some resources was not visible</title>');

    // the model of the read applies (onebyte: no rating)
    expect(await badge('&model=onebyte')).toMatch(/aria-label="CO₂e\/view: ≥ [\d.]+ g"/);
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
    ['?url=https://a.example/&model=swd-v9', ['model']],
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
