import { buildCatalog, type Catalog } from './catalog.js';

export type { Catalog };

import type { FactorStore } from './store.js';

export interface CatalogCacheOptions {
  /** How long a loaded catalog is trusted before its data version is checked again. */
  ttlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** Hands out the in-memory catalog; the only SQL it runs is a version check once per TTL. */
export interface CatalogCache {
  get(): Promise<Catalog>;
  /** The catalog currently held, if any (served when the store is down). */
  current(): Catalog | undefined;
}

export const DEFAULT_CATALOG_TTL_MS = 60_000;

/**
 * Loads the catalog on first use and keeps it. After the TTL, one `dataVersion()` query decides
 * whether to reload; if the store fails then, the loaded catalog keeps serving. Concurrent
 * callers share one load.
 */
export function createCatalogCache(store: FactorStore, options: CatalogCacheOptions = {}): CatalogCache {
  const ttlMs = options.ttlMs ?? DEFAULT_CATALOG_TTL_MS;
  const now = options.now ?? Date.now;
  let catalog: Catalog | undefined;
  let checkedAt = 0;
  let pending: Promise<Catalog> | undefined;

  const load = async (): Promise<Catalog> => {
    const data = await store.loadCatalogData();
    catalog = buildCatalog(data);
    checkedAt = now();
    return catalog;
  };

  const refresh = async (held: Catalog): Promise<Catalog> => {
    try {
      const version = await store.dataVersion();
      if (version === held.dataVersion) {
        checkedAt = now();
        return held;
      }
      return await load();
    } catch {
      // The store is unavailable: keep serving what is loaded, check again after another TTL.
      checkedAt = now();
      return held;
    }
  };

  const share = (p: Promise<Catalog>): Promise<Catalog> => {
    pending = p.finally(() => {
      pending = undefined;
    });
    return pending;
  };

  return {
    get() {
      if (pending) return pending;
      if (!catalog) return share(load());
      if (now() - checkedAt < ttlMs) return Promise.resolve(catalog);
      return share(refresh(catalog));
    },
    current: () => catalog,
  };
}
