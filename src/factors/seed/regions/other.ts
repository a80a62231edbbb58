import type { DataFactorStatus } from '../../../models/factor.js';
import type { RegionRow } from '../../store.js';
import type { SeedInputs } from '../inputs.js';
import { type Row, records } from '../rows.js';
import { emptyFactors } from './empty.js';

/** `other-regions.csv` statuses: fleet or industry averages stand in for a region's own value. */
const OTHER_REGION_STATUSES: Record<string, DataFactorStatus | null> = {
  'provider-average': 'default',
  'industry-average': 'default',
  unknown: null,
  '': null,
};

function valueWithStatus(row: Row, valueColumn: string, statusColumn: string) {
  const value = row.optNum(valueColumn);
  const status = OTHER_REGION_STATUSES[row.raw(statusColumn)];
  if (status === undefined)
    throw row.error(`unknown ${statusColumn} ${JSON.stringify(row.raw(statusColumn))}`);
  if ((value === null) !== (status === null)) throw row.error(`${valueColumn} and ${statusColumn} disagree`);
  return { value, status };
}

/**
 * `other-regions.csv`: OVHcloud and Clever Cloud regions (fleet or industry averages, or a region
 * of another provider they run on). The file has no year columns: a value takes the year of its
 * source, when the source has one.
 */
export function otherRegions(inputs: SeedInputs, sourceYears: Map<string, number | null>): RegionRow[] {
  return records(inputs, 'other-regions.csv', [
    'provider',
    'region',
    'name',
    'country_iso2',
    'grid_zone',
    'pue',
    'pue_status',
    'wue_l_per_kwh',
    'wue_status',
    'runs_on_provider',
    'runs_on_region',
    'source',
  ]).map((row) => {
    const pue = valueWithStatus(row, 'pue', 'pue_status');
    const wue = valueWithStatus(row, 'wue_l_per_kwh', 'wue_status');
    const sourceId = row.sourceId();
    const sourceYear = sourceYears.get(sourceId) ?? null;
    const runsOnProvider = row.optText('runs_on_provider');
    const runsOnRegion = row.optText('runs_on_region');
    if ((runsOnProvider === null) !== (runsOnRegion === null))
      throw row.error('runs_on_provider and runs_on_region go together');
    if (runsOnProvider && (pue.value !== null || wue.value !== null))
      throw row.error('a runs_on region takes its host factors');
    return {
      ...emptyFactors(),
      providerId: row.oneOf('provider', ['ovhcloud', 'clever-cloud', 'hetzner'] as const),
      id: row.text('region'),
      name: row.text('name'),
      country: row.text('country_iso2'),
      gridZone: row.text('grid_zone'),
      pue: pue.value,
      pueYear: pue.value === null ? null : sourceYear,
      pueStatus: pue.status,
      wueLPerKwh: wue.value,
      wueYear: wue.value === null ? null : sourceYear,
      wueStatus: wue.status,
      runsOnProvider,
      runsOnRegion,
      sourceId,
      note: row.text('source'),
    };
  });
}
