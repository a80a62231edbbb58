import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, tuneDatabase } from '../../src/entries/node/database.js';
import { openPreparedConnection } from '../../src/entries/node/prepared-connection.js';
import { createDrizzleSiteStore } from '../../src/factors/site-store.js';

const dir = mkdtempSync(join(tmpdir(), 'empreinte-prepared-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A migrated database file, tuned as the server tunes it, and its prepared connection. */
async function migratedFile(name: string) {
  const url = `file:${join(dir, name)}`;
  const database = openDatabase(url);
  await tuneDatabase(database, url);
  await migrateDatabase(database);
  const prepared = openPreparedConnection(url);
  if (!prepared) throw new Error('no prepared connection for a file');
  return { database, prepared };
}

describe('the prepared connection of an embedded file', () => {
  it('is only opened for a file: a second connection to :memory: or a server would be another database', () => {
    expect(openPreparedConnection('file::memory:')).toBeUndefined();
    expect(openPreparedConnection(':memory:')).toBeUndefined();
    expect(openPreparedConnection('libsql://example.turso.io')).toBeUndefined();
  });

  it('writes and reads the site store, its statements run again with new values', async () => {
    const { database, prepared } = await migratedFile('sites.db');
    const sites = createDrizzleSiteStore(database.db, { prepared });
    try {
      const page = 'https://reader.example/page';
      expect(await sites.find(page)).toBeNull();
      const input = {
        url: page,
        coverage: 0.9,
        firstView: true,
        day: 20_000,
        windowStartDay: 19_971,
        measuredAt: '2024-10-04T12:00:00.000Z',
        newPagesPerDay: 100,
      };
      for (const [client, bytes] of [
        ['a', 1_000_000],
        ['b', 3_000_000],
        ['c', 2_000_000],
      ] as const) {
        await sites.recordField({ ...input, client, bytes });
        // The same prepared statements, run again, write and read the next sample.
        const read = await sites.find(page);
        expect(read?.measurements).toBe(client === 'a' ? 1 : client === 'b' ? 2 : 3);
      }
      const read = await sites.find(page);
      expect(read).toMatchObject({ fieldBytes: 2_000_000, fieldClients: 3, distributionPages: 1 });
      expect(prepared.all('SELECT count(*) AS n FROM site_samples', [])).toEqual([{ n: 3 }]);
      // Committed: the main connection sees them too.
      const main = await database.client.execute('SELECT count(*) AS n FROM site_samples');
      expect(Number(main.rows[0]?.n)).toBe(3);
    } finally {
      prepared.close();
      database.client.close();
    }
  });

  it('rolls a failed transaction back whole: nothing half-written stays', async () => {
    const { database, prepared } = await migratedFile('rollback.db');
    try {
      const insert = {
        sql: `INSERT INTO site_pages (url, measurements, first_measured_at, measured_at, last_day, version)
          VALUES (?, 1, '2024-10-04T12:00:00.000Z', '2024-10-04T12:00:00.000Z', 20000, 1)`,
        params: ['https://rollback.example/'],
      };
      const insertPage = (run: (sql: string, params: readonly unknown[]) => unknown) =>
        run(insert.sql, insert.params);
      expect(() =>
        prepared.transaction((run) => {
          insertPage(run);
          return run('INSERT INTO no_such_table VALUES (?)', [1]);
        }),
      ).toThrow(/no_such_table/);
      expect(() =>
        prepared.transaction((run) => {
          insertPage(run);
          insertPage(run);
        }),
      ).toThrow(/UNIQUE/);
      // What runs between the statements (the figure a measurement computes) may throw too.
      expect(() =>
        prepared.transaction((run) => {
          insertPage(run);
          throw new Error('the page vanished');
        }),
      ).toThrow('the page vanished');
      expect(prepared.all('SELECT count(*) AS n FROM site_pages', [])).toEqual([{ n: 0 }]);
      // The connection is usable again after the rollbacks.
      expect(prepared.transaction((run) => [insertPage(run), run('SELECT url FROM site_pages', [])])).toEqual(
        [[], [{ url: 'https://rollback.example/' }]],
      );
    } finally {
      prepared.close();
      database.client.close();
    }
  });
});
