import type { RegionRow } from '../../store.js';
import type { SeedInputs } from '../inputs.js';
import { records } from '../rows.js';
import { emptyFactors, regionKey } from './empty.js';

/**
 * `heroku-regions.csv`: Heroku regions, each running on an AWS region already seeded (`own`), whose
 * name, country and grid zone it takes; its factors stay empty (the catalog takes the host's).
 */
export function herokuRegions(inputs: SeedInputs, own: readonly RegionRow[]): RegionRow[] {
  const byKey = new Map(own.map((r) => [regionKey(r.providerId, r.id), r]));
  return records(inputs, 'heroku-regions.csv', [
    'provider',
    'region',
    'runs_on_provider',
    'runs_on_region',
    'source',
  ]).map((row) => {
    if (row.text('provider') !== 'heroku') throw row.error('provider must be heroku');
    const host = byKey.get(regionKey(row.text('runs_on_provider'), row.text('runs_on_region')));
    if (!host) throw row.error('runs_on region is not seeded');
    return {
      ...emptyFactors(),
      providerId: 'heroku',
      id: row.text('region'),
      name: host.name,
      country: host.country,
      gridZone: host.gridZone,
      runsOnProvider: host.providerId,
      runsOnRegion: host.id,
      sourceId: row.sourceId(),
      note: row.text('source'),
    };
  });
}
