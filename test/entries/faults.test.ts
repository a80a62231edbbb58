import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../../src/entries/node/database.js';
import { openPreparedConnection } from '../../src/entries/node/prepared-connection.js';
import { startNodeServer } from '../../src/entries/node/server.js';
import { createCatalogCache } from '../../src/factors/catalog-cache.js';
import { createDrizzleFactorStore } from '../../src/factors/drizzle-store.js';
import { createDrizzleSiteStore } from '../../src/factors/site-store.js';
import { edgeApp, jsonPost } from '../helpers/edge-app.js';

// The store fails under a real libSQL file database: its client closed under the app, its file
// replaced by garbage, or a file that never was a database. Catalog and estimates keep serving
// from memory when the catalog is loaded, else answer 503 + Retry-After; writes answer 503.

const dir = mkdtempSync(join(tmpdir(), 'empreinte-faults-'));
const pristine = join(dir, 'pristine.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  const database = openDatabase(`file:${pristine}`);
  await migrateDatabase(database);
  database.client.close();
});

/** An app over a copy of the migrated database; every request re-checks the data version (TTL 0). */
async function appOnCopy(name: string, load: boolean, options: { prepared?: boolean } = {}) {
  const path = join(dir, `${name}.db`);
  copyFileSync(pristine, path);
  const database = openDatabase(`file:${path}`);
  const catalog = createCatalogCache(createDrizzleFactorStore(database.db), { ttlMs: 0 });
  if (load) await catalog.get();
  // The Node server's site store: a second connection with its statements prepared once.
  const prepared = options.prepared ? openPreparedConnection(`file:${path}`) : undefined;
  const sites = createDrizzleSiteStore(database.db, prepared ? { prepared } : {});
  return { path, database, prepared, ...edgeApp(catalog, { sites }) };
}

const SERVER = {
  provider: 'scaleway',
  region: 'fr-par-2',
  instance_type: 'COPARM1-4C-16G',
  duration_hours: 730,
};
const MEASUREMENT = { url: 'https://example.org/', bytes: 1_200_000 };

async function expect503(res: Response) {
  expect(res.status).toBe(503);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  const text = await res.text();
  expect(JSON.parse(text)).toMatchObject({ status: 503, type: '/problems/service-unavailable' });
  expect(text).not.toMatch(/SQLITE|CLIENT_CLOSED|\.db|\bat\s/);
}

async function expectServedFromMemory(app: Awaited<ReturnType<typeof appOnCopy>>['app']) {
  for (const path of [
    '/healthz',
    '/v1/providers',
    '/v1/providers/aws/regions',
    '/v1/grid-intensity/FR',
    '/v1/sources',
  ]) {
    expect((await app.request(path)).status, path).toBe(200);
  }
  const server = await app.request('/v1/estimates/server', jsonPost(SERVER));
  expect(server.status).toBe(200);
  expect(((await server.json()) as { co2e_g: number }).co2e_g).toBeCloseTo(1109.1026840552, 8);
  expect((await app.request('/v1/estimates/website', jsonPost({ bytes: 1_000_000 }))).status).toBe(200);
  expect((await app.request('/v1/estimates/website?bytes=1000000')).status).toBe(200);
}

describe('database failing with the catalog loaded', () => {
  it('client closed under the app: catalog and estimates still answer; measurement writes answer 503', async () => {
    const t = await appOnCopy('closed', true);
    expect((await t.app.request('/v1/sites/measurements', jsonPost(MEASUREMENT))).status).toBe(201);
    t.database.client.close();

    await expectServedFromMemory(t.app);
    await expect503(await t.app.request('/v1/sites/measurements', jsonPost(MEASUREMENT)));
    await expect503(await t.app.request('/v1/sites?url=https://example.org/'));
    expect(t.errors.length).toBeGreaterThan(0); // the causes were logged, never answered
  });

  it("the site store's prepared connection closed under the app: site routes answer 503, estimates still answer", async () => {
    const t = await appOnCopy('closed-prepared', true, { prepared: true });
    expect((await t.app.request('/v1/sites/measurements', jsonPost(MEASUREMENT))).status).toBe(201);
    expect((await t.app.request('/v1/sites?url=https://example.org/')).status).toBe(200);
    t.prepared?.close();

    await expectServedFromMemory(t.app);
    await expect503(await t.app.request('/v1/sites/measurements', jsonPost(MEASUREMENT)));
    await expect503(await t.app.request('/v1/sites?url=https://example.org/'));
    expect(t.errors.length).toBeGreaterThan(0);
    t.database.client.close();
  });

  it('file replaced by garbage under the prepared connection: site routes answer 503', async () => {
    const t = await appOnCopy('garbage-prepared', true, { prepared: true });
    writeFileSync(t.path, Buffer.alloc(64 * 1024, 0x5a));
    await expectServedFromMemory(t.app);
    await expect503(await t.app.request('/v1/sites/measurements', jsonPost(MEASUREMENT)));
    t.prepared?.close();
    t.database.client.close();
  });

  it('file replaced by garbage (SQLITE_NOTADB): the same', async () => {
    const t = await appOnCopy('garbage', true);
    writeFileSync(t.path, Buffer.alloc(64 * 1024, 0x5a));
    await expectServedFromMemory(t.app);
    await expect503(await t.app.request('/v1/sites/measurements', jsonPost(MEASUREMENT)));
    t.database.client.close();
  });
});

