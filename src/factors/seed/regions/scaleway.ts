import type { RegionRow } from '../../store.js';
import type { SeedInputs } from '../inputs.js';
import { shiftDecimal } from '../numbers.js';
import { records } from '../rows.js';
import { emptyFactors } from './empty.js';

/**
 * `scaleway-zones.csv`: PUE, WUE and grid factor per Scaleway zone (kgCO2e/kWh, seeded as g/kWh).
 * Every value takes the year of the row's `reference_date`.
 */
export function scalewayRegions(inputs: SeedInputs): RegionRow[] {
  return records(inputs, 'scaleway-zones.csv', [
    'provider',
    'region',
    'datacenter',
    'city',
    'country_iso2',
    'grid_zone',
    'pue',
    'wue_l_per_kwh',
    'provider_grid_kgco2e_per_kwh',
    'reference_date',
    'source',
  ]).map((row) => {
    if (row.text('provider') !== 'scaleway') throw row.error('provider must be scaleway');
    const date = /^(\d{4})-\d{2}-\d{2}$/.exec(row.text('reference_date'));
    if (!date) throw row.error('reference_date must be YYYY-MM-DD');
    const year = Number(date[1]);
    const wue = row.optNum('wue_l_per_kwh');
    return {
      ...emptyFactors(),
      providerId: 'scaleway',
      id: row.text('region'),
      name: row.text('city'),
      datacenter: row.optText('datacenter'),
      country: row.text('country_iso2'),
      gridZone: row.text('grid_zone'),
      pue: row.num('pue'),
      pueYear: year,
      pueStatus: 'published',
      wueLPerKwh: wue,
      wueYear: wue === null ? null : year,
      wueStatus: wue === null ? null : 'published',
      gridGPerKwh: shiftDecimal(row.text('provider_grid_kgco2e_per_kwh'), 3, 'provider_grid_kgco2e_per_kwh'),
      gridYear: year,
      gridStatus: 'published',
      sourceId: row.sourceId(),
      note: row.text('source'),
    };
  });
}
