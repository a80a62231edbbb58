import { buildCatalog, type Catalog } from './catalog.js';
import type { CatalogSnapshot } from './catalog-snapshot.js';

export type { Catalog };

import type { FactorStore } from './store.js';

export interface CatalogCacheOptions {
  /** How long a loaded catalog is trusted before its data version is checked again. */
  ttlMs?: number;
  /** Clock, for tests. */
  now?: () => number;
  /**
   * Factor tables built into the bundle: when the store reports their data version, they are
   * used instead of reading every table (the store stays the source of truth: any other version
   * is read from it). A cold Worker then runs one tiny query instead of ten table reads.
   */
  snapshot?: CatalogSnapshot;
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

  const snapshot = options.snapshot;

  const load = async (): Promise<Catalog> => {
    const data = await store.loadCatalogData();
    catalog = buildCatalog(data);
    checkedAt = now();
    return catalog;
  };

  /** First load: from the snapshot when the store's version is the snapshot's, else the store. */
  const firstLoad = async (): Promise<Catalog> => {
    if (!snapshot || (await store.dataVersion()) !== snapshot.dataVersion) return load();
    catalog = snapshot.catalog();
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
      if (!catalog) return share(firstLoad());
      if (now() - checkedAt < ttlMs) return Promise.resolve(catalog);
      return share(refresh(catalog));
    },
    current: () => catalog,
  };
}
