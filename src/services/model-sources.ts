import type { Catalog } from '../factors/catalog.js';
import type { Factor, FactorStatus, Ranged } from '../models/factor.js';

/** Seeded source ids of the model constants services cite (checked by test/services). */
export const MODEL_SOURCE_IDS = {
  swdV4: 'swd-v4',
  swdV3: 'swd-v3',
  onebyte: 'onebyte',
  pageWeight: 'http-archive-web-almanac-2024',
} as const;

/** A factor whose value is a model constant, cited to the model's source. */
export function modelFactor(
  catalog: Catalog,
  name: string,
  r: Ranged,
  unit: string,
  sourceId: string,
  status: FactorStatus = 'default',
): Factor {
  return { name, ...r, unit, source_id: sourceId, year: catalog.source(sourceId)?.year ?? null, status };
}
