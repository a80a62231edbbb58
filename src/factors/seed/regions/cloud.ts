import type { DataFactorStatus } from '../../../models/factor.js';
import type { RegionRow } from '../../store.js';
import type { SeedInputs } from '../inputs.js';
import { records } from '../rows.js';
import { emptyFactors } from './empty.js';

export interface CloudRegions {
  regions: RegionRow[];
  /** AWS's fleet-wide WUE, carried by the rows that have no per-region value: AWS's default WUE. */
  awsFleetWue: { value: number; year: number };
}

/**
 * `cloud-regions.csv`: AWS, GCP and Azure regions with GSF's PUE, WUE and grid intensity, each
 * with its own year. Statuses come from what the source text states.
 */
export function cloudRegions(inputs: SeedInputs): CloudRegions {
  const regions: RegionRow[] = [];
  const fleetWue: { value: number; year: number }[] = [];
  for (const row of records(inputs, 'cloud-regions.csv', [
    'provider',
    'region',
    'location',
    'country_iso2',
    'grid_zone',
    'pue',
    'pue_year',
    'wue_l_per_kwh',
    'wue_year',
    'grid_intensity_g_per_kwh',
    'grid_year',
    'ccf_grid_g_per_kwh',
    'source',
  ])) {
    const provider = row.oneOf('provider', ['aws', 'gcp', 'azure'] as const);
    const source = row.text('source');
    // Statuses the source text states: AWS fleet-wide WUE stands in for a per-region value;
    // a GSF row built from another place's data is a proxy for this region.
    const fleetWide = /\bwue 2023 is AWS fleet-wide\b/.test(source);
    const gridProxy = /\bis a proxy\b/.test(source);
    const allProxy = /\bGSF row is Microsoft Washington data\b/.test(source);
    if (fleetWide && provider !== 'aws') throw row.error('only AWS rows can carry the AWS fleet-wide WUE');
    const pue = row.optNum('pue');
    const wue = row.optNum('wue_l_per_kwh');
    const grid = row.optNum('grid_intensity_g_per_kwh');
    const status = (value: number | null, proxy: boolean, other: DataFactorStatus = 'published') =>
      value === null ? null : proxy ? 'proxy' : other;
    const yearOf = (value: number | null, column: string) => {
      const year = row.optInt(column);
      if ((value === null) !== (year === null))
        throw row.error(`${column} must be given exactly when its value is`);
      return year;
    };
    const wueYear = yearOf(wue, 'wue_year');
    if (fleetWide) {
      if (wue === null || wueYear === null) throw row.error('fleet-wide WUE row without a WUE');
      fleetWue.push({ value: wue, year: wueYear });
    }
    regions.push({
      ...emptyFactors(),
      providerId: provider,
      id: row.text('region'),
      name: row.text('location'),
      country: row.text('country_iso2'),
      gridZone: row.text('grid_zone'),
      pue,
      pueYear: yearOf(pue, 'pue_year'),
      pueStatus: status(pue, allProxy),
      wueLPerKwh: wue,
      wueYear,
      wueStatus: status(wue, allProxy, fleetWide ? 'default' : 'published'),
      gridGPerKwh: grid,
      gridYear: yearOf(grid, 'grid_year'),
      gridStatus: status(grid, allProxy || gridProxy),
      ccfGridGPerKwh: row.optNum('ccf_grid_g_per_kwh'),
      sourceId: row.sourceId(),
      note: source,
    });
  }
  const [first] = fleetWue;
  if (!first || fleetWue.some((w) => w.value !== first.value || w.year !== first.year)) {
    throw new Error('cloud-regions.csv: the AWS fleet-wide WUE rows must all carry the same value and year');
  }
  return { regions, awsFleetWue: first };
}