describe("the Node server's WAL checkpointer thread", () => {
  it('dies: the server says so and keeps storing measurements, with SQLite checkpointing again', async () => {
    const path = join(dir, 'checkpointer-dies.db');
    copyFileSync(pristine, path);
    const errors: unknown[] = [];
    const server = await startNodeServer({
      port: 0,
      databaseUrl: `file:${path}`,
      logError: (error) => errors.push(error),
      siteRetentionIntervalMs: 0,
    });
    try {
      expect(server.walCheckpointer).toBeDefined();
      await server.walCheckpointer?.terminate();
      expect(errors.map(String)).toEqual([expect.stringMatching(/WAL checkpointer thread ended/)]);
      const res = await fetch(`${server.url}/v1/sites/measurements`, jsonPost(MEASUREMENT));
      expect(res.status).toBe(201);
      const read = await fetch(`${server.url}/v1/sites?url=${encodeURIComponent(MEASUREMENT.url)}`);
      expect(read.status).toBe(200);
    } finally {
      await server.close();
    }
    expect(errors).toHaveLength(1); // close() after the death: nothing more to say
  });
});

describe('database failing before the catalog is loaded (cold)', () => {
  it('a file that is not a database: 503 + Retry-After on catalog, estimate and measurement routes', async () => {
    const t = await appOnCopy('cold', false);
    writeFileSync(t.path, Buffer.alloc(64 * 1024, 0x5a));
    for (const path of [
      '/healthz',
      '/v1/providers',
      '/v1/providers/aws',
      '/v1/grid-intensity',
      '/v1/sources',
    ])
      await expect503(await t.app.request(path));
    await expect503(await t.app.request('/v1/estimates/server', jsonPost(SERVER)));
    await expect503(await t.app.request('/v1/estimates/website?bytes=1000'));
    await expect503(
      await t.app.request('/v1/estimates/batch', jsonPost({ items: [{ type: 'website', bytes: 1 }] })),
    );
    await expect503(await t.app.request('/v1/sites/measurements', jsonPost(MEASUREMENT)));
    // Invalid input is still answered as such: validation needs no store.
    expect((await t.app.request('/v1/estimates/server', jsonPost({ provider: 1 }))).status).toBe(400);
    t.database.client.close();
  });

  it('recovers on its own once the store answers again', async () => {
    const t = await appOnCopy('recover', false);
    const good = join(dir, 'recover-good.db');
    copyFileSync(t.path, good);
    t.database.client.close();
    // Reopen over a file that is garbage now, then put the database back under it.
    writeFileSync(t.path, Buffer.alloc(64 * 1024, 0x5a));
    const database = openDatabase(`file:${t.path}`);
    const catalog = createCatalogCache(createDrizzleFactorStore(database.db), { ttlMs: 0 });
    const { app } = edgeApp(catalog);
    await expect503(await app.request('/v1/providers'));
    copyFileSync(good, t.path);
    expect((await app.request('/v1/providers')).status).toBe(200);
    database.client.close();
  });

  it('the Node server does not start on a database it cannot open, and says why', async () => {
    const notADirectory = join(dir, 'plain-file');
    writeFileSync(notADirectory, 'x');
    await expect(
      startNodeServer({ port: 0, databaseUrl: `file:${join(notADirectory, 'empreinte.db')}` }),
    ).rejects.toThrow();
    const garbage = join(dir, 'garbage-start.db');
    writeFileSync(garbage, Buffer.alloc(64 * 1024, 0x5a));
    const error = await startNodeServer({ port: 0, databaseUrl: `file:${garbage}` }).then(
      () => undefined,
      (e: unknown) => e as Error & { cause?: Error },
    );
    expect(`${error?.message} ${error?.cause?.message}`).toMatch(/NOTADB|not a database/i);
  });
});
