import { describe, expect, it } from 'vitest';
import { batchTotals } from '../../src/services/batch-estimate.js';

describe('batchTotals', () => {
  const f = (co2e: number) => ({
    co2e_g: co2e,
    co2e_g_low: co2e / 2,
    co2e_g_high: co2e * 2,
    energy_kwh: 1,
    water_l: 2,
  });

  it('totals the estimated items and lists every type present, in server, api, website order', () => {
    const { total, by_type } = batchTotals([
      { type: 'website', estimate: f(1) },
      { type: null },
      { type: 'api' },
      { type: 'website', estimate: f(3) },
      { type: 'server', estimate: f(10) },
    ]);
    expect(total).toEqual({ co2e_g: 14, co2e_g_low: 7, co2e_g_high: 28, energy_kwh: 3, water_l: 6 });
    expect(Object.keys(by_type)).toEqual(['server', 'api', 'website']);
    expect(by_type.api).toEqual({ co2e_g: 0, co2e_g_low: 0, co2e_g_high: 0, energy_kwh: 0, water_l: 0 });
    expect(by_type.website).toEqual({ co2e_g: 4, co2e_g_low: 2, co2e_g_high: 8, energy_kwh: 2, water_l: 4 });
  });
});
