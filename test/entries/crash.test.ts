import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../../src/entries/node/database.js';
import { type ServerProcess, spawnServer } from '../helpers/node-process.js';

// SIGKILL the real Node server (a child process on a temp file database) while site measurements
// are being written concurrently; restart it on the same file. The file must pass
// PRAGMA integrity_check, and every acknowledged (2xx) measurement must be there: for each URL,
// `measurements` ≥ the number of writes that were acknowledged.

const dir = mkdtempSync(join(tmpdir(), 'empreinte-crash-'));
const dbPath = join(dir, 'crash.db');
const servers: ServerProcess[] = [];
afterAll(() => {
  for (const s of servers) s.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});
beforeAll(async () => {
  const migrated = join(dir, 'migrated.db');
  const database = openDatabase(`file:${migrated}`);
  await migrateDatabase(database);
  database.client.close();
  copyFileSync(migrated, dbPath);
});

const URLS = Array.from({ length: 12 }, (_, i) => `https://site-${i}.example.org/page`);
const WRITERS = 16;

describe('crash while writing measurements', () => {
  it('loses no acknowledged measurement and leaves an intact database', async () => {
    const first = await spawnServer({ DATABASE_URL: `file:${dbPath}` });
    servers.push(first);
    const acknowledged = new Map<string, number>();
    const written = new Map<string, Set<number>>();
    let failures = 0;
    let stop = false;

    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const url = URLS[(w * 7 + i) % URLS.length] as string;
        const bytes = 100_000 + w * 1000 + i;
        (written.get(url) ?? written.set(url, new Set()).get(url))?.add(bytes);
        try {
          const res = await fetch(`${first.url}/v1/sites/measurements`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ url, bytes }),
          });
          await res.arrayBuffer();
          if (res.status === 200 || res.status === 201)
            acknowledged.set(url, (acknowledged.get(url) ?? 0) + 1);
          else failures += 1;
        } catch {
          failures += 1; // the connection died with the process: not acknowledged
          if (first.child.exitCode !== null || first.child.signalCode !== null) return;
        }
      }
    };

    const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
    // Let enough writes land, then kill the server in the middle of the stream.
    const started = Date.now();
    while ([...acknowledged.values()].reduce((a, b) => a + b, 0) < 150 && Date.now() - started < 20_000)
      await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    stop = true;
    await Promise.all(writers);
    const total = [...acknowledged.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(150);

    // The file as the killed process left it.
    const check = openDatabase(`file:${dbPath}`);
    const integrity = await check.client.execute('PRAGMA integrity_check');
    expect(integrity.rows.map((r) => Object.values(r)[0])).toEqual(['ok']);
    check.client.close();

    const second = await spawnServer({ DATABASE_URL: `file:${dbPath}` });
    servers.push(second);
    for (const url of URLS) {
      const acked = acknowledged.get(url) ?? 0;
      const res = await fetch(`${second.url}/v1/sites?url=${encodeURIComponent(url)}`);
      if (acked === 0 && res.status === 404) continue;
      expect(res.status, url).toBe(200);
      const site = (await res.json()) as { measurements: number; bytes: number };
      expect(site.measurements, `${url}: ${acked} acknowledged`).toBeGreaterThanOrEqual(acked);
      expect(written.get(url)?.has(site.bytes), `${url}: stored bytes were written by a client`).toBe(true);
    }
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    console.log(`crash test: ${total} acknowledged writes, ${failures} cut by the kill`);
  }, 60_000);
});
