import { describe, expect, it } from 'vitest';
import { createCatalogCache } from '../../src/factors/catalog-cache.js';
import type { CatalogData, FactorStore } from '../../src/factors/store.js';
import { createTestApp } from '../helpers/app.js';

const body = {
  provider: 'scaleway',
  region: 'fr-par-2',
  instance_type: 'COPARM1-4C-16G',
  duration_hours: 730,
};

describe('the in-memory catalog', () => {
  it('serves estimates and catalog reads with no SQL once loaded', async () => {
    const t = await createTestApp();
    expect((await t.post('/v1/estimates/server', body)).status).toBe(200);
    const afterLoad = t.sqlCount();
    expect(afterLoad).toBeGreaterThan(0); // the first request loaded the catalog with real queries
    for (let i = 0; i < 50; i++) {
      expect((await t.post('/v1/estimates/server', { ...body, duration_hours: i + 1 })).status).toBe(200);
    }
    expect((await t.request('/v1/providers/aws/regions')).status).toBe(200);
    expect(t.sqlCount()).toBe(afterLoad);
  });

  it('checks the data version once per TTL and reloads only when it changed', async () => {
    let clock = 0;
    const t = await createTestApp({ catalog: { ttlMs: 1000, now: () => clock } });
    await t.catalog.get();
    const loaded = t.sqlCount();
    clock = 999;
    await t.catalog.get();
    expect(t.sqlCount()).toBe(loaded);
    clock = 1000;
    await t.catalog.get();
    expect(t.sqlCount()).toBe(loaded + 1); // one version query, same version: no reload
    await t.database.client.execute("UPDATE meta SET value = 'changed' WHERE key = 'data_version'");
    clock = 2000;
    const reloaded = await t.catalog.get();
    expect(reloaded.dataVersion).toBe('changed');
    expect(t.sqlCount()).toBeGreaterThan(loaded + 2);
  });

  it('keeps serving the loaded catalog when the store fails, and shares one load between callers', async () => {
    const t = await createTestApp();
    const data = await t.store.loadCatalogData();
    let loads = 0;
    let failing = false;
    const store: FactorStore = {
      dataVersion: async () => {
        if (failing) throw new Error('disk gone');
        return data.dataVersion;
      },
      loadCatalogData: async (): Promise<CatalogData> => {
        loads += 1;
        return data;
      },
    };
    let clock = 0;
    const cache = createCatalogCache(store, { ttlMs: 10, now: () => clock });
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect(a).toBe(b);
    expect(loads).toBe(1);
    failing = true;
    clock = 100;
    expect(await cache.get()).toBe(a);
  });
});
