import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSeedInputs } from '../../scripts/generate-seed.js';
import { buildCatalog } from '../../src/factors/catalog.js';
import { buildSeedRows } from '../../src/factors/seed/build-seed.js';
import { parseCsvRecords } from '../../src/factors/seed/csv.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

// A factor's `year` is the year of its data, never the date of the page that published it; a
// value carried forward from an earlier year keeps that earlier year (docs/methodology.md).

const inputs = await readSeedInputs();
const rows = buildSeedRows(inputs);
const catalog = buildCatalog({ dataVersion: 'test', ...rows });
const sourceYear = new Map(rows.sources.map((s) => [s.id, s.year]));

/** The GSF Cloud_Region_Metadata snapshot cloud-regions.csv was taken from (2026-03). */
const gsf = parseCsvRecords(
  await readFile(new URL('../fixtures/gsf-cloud-region-metadata-2026-03.csv', import.meta.url), 'utf8'),
  'gsf-cloud-region-metadata-2026-03.csv',
).records;
const PROVIDERS: Record<string, string> = {
  'Amazon Web Services': 'aws',
  'Google Cloud': 'gcp',
  'Microsoft Azure': 'azure',
};
const gsfRow = new Map(
  gsf
    .filter((r) => PROVIDERS[r['cloud-provider'] ?? ''])
    .map((r) => [`${PROVIDERS[r['cloud-provider'] ?? '']}/${r['cloud-region']}/${r.year}`, r]),
);
const COLUMNS = {
  pue: 'power-usage-effectiveness',
  wue: 'water-usage-effectiveness',
  grid: 'grid-carbon-intensity-average-consumption-annual',
} as const;
const gsfValue = (provider: string, region: string, year: number, metric: keyof typeof COLUMNS) => {
  const v = gsfRow.get(`${provider}/${region}/${year}`)?.[COLUMNS[metric]];
  return v ? Number(v) : null;
};

const cloud = rows.regions.filter((r) => ['aws', 'gcp', 'azure'].includes(r.providerId));

