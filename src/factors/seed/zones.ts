import type { CountryRow, ElectricityWaterRow, GridIntensityRow } from '../store.js';
import type { SeedInputs } from './inputs.js';
import { byKey, records } from './rows.js';

/** The ISO 3166 country table, checked and sorted by alpha-2. */
export function buildCountries(inputs: SeedInputs): CountryRow[] {
  const countries = inputs.countries
    .map((c) => ({ alpha2: c.alpha2, alpha3: c.alpha3, name: c.name }))
    .sort(byKey((c) => c.alpha2));
  for (const c of countries) {
    if (!/^[A-Z]{2}$/.test(c.alpha2) || !/^[A-Z]{3}$/.test(c.alpha3) || !c.name) {
      throw new Error(`invalid country ${JSON.stringify(c)}`);
    }
  }
  return countries;
}

/**
 * CO2.js `averageIntensity` (Ember) for ISO alpha-3 countries and WORLD, at the data year of the
 * installed release; regional aggregates (EU, G20…) are skipped.
 */
export function buildGridIntensities(
  inputs: SeedInputs,
  alpha3s: ReadonlySet<string>,
  dataYear: number,
): GridIntensityRow[] {
  const rows = Object.entries(inputs.averageIntensity)
    .filter(([zone]) => zone === 'WORLD' || alpha3s.has(zone))
    .map(([zone, gPerKwh]) => {
      if (typeof gPerKwh !== 'number' || !Number.isFinite(gPerKwh))
        throw new Error(`CO2.js ${zone}: not a number`);
      return { zone, year: dataYear, gPerKwh, sourceId: 'ember-via-co2js' };
    })
    .sort(
      byKey(
        (g) => g.zone,
        (g) => g.year,
      ),
    );
  if (!rows.some((g) => g.zone === 'WORLD')) throw new Error('CO2.js averageIntensity has no WORLD value');
  return rows;
}

/** `electricity-water-wri.csv`: consumptive water of electricity per ISO alpha-3 country. */
export function buildElectricityWater(
  inputs: SeedInputs,
  alpha3s: ReadonlySet<string>,
): ElectricityWaterRow[] {
  return records(inputs, 'electricity-water-wri.csv', ['zone_iso3', 'water_l_per_kwh', 'source_url'])
    .map((row) => {
      const zone = row.text('zone_iso3');
      if (!alpha3s.has(zone)) throw row.error(`zone ${zone} is not an ISO alpha-3 country`);
      return { zone, lPerKwh: row.num('water_l_per_kwh'), sourceId: row.sourceId('source_url') };
    })
    .sort(byKey((w) => w.zone));
}
