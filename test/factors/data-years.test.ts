import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readSeedInputs } from '../../scripts/generate-seed.js';
import { buildCatalog } from '../../src/factors/catalog.js';
import { buildSeedRows, CO2JS_DATA_YEARS } from '../../src/factors/seed/build-seed.js';
import { parseCsvRecords } from '../../src/factors/seed/csv.js';

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

  it('Scaleway’s grid factors are Ember 2024 country values, labelled 2024, not the page’s 2025', () => {
    const scaleway = rows.regions.filter((r) => r.providerId === 'scaleway');
    expect(scaleway).toHaveLength(9);
    const alpha3: Record<string, string> = { FR: 'FRA', NL: 'NLD', PL: 'POL' };
    for (const r of scaleway) {
      const ember = inputs.averageIntensity[alpha3[r.country] ?? ''] as number;
      expect(Math.abs((r.gridGPerKwh as number) - ember), r.id).toBeLessThanOrEqual(0.5);
      expect(r.gridYear).toBe(CO2JS_DATA_YEARS[inputs.co2jsVersion]);
      // The page (validated 2025-06-09) states no data year for PUE and WUE.
      expect([r.pueYear, r.wueYear]).toEqual([null, null]);
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
