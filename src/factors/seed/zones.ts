import type { CountryRow, ElectricityWaterRow, GridIntensityRow } from '../store.js';
import type { SeedInputs } from './inputs.js';
import { byKey, type Row, records } from './rows.js';

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

/** The CO2.js repository data the per-country years come from (`ember-country-years.csv`). */
export interface EmberYearsRelease {
  /** The repository tag, `v` + the npm version (`v0.19.0`). */
  tag: string;
  /** The commit the tag points at. */
  commit: string;
}

/** The `source` text of every row of `ember-country-years.csv`: tag, commit and path. */
const EMBER_YEARS_SOURCE =
  /^CO2\.js (v\d+\.\d+\.\d+\S*) \(([0-9a-f]{40})\) data\/output\/average-intensities\.json$/;

/**
 * Ember grid intensity for ISO alpha-3 countries and WORLD: the value is CO2.js `averageIntensity`
 * (the installed npm package), the year is the data year the CO2.js repository's
 * `data/output/average-intensities.json` gives that country at the tag of the same release
 * (`ember-country-years.csv`; the npm package carries no years). Regional aggregates (EU, G20…)
 * are skipped. Throws when the file is of another release (its tag, or a value that differs from
 * the package's), lacks a seeded zone, or gives a seeded zone no year: `grid_intensities.year` is
 * part of the key and NOT NULL, and a year is never guessed.
 */
export function buildGridIntensities(
  inputs: SeedInputs,
  alpha3s: ReadonlySet<string>,
): { rows: GridIntensityRow[]; release: EmberYearsRelease } {
  const file = 'ember-country-years.csv';
  let release: EmberYearsRelease | undefined;
  const years = new Map<string, { year: number | null; row: Row }>();
  for (const row of records(inputs, file, ['zone', 'country_or_region', 'year', 'g_per_kwh', 'source'])) {
    const zone = row.text('zone');
    if (years.has(zone)) throw row.error(`zone ${zone} appears twice`);
    if (row.sourceId() !== 'ember-via-co2js') throw row.error('source must be ember-via-co2js');
    const [, tag = '', commit = ''] = EMBER_YEARS_SOURCE.exec(row.text('source')) ?? [];
    if (!tag) throw row.error('source must name the CO2.js tag, commit and data file');
    if (release && (release.tag !== tag || release.commit !== commit))
      throw row.error(`source ${tag} ${commit} differs from the first row's`);
    release ??= { tag, commit };
    if (tag !== `v${inputs.co2jsVersion}`)
      throw row.error(
        `comes from CO2.js ${tag} but @tgwf/co2 ${inputs.co2jsVersion} is installed: refresh the file from data/output/average-intensities.json at the tag v${inputs.co2jsVersion}`,
      );
    const gPerKwh = row.num('g_per_kwh');
    if (inputs.averageIntensity[zone] !== gPerKwh)
      throw row.error(
        `${zone} ${gPerKwh} g/kWh differs from @tgwf/co2 averageIntensity (${inputs.averageIntensity[zone]})`,
      );
    const year = row.optInt('year');
    if (year !== null && (year < 1990 || year > 2100)) throw row.error(`implausible year ${year}`);
    years.set(zone, { year, row });
  }
  if (!release) throw new Error(`${file} has no rows`);

  const rows = Object.entries(inputs.averageIntensity)
    .filter(([zone]) => zone === 'WORLD' || alpha3s.has(zone))
    .map(([zone, gPerKwh]) => {
      if (typeof gPerKwh !== 'number' || !Number.isFinite(gPerKwh))
        throw new Error(`CO2.js ${zone}: not a number`);
      const entry = years.get(zone);
      if (!entry) throw new Error(`${file}: no row for ${zone}, which @tgwf/co2 averageIntensity has`);
      if (entry.year === null)
        throw entry.row.error(
          `${zone} has no data year in the CO2.js data: grid_intensities.year is NOT NULL (a yearless value needs a nullable year, a schema change), and a year is never guessed`,
        );
      return { zone, year: entry.year, gPerKwh, sourceId: 'ember-via-co2js' };
    })
    .sort(
      byKey(
        (g) => g.zone,
        (g) => g.year,
      ),
    );
  if (!rows.some((g) => g.zone === 'WORLD')) throw new Error('CO2.js averageIntensity has no WORLD value');
  return { rows, release };
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