describe('every factor year is a data year', () => {
  it('each AWS/GCP/Azure value is GSF’s value for its year', () => {
    const wrong: string[] = [];
    for (const r of cloud) {
      const pairs = [
        ['pue', r.pue, r.pueYear],
        ['wue', r.wueLPerKwh, r.wueYear],
        ['grid', r.gridGPerKwh, r.gridYear],
      ] as const;
      for (const [metric, value, year] of pairs) {
        if (value === null) continue;
        if (year === null || gsfValue(r.providerId, r.id, year, metric) !== value)
          wrong.push(`${r.providerId}/${r.id} ${metric} ${value} (${year})`);
      }
    }
    expect(wrong).toEqual([]);
    expect(cloud.filter((r) => r.gridGPerKwh !== null).length).toBeGreaterThan(90);
  });

  it('a grid value GSF carried forward from an earlier year keeps that earlier year', () => {
    const carried = cloud.filter(
      (r) =>
        r.gridGPerKwh !== null &&
        r.gridYear !== null &&
        gsfValue(r.providerId, r.id, r.gridYear - 1, 'grid') === r.gridGPerKwh,
    );
    expect(carried.map((r) => `${r.providerId}/${r.id}`)).toEqual([]);
    // AWS's 2024 rows repeat the 2023 grid values: none of them is labelled 2024.
    expect(cloud.filter((r) => r.providerId === 'aws' && r.gridYear === 2024)).toEqual([]);
    const useast1 = cloud.find((r) => r.providerId === 'aws' && r.id === 'us-east-1');
    expect([useast1?.gridGPerKwh, useast1?.gridYear]).toEqual([396.25, 2023]);
    const hk = cloud.find((r) => r.providerId === 'aws' && r.id === 'ap-east-1');
    expect([hk?.gridGPerKwh, hk?.gridYear]).toEqual([435.36, 2021]);
  });

  it('AWS’s fleet-wide WUE of 2023 (0.18 L/kWh) is never labelled with a later year', () => {
    const fleet = cloud.filter((r) => r.providerId === 'aws' && r.wueLPerKwh === 0.18);
    expect(fleet.length).toBeGreaterThan(10);
    for (const r of fleet) expect([r.id, r.wueYear, r.wueStatus]).toEqual([r.id, 2023, 'default']);
  });

  it('Scaleway’s grid factors carry no year: the page gives none (never an inferred one)', () => {
    const scaleway = rows.regions.filter((r) => r.providerId === 'scaleway');
    expect(scaleway).toHaveLength(9);
    const alpha3: Record<string, string> = { FR: 'FRA', NL: 'NLD', PL: 'POL' };
    for (const r of scaleway) {
      // The values are Ember country values, rounded to the page's 3 decimals of kg/kWh...
      const ember = inputs.averageIntensity[alpha3[r.country] ?? ''] as number;
      expect(Math.abs((r.gridGPerKwh as number) - ember), r.id).toBeLessThanOrEqual(0.5);
      // ...but the page (validated 2025-06-09) states no data year for them, nor for PUE and WUE.
      expect([r.id, r.gridYear, r.pueYear, r.wueYear]).toEqual([r.id, null, null, null]);
      expect(r.note, r.id).toMatch(/no data year/);
      const region = catalog.regions('scaleway').find((x) => x.row.id === r.id);
      expect(region?.grid, r.id).toMatchObject({ name: 'grid_intensity', year: null, status: 'published' });
    }
  });

  it('no factor of the catalog is dated after its source was published, nor by a page date alone', () => {
    const late: string[] = [];
    const check = (what: string, year: number | null, source: string | null) => {
      const published = source ? sourceYear.get(source) : null;
      if (year !== null && published != null && year > published)
        late.push(`${what}: ${year} > ${published}`);
    };
    for (const p of catalog.providers) {
      for (const r of catalog.regions(p.id)) {
        for (const f of [r.pue, r.wue, r.grid, r.gridCountry, r.ewif])
          check(`${p.id}/${r.row.id} ${f.name}`, f.year, f.source_id);
      }
      // A lifespan is an assumption, not a measurement: no data year.
      expect(p.lifespan.year, p.id).toBeNull();
    }
    for (const f of [catalog.memoryPower, catalog.restOfServer]) check(f.name, f.year, f.source_id);
    expect(late).toEqual([]);
  });
});

/**
 * Copied by hand from github.com/thegreenwebfoundation/co2.js, tag v0.19.0 (commit
 * 25f308cfee701a4631d224acd7c1d6c7ffd3ad14), data/output/average-intensities.json: for each key,
 * `<key>.year` and `<key>.emissions_intensity_gco2_per_kwh` (WORLD is the file's `World` entry,
 * which the npm package upper-cases). Not read from src/factors/data/ember-country-years.csv.
 */
const EMBER_V0_19_0: [zone: string, year: number, gPerKwh: number][] = [
  ['FRA', 2024, 44.18], // France
  ['USA', 2024, 383.55], // United States
  ['DEU', 2024, 342.06], // Germany
  ['IND', 2024, 708.96], // India
  ['WORLD', 2024, 472.94], // "World"
  ['IDN', 2023, 682.43], // Indonesia
  ['ISR', 2023, 567.26], // Israel
  ['HKG', 2023, 681.99], // Hong Kong (SAR of China)
  ['BHR', 2023, 902.41], // Bahrain
  ['ISL', 2023, 28.33], // Iceland
  ['UKR', 2022, 250.47], // Ukraine
  ['NPL', 2022, 23.36], // Nepal
  ['JOR', 2022, 539.21], // Jordan
  ['LKA', 2022, 509.78], // Sri Lanka
  ['JAM', 2022, 561.25], // Jamaica
];

