import { describe, expect, it } from 'vitest';
import { exact, ranged } from '../../src/models/factor.js';
import {
  swdDefaultGridGPerKwh,
  type WebsiteFactorValues,
  websiteFootprint,
} from '../../src/models/website.js';
import { expectRel } from '../helpers/numbers.js';

const EWIF = { dataCenter: exact(2), network: exact(3), device: exact(4) };

function factors(gridGPerKwh: number): WebsiteFactorValues {
  return {
    gridGPerKwh: { dataCenter: exact(gridGPerKwh), network: exact(gridGPerKwh), device: exact(gridGPerKwh) },
    ewifLPerKwh: EWIF,
  };
}

describe('websiteFootprint', () => {
  it('default intensities per model', () => {
    expect(swdDefaultGridGPerKwh('swd-v4')).toBe(494);
    expect(swdDefaultGridGPerKwh('swd-v3')).toBe(472.94);
    expect(swdDefaultGridGPerKwh('onebyte')).toBeNull();
  });

  it('swd-v4 (hand values of website-swd-v4.test.ts), rating and methodology', () => {
    const r = websiteFootprint({ model: 'swd-v4', bytes: 1e6, greenHosting: false }, factors(494));
    expectRel(r.per_view.co2e_g, 0.1482);
    expectRel(r.per_view.energy_kwh, 0.000194);
    expectRel(r.per_view.water_l, 0.000607);
    expect(r.co2e_g_low).toBe(r.per_view.co2e_g);
    expect(r.co2e_g_high).toBe(r.per_view.co2e_g);
    expect(r.rating).toBe('C');
    expect(r.methodology).toEqual({ id: 'swd', version: '4' });
    expect(Object.keys(r.segments).sort()).toEqual(['data_center', 'network', 'user_device']);
  });

  it('swd-v3 dispatch, rating and methodology', () => {
    const r = websiteFootprint({ model: 'swd-v3', bytes: 1e6, greenHosting: false }, factors(472.94));
    expectRel(r.per_view.co2e_g, 0.289226457);
    expect(r.rating).toBe('B');
    expect(r.methodology).toEqual({ id: 'swd', version: '3' });
    expect(r.segments.production).toBeDefined();
  });

  it('onebyte dispatch: no rating, grid intensities do not apply', () => {
    const f: WebsiteFactorValues = {
      gridGPerKwh: { dataCenter: ranged(100, 0.15), network: ranged(200, 0.15), device: ranged(300, 0.15) },
      ewifLPerKwh: EWIF,
    };
    const r = websiteFootprint({ model: 'onebyte', bytes: 1e6, greenHosting: false }, f);
    expectRel(r.per_view.co2e_g, 0.290813);
    expect(r.co2e_g_low).toBe(r.per_view.co2e_g);
    expect(r.co2e_g_high).toBe(r.per_view.co2e_g);
    expect(r.rating).toBeNull();
    expect(r.methodology).toEqual({ id: 'onebyte', version: '1' });
  });

  it('swd-v4 low/high: every grid intensity at its bound, embodied fixed at 494', () => {
    // 1e6 bytes, grid 494 ± 15% on all segments:
    // low  = 0.001 · 0.194 · 419.9 + 0.052364 = 0.0814606 + 0.052364 = 0.1338246
    // high = 0.001 · 0.194 · 568.1 + 0.052364 = 0.1102114 + 0.052364 = 0.1625754
    const g = ranged(494, 0.15);
    const f: WebsiteFactorValues = {
      gridGPerKwh: { dataCenter: g, network: g, device: g },
      ewifLPerKwh: EWIF,
    };
    const r = websiteFootprint({ model: 'swd-v4', bytes: 1e6, greenHosting: false }, f);
    expectRel(r.per_view.co2e_g, 0.1482);
    expectRel(r.co2e_g_low, 0.1338246);
    expectRel(r.co2e_g_high, 0.1625754);
  });

  it('swd-v4 low/high with an exact caller override on the data centre and green hosting', () => {
    // dc exact 0 (override), network/device 494 ± 15%, green: dc operational removed anyway
    // low  = 0.001 · (0.059 + 0.080) · 419.9 + 0.052364 = 0.0583661 + 0.052364 = 0.1107301
    // high = 0.001 · 0.139 · 568.1 + 0.052364 = 0.0789659 + 0.052364 = 0.1313299
    const g = ranged(494, 0.15);
    const f: WebsiteFactorValues = {
      gridGPerKwh: { dataCenter: exact(0), network: g, device: g },
      ewifLPerKwh: EWIF,
    };
    const r = websiteFootprint({ model: 'swd-v4', bytes: 1e6, greenHosting: true }, f);
    expectRel(r.co2e_g_low, 0.1107301);
    expectRel(r.co2e_g_high, 0.1313299);
  });

  it('water uses each EWIF at its central value', () => {
    const f: WebsiteFactorValues = {
      gridGPerKwh: factors(494).gridGPerKwh,
      ewifLPerKwh: { dataCenter: ranged(1, 0.3), network: ranged(0, 0.3), device: ranged(10, 0.3) },
    };
    // 0.000055 · 1 + 0 + 0.00008 · 10 = 0.000855 L
    const r = websiteFootprint({ model: 'swd-v4', bytes: 1e6, greenHosting: false }, f);
    expectRel(r.per_view.water_l, 0.000855);
  });
});
