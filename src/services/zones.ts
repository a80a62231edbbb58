import type { Catalog } from '../factors/catalog.js';
import { RANGE_PCT } from '../factors/catalog.js';
import { type Factor, ranged } from '../models/factor.js';
import { UnknownReferenceError } from './errors.js';
import { sharedFactor } from './shared-factors.js';

/** The grid intensity of a zone named in a body (alpha-2/alpha-3, any case), or a 422 at `path`. */
export function zoneGridFactor(catalog: Catalog, name: string, zone: string, path: string): Factor {
  const g = catalog.gridZone(zone);
  if (!g) {
    throw new UnknownReferenceError([
      {
        path,
        message: `Unknown zone '${zone}': use an ISO 3166 alpha-2 or alpha-3 country code, or WORLD (GET /v1/grid-intensity).`,
      },
    ]);
  }
  return sharedFactor(g, name, () => ({
    name,
    ...ranged(g.gPerKwh, RANGE_PCT.grid),
    unit: 'gCO2e/kWh',
    source_id: g.sourceId,
    year: g.year,
    status: 'published',
  }));
}
