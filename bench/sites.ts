/**
 * The sites part of `npm run bench` (`--only=sites`): the real Node server on a libSQL file holding
 * 1 page, then 200,000 pages; p50/p99 of a page read, its badge and a measurement, and their ratio
 * between the two sizes (targets: p99 ≤ 10 ms, and ≤ 3× the one-page time).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { migrateDatabase, openDatabase, tuneDatabase } from '../src/entries/node/database.js';

export interface SitesBenchContext {
  tmp: string;
  /** Starts the project's server on `join(tmp, name + '.db')`. */
  startProject(
    name: string,
  ): Promise<{ url: string; child: { pid?: number | undefined }; stop(): Promise<void> }>;
  connections: number;
  durationS: number;
  warmupS: number;
  fmt(n: number, digits?: number): string;
  table(rows: string[][]): void;
}

export const SITES_BENCH_PAGES = 200_000;
const TARGET = 'https://bench.example/articles/target';

/**
 * A migrated database file with the target page (3 samples of today) and `others` more pages
 * spread over 10 kB … 10 MB (uniform within each of 10 octaves), each with one sample and counted
 * in its bucket.
 */
async function seed(file: string, others: number): Promise<void> {
  const url = `file:${file}`;
  const database = openDatabase(url);
  await tuneDatabase(database, url);
  await migrateDatabase(database);
  const day = Math.floor(Date.now() / 86_400_000);
  const at = new Date().toISOString();
  const c = database.client;
  await c.execute({
    sql: `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
      INSERT INTO site_pages (url, field_bytes, field_clients, bucket, measurements, first_measured_at, measured_at,
        last_day, oldest_day, version, figure_version)
      SELECT 'https://pages.example/' || i, w, 1,
        (SELECT bucket FROM site_buckets WHERE min_bytes <= w ORDER BY min_bytes DESC LIMIT 1), 1, ?, ?, ?, ?, 1, 1
      FROM (SELECT i, (10000 << o) + abs(random()) % (10000 << o) AS w
        FROM (SELECT i, abs(random()) % 10 AS o FROM n))`,
    args: [Math.max(1, others), at, at, day, day],
  });
  if (others === 0) await c.execute("DELETE FROM site_pages WHERE url LIKE 'https://pages.example/%'");
  await c.execute({
    sql: `INSERT INTO site_samples (page_id, source, day, client, bytes, measured_at)
      SELECT id, 'field', ?, 'seed', field_bytes, ? FROM site_pages`,
    args: [day, at],
  });
  for (const [client, bytes] of [
    ['a', 1_800_000],
    ['b', 2_100_000],
    ['c', 2_400_000],
  ] as const) {
    await c.execute({
      sql: `INSERT INTO site_pages (url, measurements, first_measured_at, measured_at, last_day, version)
        VALUES (?, 1, ?, ?, ?, 1) ON CONFLICT (url) DO UPDATE SET measurements = measurements + 1`,
      args: [TARGET, at, at, day],
    });
    await c.execute({
      sql: `INSERT INTO site_samples (page_id, source, day, client, bytes, measured_at)
        SELECT id, 'field', ?, ?, ?, ? FROM site_pages WHERE url = ?`,
      args: [day, client, bytes, at, TARGET],
    });
  }
  await c.execute({
    sql: `UPDATE site_pages SET field_bytes = 2100000, field_clients = 3, oldest_day = ?,
      bucket = (SELECT bucket FROM site_buckets WHERE min_bytes <= 2100000 ORDER BY min_bytes DESC LIMIT 1)
      WHERE url = ?`,
    args: [day, TARGET],
  });
  await c.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  database.client.close();
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Server CPU time per answered request, µs (robust to other load on the machine). */
  cpuUs: number;
}

/** utime + stime of a process, µs (/proc/<pid>/stat, clock ticks of 10 ms). */
function cpuTimeUs(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

async function load(
  ctx: SitesBenchContext,
  url: string,
  request: { method: 'GET' | 'POST'; path: string; body?: string },
  seconds: number,
  pid?: number,
): Promise<Measured> {
  const cpu0 = cpuTimeUs(pid);
  const result = await autocannon({
    url: url + request.path,
    method: request.method,
    ...(request.body ? { headers: { 'content-type': 'application/json' }, body: request.body } : {}),
    connections: ctx.connections,
    duration: seconds,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    cpuUs: (cpuTimeUs(pid) - cpu0) / Math.max(1, result.requests.total),
  };
}

export async function sitesBench(ctx: SitesBenchContext): Promise<void> {
  const { fmt } = ctx;
  console.log(
    `\n## Sites: a page read, its badge and a measurement with 1 and ${fmt(SITES_BENCH_PAGES)} stored pages ` +
      `(libSQL file, ${ctx.connections} connections, ${ctx.durationS} s per run; targets p99 ≤ 10 ms and ≤ 3× the one-page p99)`,
  );
  const q = encodeURIComponent(TARGET);
  const requests = [
    { name: 'GET /v1/sites?url=', method: 'GET' as const, path: `/v1/sites?url=${q}` },
    { name: 'GET /v1/badge.svg?url=', method: 'GET' as const, path: `/v1/badge.svg?url=${q}` },
    {
      name: 'POST /v1/sites/measurements',
      method: 'POST' as const,
      path: '/v1/sites/measurements',
      body: JSON.stringify({ url: TARGET, bytes: 2_000_000, coverage: 0.95, first_view: true }),
    },
  ];
  const results = new Map<string, Measured>();
  for (const pages of [0, SITES_BENCH_PAGES]) {
    const name = `sites-${pages}`;
    const t0 = performance.now();
    await seed(join(ctx.tmp, `${name}.db`), pages);
    console.log(`  seeded ${fmt(pages + 1)} page(s) in ${fmt((performance.now() - t0) / 1000, 1)} s`);
    const server = await ctx.startProject(name);
    for (const r of requests) {
      await load(ctx, server.url, r, ctx.warmupS);
      results.set(`${r.name}|${pages}`, await load(ctx, server.url, r, ctx.durationS, server.child.pid));
    }
    await server.stop();
  }
  const rows = [['target', 'pages', 'req/s', 'p50 ms', 'p99 ms', 'p99 ÷ 1 page', 'cpu µs/req', 'errors']];
  for (const r of requests)
    for (const pages of [0, SITES_BENCH_PAGES]) {
      const m = results.get(`${r.name}|${pages}`) as Measured;
      const one = results.get(`${r.name}|0`) as Measured;
      rows.push([
        r.name,
        fmt(pages + 1),
        fmt(m.rps),
        fmt(m.p50, 1),
        fmt(m.p99, 1),
        fmt(m.p99 / Math.max(one.p99, 1), 2),
        fmt(m.cpuUs),
        String(m.errors),
      ]);
    }
  ctx.table(rows);
}
