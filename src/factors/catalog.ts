/**
 * The in-memory factor catalog: types (`catalog/types.ts`), factor fields and ranges
 * (`catalog/factor.ts`), region fallbacks (`catalog/fallbacks.ts`), instance types
 * (`catalog/instances.ts`) and the indexing (`catalog/build.ts`).
 */
export { buildCatalog } from './catalog/build.js';
export { RANGE_PCT } from './catalog/factor.js';
export { instanceLookupKey } from './catalog/instances.js';
export type * from './catalog/types.js';
