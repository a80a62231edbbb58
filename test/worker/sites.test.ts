import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { BADGE_JS } from '../../src/badge/widget.generated.js';

// Site measurements through the Worker's fetch handler, inside workerd, stored in D1.
const measure = (url: string, bytes: number) =>
  exports.default.fetch('http://empreinte.test/v1/sites/measurements', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ url, bytes }),
  });

interface Site {
  url: string;
  bytes: number;
  co2e_g: number;
  rating: string;
  cleaner_than: number;
  measurements: number;
}

describe('site measurements on the Worker (workerd + D1)', () => {
  it('round-trip: 201, then 200 counted, read back, drawn as a badge, stored as one D1 row', async () => {
    const first = await measure('HTTPS://Edge.Example/Home/?utm=1', 2_366_464);
    expect(first.status).toBe(201);
    expect(await first.json<Site>()).toMatchObject({
      url: 'https://edge.example/Home',
      bytes: 2_366_464,
      rating: 'E',
      cleaner_than: 0.5,
      measurements: 1,
    });
    const second = await measure('https://edge.example/Home/', 1_000_000);
    expect(second.status).toBe(200);
    expect(await second.json<Site>()).toMatchObject({ bytes: 1_000_000, measurements: 2 });

    const read = await exports.default.fetch(
      `http://empreinte.test/v1/sites?url=${encodeURIComponent('https://edge.example/Home#x')}`,
    );
    expect(read.status).toBe(200);
    const site = await read.json<Site>();
    // 1,000,000 bytes swd-v4: 0.001 GB × 148.2 = 0.1482 g
    expect(site.co2e_g).toBeCloseTo(0.1482, 12);
    expect(site).toMatchObject({ url: 'https://edge.example/Home', rating: 'C', measurements: 2 });

    const badge = await exports.default.fetch(
      `http://empreinte.test/v1/badge.svg?url=${encodeURIComponent('https://edge.example/Home')}`,
    );
    expect(badge.status).toBe(200);
    expect(badge.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(await badge.text()).toContain('aria-label="CO₂e/view: 0.15 g · C"');

    const row = await env.DB.prepare('SELECT url, bytes, measurements FROM sites WHERE url = ?')
      .bind('https://edge.example/Home')
      .first<{ url: string; bytes: number; measurements: number }>();
    expect(row).toEqual({ url: 'https://edge.example/Home', bytes: 1_000_000, measurements: 2 });
  });

  it('counts 30 concurrent measurements of one URL on D1 (no lost update)', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const res = await measure('https://edge.example/busy', 10_000);
        await res.arrayBuffer();
        return res.status;
      }),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    const row = await env.DB.prepare('SELECT measurements FROM sites WHERE url = ?')
      .bind('https://edge.example/busy')
      .first<{ measurements: number }>();
    expect(row?.measurements).toBe(30);
  });

  it('ranks against the other pages stored in D1, and writes nothing for a rejected request', async () => {
    const before = await env.DB.prepare('SELECT count(*) AS n FROM sites').first<{ n: number }>();
    const bad = await measure('ftp://edge.example/', -1);
    expect(bad.status).toBe(400);
    const after = await env.DB.prepare('SELECT count(*) AS n FROM sites').first<{ n: number }>();
    expect(after?.n).toBe(before?.n);

    const heavy = await measure('https://edge.example/heavy', 50_000_000);
    const site = await heavy.json<Site>();
    // every other stored page is lighter: k = 0; n ≥ 2 so w > 0 and the share is just under the reference
    expect(site.cleaner_than).toBeLessThan(0.01);
    expect(heavy.status).toBe(201);
  });
});

describe('badge assets on the Worker (no file system: served from the generated modules)', () => {
  it('serves badge.js, the landing page and its script', async () => {
    const script = await exports.default.fetch('http://empreinte.test/badge.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe(BADGE_JS);
    const page = await exports.default.fetch('https://empreinte.example/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(
      '&#60;script src=&#34;https://empreinte.example/badge.js&#34; async&#62;',
    );
    expect((await exports.default.fetch('http://empreinte.test/assets/landing.js')).status).toBe(200);
  });
});
