import { readFileSync } from 'node:fs';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { describe, expect, it } from 'vitest';
import { CATALOG_SNAPSHOT_MODULE, renderCatalogSnapshot } from '../../scripts/catalog-snapshot-file.js';
import { MIGRATIONS_FOLDER, openDatabase } from '../../src/entries/node/database.js';
import { createCatalogCache } from '../../src/factors/catalog-cache.js';
import {
  CATALOG_SNAPSHOT_JSON,
  CATALOG_SNAPSHOT_VERSION,
} from '../../src/factors/catalog-snapshot.generated.js';
import {
  catalogSnapshot,
  decodeCatalogSnapshot,
  encodeCatalogSnapshot,
  snapshotView,
} from '../../src/factors/catalog-snapshot.js';
import { createDrizzleFactorStore } from '../../src/factors/drizzle-store.js';
import type { FactorStore } from '../../src/factors/store.js';

async function migratedStore(): Promise<FactorStore> {
  const database = openDatabase(':memory:');
  await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
  return createDrizzleFactorStore(database.db);
}

describe('the catalog snapshot built into the Worker', () => {
  it('is checked in exactly as the migrations generate it (run `npm run build:catalog-snapshot`)', async () => {
    const committed = readFileSync(new URL(`../../${CATALOG_SNAPSHOT_MODULE}`, import.meta.url), 'utf8');
    expect(committed === (await renderCatalogSnapshot()), 'stale: npm run build:catalog-snapshot').toBe(true);
  });

  it('decodes to the tables the store returns, row for row', async () => {
    const store = await migratedStore();
    const data = await store.loadCatalogData();
    expect(CATALOG_SNAPSHOT_VERSION).toBe(data.dataVersion);
    // Every table row for row, but the notes no answer serves (null in the snapshot).
    expect(decodeCatalogSnapshot(CATALOG_SNAPSHOT_JSON)).toEqual(snapshotView(data));
    expect(decodeCatalogSnapshot(encodeCatalogSnapshot(data))).toEqual(snapshotView(data));
    expect(snapshotView(data).sources).toEqual(data.sources);
    expect(snapshotView(data).databasePlans).toEqual(data.databasePlans);
    expect(snapshotView(data).instanceTypes.every((t) => t.note === null)).toBe(true);
    expect(data.instanceTypes.length).toBeGreaterThan(100);
  });
});

describe('the catalog cache with a snapshot', () => {
  /** The migrated store, counting its table reads and version queries. */
  async function counting(version?: string) {
    const store = await migratedStore();
    const calls = { versions: 0, tables: 0 };
    const counted: FactorStore = {
      dataVersion: async () => {
        calls.versions += 1;
        return version ?? store.dataVersion();
      },
      loadCatalogData: async () => {
        calls.tables += 1;
        const data = await store.loadCatalogData();
        return version ? { ...data, dataVersion: version } : data;
      },
    };
    return { counted, calls };
  }
  const snapshot = catalogSnapshot(CATALOG_SNAPSHOT_VERSION, CATALOG_SNAPSHOT_JSON);

  it('uses the snapshot when the store reports its version: one version query, no table read', async () => {
    const { counted, calls } = await counting();
    const cache = createCatalogCache(counted, { snapshot });
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect(a).toBe(b);
    expect(a.dataVersion).toBe(CATALOG_SNAPSHOT_VERSION);
    expect(calls).toEqual({ versions: 1, tables: 0 });
    const fromTables = await createCatalogCache(counted).get();
    expect(Object.keys(a)).toEqual(Object.keys(fromTables));
  });

  it('reads the tables, once, when the store reports any other version', async () => {
    const { counted, calls } = await counting('sha256:elsewhere');
    const cache = createCatalogCache(counted, { snapshot });
    const all = await Promise.all([cache.get(), cache.get(), cache.get()]);
    expect(new Set(all).size).toBe(1);
    expect(all[0]?.dataVersion).toBe('sha256:elsewhere');
    expect(calls).toEqual({ versions: 1, tables: 1 });
  });
});
