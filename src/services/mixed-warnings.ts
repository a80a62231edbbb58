import type { Catalog } from '../factors/catalog.js';
import type { Factor } from '../models/factor.js';
import type { PowerBasis } from '../models/server.js';

/** An estimate as the comparison warnings read it. */
interface Compared {
  breakdown: object;
  factors: readonly Factor[];
}

const basisOf = (e: Compared): PowerBasis | undefined =>
  (e.breakdown as { power_basis?: PowerBasis }).power_basis;

/**
 * A warning when estimates mix the two CPU power bases (SPECpower: the whole server at the wall;
 * TDP curve: the CPU plus an estimated rest of the server), else null.
 */
export function mixedBasisWarning(estimates: readonly Compared[], what: string): string | null {
  const bases = new Set(estimates.map(basisOf).filter((b) => b !== undefined));
  if (bases.size < 2) return null;
  return (
    `These ${what} mix CPU power bases: SPECpower profiles (the whole server measured at the wall) and TDP-curve ` +
    'profiles (the CPU alone, plus an estimated rest of the server). Compare them with care: see breakdown.power_basis ' +
    'and the methodology (GET /methodology).'
  );
}

/**
 * A warning when the grid intensities of estimates come from different publishers (a region's
 * published value against another provider's or a country average), else null.
 */
export function gridPublisherWarning(catalog: Catalog, estimates: readonly Compared[]): string | null {
  const publishers = new Set<string>();
  for (const e of estimates) {
    const grid = e.factors.find((f) => f.name === 'grid_intensity');
    if (!grid) continue;
    publishers.add((grid.source_id && catalog.source(grid.source_id)?.publisher) || 'unknown');
  }
  if (publishers.size < 2) return null;
  return (
    `The candidates' grid intensities come from different publishers (${[...publishers].sort().join('; ')}), ` +
    'so the ranking may reflect methods as much as places. grid_source: "country" uses the Ember country value ' +
    'for every candidate and compares like with like.'
  );
}
