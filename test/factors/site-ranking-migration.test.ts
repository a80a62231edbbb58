import { migrate } from 'drizzle-orm/libsql/migrator';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../../src/entries/node/database.js';
import { createTestApp, migrationsThrough } from '../helpers/app.js';

/**
 * Migration 0011_site_ranking un-ranks the pages stored before the ranking rule (3 distinct clients
 * on one UTC day of the 30-day window), and the bucket triggers take them out of the histogram.
 */
describe('migration 0011_site_ranking', () => {
  it('keeps only pages with 3 clients on one day of the window in the histogram', async () => {
    const t = await createTestApp({ migrationsFolder: migrationsThrough('0010_site_test_clients') });
    const sql = t.database.client;
    const today = Math.floor(Date.now() / 86_400_000);
    const page = async (url: string, fieldBytes: number | null) => {
      const r = await sql.execute({
        sql: `INSERT INTO site_pages (url, field_bytes, field_clients, bucket, measurements, first_measured_at,
                measured_at, last_day) VALUES (?, ?, 3, 500, 3, '2026-01-01', '2026-01-01', ?) RETURNING id`,
        args: [url, fieldBytes, today],
      });
      return Number(r.rows[0]?.id);
    };
    const sample = (id: number, day: number, client: string, source = 'field') =>
      sql.execute({
        sql: `INSERT INTO site_samples (page_id, source, day, client, bytes, measured_at)
              VALUES (?, ?, ?, ?, 1000000, '2026-01-01')`,
        args: [id, source, day, client],
      });
    const ranked = await page('https://a.test/', 1_000_000);
    for (const c of ['x', 'y', 'z']) await sample(ranked, today - 2, c);
    const threeDays = await page('https://b.test/', 1_000_000);
    for (const [i, c] of ['x', 'y', 'z'].entries()) await sample(threeDays, today - i, c);
    const old = await page('https://c.test/', 1_000_000);
    for (const c of ['x', 'y', 'z']) await sample(old, today - 30, c);
    const lab = await page('https://d.test/', null);
    for (const c of ['x', 'y', 'z']) await sample(lab, today, c, 'lab');
    const histogram = async () => {
      const b = await sql.execute('SELECT sum(pages) AS n FROM site_buckets');
      const g = await sql.execute('SELECT sum(pages) AS n FROM site_bucket_groups');
      return [Number(b.rows[0]?.n), Number(g.rows[0]?.n)];
    };
    expect(await histogram()).toEqual([4, 4]);

    await migrate(t.database.db, { migrationsFolder: MIGRATIONS_FOLDER });

    const buckets = await sql.execute('SELECT url, bucket FROM site_pages ORDER BY url');
    expect(buckets.rows.map((r) => [r.url, r.bucket])).toEqual([
      ['https://a.test/', 500],
      ['https://b.test/', null],
      ['https://c.test/', null],
      ['https://d.test/', null],
    ]);
    expect(await histogram()).toEqual([1, 1]);
  });
});
