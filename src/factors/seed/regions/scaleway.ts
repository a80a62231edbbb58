import type { RegionRow } from '../../store.js';
import type { SeedInputs } from '../inputs.js';
import { shiftDecimal } from '../numbers.js';
import { records } from '../rows.js';
import { emptyFactors } from './empty.js';

/**
 * `scaleway-zones.csv`: PUE, WUE and grid factor per Scaleway zone (kgCO2e/kWh, seeded as g/kWh).
 * Each value carries the data year its own column gives (blank: the page states none); the
 * page's `reference_date` is checked but never used as a data year.
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
    'pue_year',
    'wue_year',
    'grid_year',
    'reference_date',
    'source',
  ]).map((row) => {
    if (row.text('provider') !== 'scaleway') throw row.error('provider must be scaleway');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(row.text('reference_date')))
      throw row.error('reference_date must be YYYY-MM-DD');
    const wue = row.optNum('wue_l_per_kwh');
    if (wue === null && row.raw('wue_year')) throw row.error('wue_year without a WUE');
    return {
      ...emptyFactors(),
      providerId: 'scaleway',
      id: row.text('region'),
      name: row.text('city'),
      datacenter: row.optText('datacenter'),
      country: row.text('country_iso2'),
      gridZone: row.text('grid_zone'),
      pue: row.num('pue'),
      pueYear: row.optInt('pue_year'),
      pueStatus: 'published',
      wueLPerKwh: wue,
      wueYear: row.optInt('wue_year'),
      wueStatus: wue === null ? null : 'published',
      gridGPerKwh: shiftDecimal(row.text('provider_grid_kgco2e_per_kwh'), 3, 'provider_grid_kgco2e_per_kwh'),
      gridYear: row.optInt('grid_year'),
      gridStatus: 'published',
      sourceId: row.sourceId(),
      note: row.text('source'),
    };
  });
}
