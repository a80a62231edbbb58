import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase } from '../../src/entries/node/database.js';
import { startNodeServer } from '../../src/entries/node/server.js';
import { createDrizzleSiteStore, type SiteStore } from '../../src/factors/site-store.js';
import { utcDay, windowStartDay } from '../../src/models/site-figure.js';
import { recordSiteLabResult } from '../../src/services/site-lab-result.js';
import { readSite } from '../../src/services/site-measurement.js';
import { pruneSites } from '../../src/services/site-retention.js';
import { createTestApp } from '../helpers/app.js';

const NOW = new Date('2026-05-04T12:00:00.000Z');
const TODAY = utcDay(NOW.getTime());

/** A field sample of `url` measured `daysAgo` days before NOW, by `client`. */
function measure(store: SiteStore, url: string, daysAgo: number, bytes: number, client = 'c') {
  const day = TODAY - daysAgo;
  return store.recordField({
    url,
    bytes,
    coverage: null,
    firstView: null,
    client,
    day,
    windowStartDay: windowStartDay(day),
    newPagesPerDay: 200,
    measuredAt: new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString(),
  });
}

async function memoryStore() {
  const database = openDatabase(':memory:');
  await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { database, store: createDrizzleSiteStore(database.db) };
}

describe('pruneSites (the retention job)', () => {
  it('slides the 30-day window, keeps pages with no recent sample, drops them after 400 days', async () => {
    const { database, store } = await memoryStore();
    await measure(store, 'https://fresh.example/', 0, 1_000_000, 'a');
    await measure(store, 'https://fresh.example/', 29, 3_000_000, 'b'); // first day of the window: kept
    await measure(store, 'https://fresh.example/', 30, 9_000_000, 'c'); // just out of it
    await measure(store, 'https://quiet.example/', 45, 500_000);
    await measure(store, 'https://gone.example/', 401, 800_000);
    await measure(store, 'https://kept.example/', 400, 800_000);
    // ranked by 3 clients of one day: today's, and one whose day (31 days ago) leaves the window
    for (const client of ['r1', 'r2', 'r3'])
      await measure(store, 'https://ranked.example/', 0, 2_000_000, client);
    for (const client of ['f1', 'f2', 'f3'])
      await measure(store, 'https://faded.example/', 31, 4_000_000, client);
    expect(await store.find('https://faded.example/')).toMatchObject({ ranked: true, distributionPages: 2 });

    const passes: number[] = [];
    const done = await pruneSites(store, NOW, { pagesPerPass: 1, pause: async () => void passes.push(1) });
    expect(done).toEqual({ recomputed: 4, dropped: 1 });
    expect(passes.length).toBeGreaterThanOrEqual(4);

    // 1 MB (today) and 3 MB (29 days ago): the lower, 1 MB (with the 9 MB of 30 days ago it would be 3 MB)
    expect(await store.find('https://fresh.example/')).toMatchObject({
      fieldBytes: 1_000_000,
      fieldClients: 2,
      ranked: false,
    });
    expect(await store.find('https://faded.example/')).toMatchObject({
      fieldBytes: 4_000_000,
      fieldClients: 0,
      ranked: false,
    });
    expect(await store.find('https://quiet.example/')).toMatchObject({
      fieldBytes: 500_000,
      fieldClients: 0,
    });
    expect(await store.find('https://kept.example/')).toMatchObject({ fieldBytes: 800_000, fieldClients: 0 });
    expect(await store.find('https://gone.example/')).toBeNull();
    const days = (await database.client.execute('SELECT day FROM site_samples ORDER BY day')).rows.map(
      (r) => r.day,
    );
    expect(days).toEqual([TODAY - 29, TODAY, TODAY, TODAY, TODAY]);
    expect(await pruneSites(store, NOW)).toEqual({ recomputed: 0, dropped: 0 });
    // the distribution counts the one page still ranked (3 clients today)
    expect((await store.find('https://fresh.example/'))?.distributionPages).toBe(1);
    expect(await store.find('https://ranked.example/')).toMatchObject({ ranked: true, distributionPages: 1 });
  });

  it('keeps a lab-only page served from its lab test once the sample left the window, drops it 400 days after', async () => {
    const t = await createTestApp();
    const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();
    await recordSiteLabResult(t.sites, 'https://lab.example/', { bytes: 700_000, tested_at: daysAgo(45) });
    await recordSiteLabResult(t.sites, 'https://lab.example/gone', {
      bytes: 700_000,
      tested_at: daysAgo(401),
    });
    expect(await pruneSites(t.sites, NOW)).toEqual({ recomputed: 1, dropped: 1 });
    const catalog = await t.catalog.get();
    expect((await readSite(catalog, t.sites, 'https://lab.example/', 'swd-v4'))?.site).toMatchObject({
      source: 'lab',
      bytes: 700_000,
      lab: { bytes: 700_000, tested_at: daysAgo(45) },
    });
    expect(await readSite(catalog, t.sites, 'https://lab.example/gone', 'swd-v4')).toBeNull();
    const samples = await t.database.client.execute('SELECT count(*) AS n FROM site_samples');
    expect(Number(samples.rows[0]?.n)).toBe(0);
  });

  it('stops after maxPages (the Worker bounds each Cron run); the next run continues', async () => {
    const { store } = await memoryStore();
    for (let i = 0; i < 5; i++) await measure(store, `https://p.example/${i}`, 31, 1000);
    expect(await pruneSites(store, NOW, { pagesPerPass: 2, maxPages: 3 })).toEqual({
      recomputed: 4,
      dropped: 0,
    });
    expect(await pruneSites(store, NOW, { pagesPerPass: 2, maxPages: 3 })).toEqual({
      recomputed: 1,
      dropped: 0,
    });
  });
});

describe('the Node server runs the retention job on its timer', () => {
  it('prunes samples that left the window without a request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'empreinte-retention-'));
    const server = await startNodeServer({
      port: 0,
      databaseUrl: `file:${join(dir, 'r.db')}`,
      siteRetentionIntervalMs: 200,
    });
    try {
      const store = createDrizzleSiteStore(server.database.db);
      const real = new Date();
      const today = utcDay(real.getTime());
      await store.recordField({
        url: 'https://timer.example/',
        bytes: 1000,
        coverage: null,
        firstView: null,
        client: 'c',
        day: today - 40,
        windowStartDay: today - 69,
        newPagesPerDay: 200,
        measuredAt: real.toISOString(),
      });
      const count = async () =>
        Number((await server.database.client.execute('SELECT count(*) AS n FROM site_samples')).rows[0]?.n);
      expect(await count()).toBe(1);
      const until = Date.now() + 10_000;
      while ((await count()) > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      expect(await count()).toBe(0);
      const res = await fetch(`${server.url}/v1/sites?url=${encodeURIComponent('https://timer.example/')}`);
      expect(await res.json()).toMatchObject({ bytes: 1000, clients: 0 });
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
