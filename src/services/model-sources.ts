import type { Catalog } from '../factors/catalog.js';
import type { Factor, FactorStatus, Ranged } from '../models/factor.js';
import { memoUnder } from './shared-factors.js';

/** Seeded source ids of the model constants services cite (checked by test/services). */
export const MODEL_SOURCE_IDS = {
  swdV4: 'swd-v4',
  swdV3: 'swd-v3',
  onebyte: 'onebyte',
  pageWeight: 'http-archive-web-almanac-2024',
} as const;

/**
 * A factor whose value is a model constant, cited to the model's source: one shared, frozen object
 * per catalog and content (src/services/shared-factors.ts). Callers pass constants, so each name
 * has one or two variants, compared field by field (no key to build per request).
 */
export function modelFactor(
  catalog: Catalog,
  name: string,
  r: Ranged,
  unit: string,
  sourceId: string,
  status: FactorStatus = 'default',
): Factor {
  const byName = memoUnder(modelFactors, catalog);
  let variants = byName.get(name);
  if (variants === undefined) {
    variants = [];
    byName.set(name, variants);
  }
  for (const f of variants)
    if (
      f.value === r.value &&
      f.low === r.low &&
      f.high === r.high &&
      f.unit === unit &&
      f.source_id === sourceId &&
      f.status === status
    )
      return f;
  const built: Factor = Object.freeze({
    name,
    value: r.value,
    low: r.low,
    high: r.high,
    unit,
    source_id: sourceId,
    year: catalog.source(sourceId)?.year ?? null,
    status,
  });
  if (variants.length >= 16) variants.length = 0; // constants only; bounded all the same
  variants.push(built);
  return built;
}

const modelFactors = new WeakMap<Catalog, Map<string, Factor[]>>();
