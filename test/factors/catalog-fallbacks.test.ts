import { beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog, type Catalog } from '../../src/factors/catalog.js';
import { emptyFactors } from '../../src/factors/seed/regions/empty.js';
import type { CatalogData, RegionRow } from '../../src/factors/store.js';
import { estimateServer } from '../../src/services/server-estimate.js';
import { createTestApp } from '../helpers/app.js';

/**
 * The catalog's fallbacks (docs/methodology.md §2, §3.3) run on regions that lack a published
 * PUE, WUE or grid value: rows added to the real factor data, so the fallbacks' numbers are the
 * seeded provider defaults and global factors, checked as literals.
 */
let catalog: Catalog;
beforeAll(async () => {
  const t = await createTestApp();
  const data: CatalogData = await t.store.loadCatalogData();
  const template = data.regions.find((r) => r.providerId === 'aws' && r.id === 'eu-west-3') as RegionRow;
  const bare = (providerId: string, id: string, country: string): RegionRow => ({
    ...template,
    providerId,
    id,
    country,
    gridZone: country,
    ...emptyFactors(),
  });
  catalog = buildCatalog({
    ...data,
    regions: [
      ...data.regions,
      // AWS publishes a fleet PUE and WUE; France has an Ember value.
      bare('aws', 'test-bare-fr', 'FR'),
      // OVHcloud publishes no default PUE or WUE; Kosovo has no Ember value nor a WRI one.
      bare('ovhcloud', 'test-bare-xk', 'XK'),
    ],
  });
});

describe('catalog fallbacks', () => {
  it("falls back to the provider's PUE and WUE and to the country's grid", () => {
    const r = catalog.region('aws', 'test-bare-fr');
    expect(r?.pue).toMatchObject({
      value: 1.15,
      status: 'default',
      source_id: 'aws-sustainability-2024',
      year: 2024,
    });
    expect(r?.pue.low).toBeCloseTo(1.15 * 0.9, 12);
    expect(r?.pue.high).toBeCloseTo(1.15 * 1.1, 12);
    expect(r?.wue).toMatchObject({ value: 0.18, status: 'default', year: 2023 });
    expect(r?.grid).toMatchObject({
      value: 44.18,
      status: 'proxy',
      source_id: 'ember-via-co2js',
      year: 2024,
    });
    expect(r?.warnings).toEqual([
      "No published PUE for aws test-bare-fr: Amazon Web Services's default PUE 1.15 is used.",
    ]);
  });

  it('falls back to the industry PUE 1.56, no on-site water and the world grid, each with a warning', () => {
    const r = catalog.region('ovhcloud', 'test-bare-xk');
    expect(r?.pue).toMatchObject({ value: 1.56, status: 'default', source_id: 'uptime-institute-2024' });
    expect(r?.pue.low).toBeCloseTo(1.404, 12);
    expect(r?.wue).toMatchObject({ value: 0, low: 0, high: 0, status: 'default', source_id: null });
    expect(r?.grid).toMatchObject({ status: 'default', source_id: 'ember-via-co2js' });
    expect(r?.grid.value).toBe(catalog.gridZone('WORLD')?.gPerKwh);
    expect(r?.ewif.status).toBe('default');
    expect(r?.warnings).toEqual([
      'No published PUE for ovhcloud test-bare-xk: the industry average PUE 1.56 is used.',
      'No published WUE for ovhcloud test-bare-xk: on-site water is counted as 0.',
      'No grid intensity for ovhcloud test-bare-xk or its country: the world average is used.',
      expect.stringMatching(
        /^No electricity water factor for XK: the world median of the WRI table \(3\.687402 L\/kWh\)/,
      ),
    ]);
  });

  it('carries the fallbacks into an estimate: energy at PUE 1.56, water without an on-site part', () => {
    const e = estimateServer(catalog, {
      provider: 'ovhcloud',
      region: 'test-bare-xk',
      hardware: { vcpus: 2, memory_gb: 4 },
      duration_hours: 100,
    });
    expect(e.energy_kwh).toBeCloseTo(e.breakdown.it_energy_kwh * 1.56, 12);
    expect(e.breakdown.water_onsite_l).toBe(0);
    expect(e.breakdown.water_offsite_l).toBeCloseTo(e.energy_kwh * 3.687402, 9);
    expect(e.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/industry average PUE 1\.56/)]));
  });
});
