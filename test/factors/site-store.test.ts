import { migrate } from 'drizzle-orm/libsql/migrator';
import { beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, type NodeDatabase, openDatabase } from '../../src/entries/node/database.js';
import { createDrizzleSiteStore, type SiteStore } from '../../src/factors/site-store.js';

let database: NodeDatabase;
let store: SiteStore;
beforeEach(async () => {
  database = openDatabase(':memory:');
  await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
  store = createDrizzleSiteStore(database.db);
});

const page = (url: string, co2eG: number, measuredAt = '2026-01-01T00:00:00.000Z') => ({
  url,
  bytes: Math.round(co2eG * 1e6),
  model: 'swd-v4',
  co2eG,
  rating: 'A',
  measuredAt,
});

describe('the drizzle site store (libSQL)', () => {
  it('inserts, then replaces the measurement, counts it and keeps the first date', async () => {
    const first = await store.record(page('https://a.example/', 0.5, '2026-01-01T00:00:00.000Z'));
    expect(first).toEqual({
      url: 'https://a.example/',
      bytes: 500_000,
      model: 'swd-v4',
      co2eG: 0.5,
      rating: 'A',
      measurements: 1,
      firstMeasuredAt: '2026-01-01T00:00:00.000Z',
      measuredAt: '2026-01-01T00:00:00.000Z',
    });
    const second = await store.record({
      ...page('https://a.example/', 0.25, '2026-02-01T00:00:00.000Z'),
      rating: null,
    });
    expect(second).toMatchObject({
      bytes: 250_000,
      co2eG: 0.25,
      rating: null,
      measurements: 2,
      firstMeasuredAt: '2026-01-01T00:00:00.000Z',
      measuredAt: '2026-02-01T00:00:00.000Z',
    });
    const rows = await database.client.execute('SELECT count(*) AS n FROM sites');
    expect(Number(rows.rows[0]?.n)).toBe(1);
  });

  it('counts other pages and the strictly higher ones (ties are not higher)', async () => {
    for (const [url, g] of [
      ['https://a.example/1', 1],
      ['https://a.example/2', 2],
      ['https://a.example/2bis', 2],
      ['https://a.example/3', 3],
    ] as const) {
      await store.record(page(url, g));
    }
    expect(await store.find('https://a.example/2')).toMatchObject({ otherPages: 3, otherPagesHigher: 1 });
    expect(await store.find('https://a.example/1')).toMatchObject({ otherPages: 3, otherPagesHigher: 3 });
    expect(await store.find('https://a.example/3')).toMatchObject({ otherPages: 3, otherPagesHigher: 0 });
    expect(await store.find('https://a.example/none')).toBeNull();
    // a page not stored yet is compared with all of them; a stored one with the others
    expect(await store.ranking('https://new.example/', 2)).toEqual({ otherPages: 4, otherPagesHigher: 1 });
    expect(await store.ranking('https://a.example/3', 0)).toEqual({ otherPages: 3, otherPagesHigher: 3 });
    expect(await store.ranking('https://a.example/3', 5)).toEqual({ otherPages: 3, otherPagesHigher: 0 });
  });

  it('ranks an empty store as n = 0, k = 0', async () => {
    expect(await store.ranking('https://a.example/', 1)).toEqual({ otherPages: 0, otherPagesHigher: 0 });
  });
});