/** src/factors/data/ember-country-years.csv, parsed here on its own. */
const emberCsv = parseCsvRecords(
  await readFile(new URL('../../src/factors/data/ember-country-years.csv', import.meta.url), 'utf8'),
  'ember-country-years.csv',
).records;

describe('Ember grid zones carry the data year CO2.js’s repository data gives each country', () => {
  const grid = new Map(rows.gridIntensities.map((g) => [g.zone, g]));

  it('15 zones have the year and value of average-intensities.json at v0.19.0 (by hand)', () => {
    expect(inputs.co2jsVersion).toBe('0.19.0');
    for (const [zone, year, gPerKwh] of EMBER_V0_19_0) {
      expect([zone, grid.get(zone)?.year, grid.get(zone)?.gPerKwh]).toEqual([zone, year, gPerKwh]);
      // The value stays the npm package's; the year comes from the repository file of its tag.
      expect(inputs.averageIntensity[zone], zone).toBe(gPerKwh);
      expect(catalog.gridZone(zone)?.year, zone).toBe(year);
    }
  });

  it('every Ember zone of the seed has the year and value of ember-country-years.csv', () => {
    const csv = new Map(emberCsv.map((r) => [r.zone ?? '', r]));
    const ember = rows.gridIntensities.filter((g) => g.sourceId === 'ember-via-co2js');
    expect(ember).toHaveLength(rows.gridIntensities.length);
    const wrong = ember.filter((g) => {
      const r = csv.get(g.zone);
      return !r || Number(r.year) !== g.year || Number(r.g_per_kwh) !== g.gPerKwh;
    });
    expect(wrong).toEqual([]);
    for (const g of ember) expect(g.gPerKwh, g.zone).toBe(inputs.averageIntensity[g.zone]);
    // One row per zone: the catalog's "latest year of each zone" is that row.
    expect(new Set(ember.map((g) => g.zone)).size).toBe(ember.length);
    expect(catalog.gridZones).toHaveLength(ember.length);
    // The review's count: 2023 for 81 entries, 2022 for 39; the rest (WORLD included) 2024.
    const perYear: Record<number, number> = {};
    for (const g of ember) perYear[g.year] = (perYear[g.year] ?? 0) + 1;
    expect(perYear).toEqual({ 2022: 39, 2023: 81, 2024: 89 });
    const source = rows.sources.find((s) => s.id === 'ember-via-co2js');
    expect(source?.note).toMatch(
      /average-intensities\.json at tag v0\.19\.0 \(commit 25f308cfee701a4631d224acd7c1d6c7ffd3ad14\)/,
    );
  });
});

describe('data years end to end (seeded migrations, HTTP answers)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it('an estimate for scaleway fr-par-2 answers its grid factor with year null', async () => {
    const res = await t.post('/v1/estimates/server', {
      provider: 'scaleway',
      region: 'fr-par-2',
      instance_type: 'PRO2-XS',
      duration_hours: 730,
    });
    expect(res.status).toBe(200);
    const e = await t.json(res);
    const grid = e.factors.find((f: { name: string }) => f.name === 'grid_intensity');
    expect(grid).toMatchObject({
      value: 44,
      source_id: 'scaleway-footprint-reference-2025',
      year: null,
      status: 'published',
    });
    const regions = await t.json(await t.request('/v1/providers/scaleway/regions'));
    for (const r of regions.data) {
      const f = r.factors.find((x: { name: string }) => x.name === 'grid_intensity');
      expect([r.id, f.year]).toEqual([r.id, null]);
    }
  });

  it('grid intensity answers each country’s own data year', async () => {
    for (const [zone, year] of [
      ['UA', 2022],
      ['IL', 2023],
      ['FR', 2024],
    ] as const) {
      const g = await t.json(await t.request(`/v1/grid-intensity/${zone}`));
      expect([zone, g.year]).toEqual([zone, year]);
    }
  });
});
