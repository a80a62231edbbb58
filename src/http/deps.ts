import type { Catalog, CatalogCache } from '../factors/catalog-cache.js';
import { ProblemError, problems } from './problem.js';

/** What the HTTP app is given by an entry: stores and settings, never drivers or env. */
export interface AppDeps {
  catalog: CatalogCache;
  /** Called with unexpected errors (the answer is a bare 500 problem). Default: console.error. */
  logError?: (error: unknown) => void;
}

/** The loaded catalog, or a 503 problem when the store cannot be read and nothing is loaded. */
export async function catalogOf(deps: AppDeps): Promise<Catalog> {
  try {
    return await deps.catalog.get();
  } catch (error) {
    deps.logError?.(error); // always set by createApp
    throw new ProblemError(problems.unavailable('The factor store is unavailable. Retry later.'), {
      'retry-after': '5',
    });
  }
}
