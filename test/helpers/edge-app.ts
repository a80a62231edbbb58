import { migrate } from 'drizzle-orm/libsql/migrator';
import { MIGRATIONS_FOLDER, openDatabase } from '../../src/entries/node/database.js';
import { type CatalogCache, createCatalogCache } from '../../src/factors/catalog-cache.js';
import { createDrizzleFactorStore } from '../../src/factors/drizzle-store.js';
import { createDrizzleSiteStore, type SiteStore } from '../../src/factors/site-store.js';
import { createDrizzleSiteTestStore } from '../../src/factors/site-test-store.js';
import { createApp } from '../../src/http/app.js';
import type { AppDeps, SiteTestsDeps } from '../../src/http/deps.js';
import { METHODOLOGY_MD } from '../../src/http/routes/methodology/methodology.generated.js';
import { STRICT_TARGET_POLICY } from '../../src/services/lab/target-policy.js';

/** A catalog over a migrated, seeded in-memory libSQL database (loaded once per test file). */
export async function memoryCatalog(): Promise<CatalogCache> {
  const database = openDatabase(':memory:');
  await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
  const catalog = createCatalogCache(createDrizzleFactorStore(database.db));
  await catalog.get();
  return catalog;
}

/**
 * Catalog, site store and lab test routes over one migrated, seeded in-memory libSQL database. The
 * lab has no browser here: every queued test is failed at once, so the queue never fills.
 */
export async function memoryStores(): Promise<{
  catalog: CatalogCache;
  sites: SiteStore;
  siteTests: SiteTestsDeps;
  methodologyDocument: () => Promise<string>;
}> {
  const database = openDatabase(':memory:');
  await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
  const catalog = createCatalogCache(createDrizzleFactorStore(database.db));
  await catalog.get();
  const store = createDrizzleSiteTestStore(database.db);
  const siteTests: SiteTestsDeps = {
    store,
    policy: STRICT_TARGET_POLICY,
    unavailable: () => null,
    dispatch: async (test) => {
      const at = new Date().toISOString();
      await store.claim(test.id, at, at);
      await store.finish(test.id, {
        status: 'failed',
        finishedAt: at,
        errorType: '/problems/lab-error',
        errorDetail: 'no browser',
      });
    },
  };
  return {
    catalog,
    sites: createDrizzleSiteStore(database.db),
    siteTests,
    methodologyDocument: async () => METHODOLOGY_MD,
  };
}

/** The real app with the edge deps a test chooses (rate limiter, client address, log hook…). */
export function edgeApp(catalog: CatalogCache, deps: Partial<AppDeps> = {}) {
  const errors: unknown[] = [];
  const app = createApp({
    catalog,
    logError: (e) => errors.push(e),
    methodologyDocument: async () => METHODOLOGY_MD,
    ...deps,
  });
  return { app, errors };
}

export const jsonPost = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** `bytes` streamed in chunks, without Content-Length (like `Transfer-Encoding: chunked`). */
export function streamOf(bytes: Uint8Array, chunkBytes = 64 * 1024): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(at, at + chunkBytes));
      at += chunkBytes;
    },
  });
}

/** A JSON text padded with spaces to `size` bytes (still valid JSON). */
export function paddedJson(value: unknown, size: number): Uint8Array<ArrayBuffer> {
  const text = JSON.stringify(value);
  const out = new Uint8Array(Math.max(size, text.length)).fill(0x20);
  out.set(new TextEncoder().encode(text), 0);
  return out;
}
