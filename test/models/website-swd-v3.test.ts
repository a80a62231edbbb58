import { describe, expect, it } from 'vitest';
import type { SegmentValues } from '../../src/models/website.js';
import { SWD_V3_GLOBAL_GRID_G_PER_KWH, swdV3PerView } from '../../src/models/website-swd-v3.js';
import { expectRel, segmentSum } from '../helpers/numbers.js';

const WORLD: SegmentValues<number> = { dataCenter: 472.94, network: 472.94, device: 472.94 };
const EWIF: SegmentValues<number> = { dataCenter: 2, network: 3, device: 4 };

describe('swdV3PerView', () => {
  it('uses 472.94 g/kWh (CO2.js WORLD) as its global intensity', () => {
    expect(SWD_V3_GLOBAL_GRID_G_PER_KWH).toBe(472.94);
  });

  it('1e6 bytes with the v3 defaults (0.75 first, 0.25 return, 0.02 reload)', () => {
    // E = 0.001 GB · 0.81 = 0.00081 kWh; w = 0.75 + 0.25 · 0.02 = 0.755
    // total = 0.00081 · 0.755 · 472.94 = 0.000611550 · 472.94 = 0.289226457 g
    const v = swdV3PerView({ bytes: 1e6, greenHosting: false }, WORLD, EWIF);
    expectRel(v.co2e_g, 0.289226457);
    // dc   0.00081 · 0.15 · 0.755 = 0.0000917325 kWh · 472.94 = 0.04338396855
    // net  0.00081 · 0.14 · 0.755 = 0.0000856170 kWh · 472.94 = 0.04049170398
    // dev  0.00081 · 0.52 · 0.755 = 0.0003180060 kWh · 472.94 = 0.15039775764
    // prod 0.00081 · 0.19 · 0.755 = 0.0001161945 kWh · 472.94 = 0.05495302683
    expectRel(v.segments.data_center.operational_co2e_g, 0.04338396855);
    expectRel(v.segments.network.operational_co2e_g, 0.04049170398);
    expectRel(v.segments.user_device.operational_co2e_g, 0.15039775764);
    expect(v.segments.data_center.embodied_co2e_g).toBe(0);
    expect(v.segments.production?.operational_co2e_g).toBe(0);
    expectRel(v.segments.production?.embodied_co2e_g ?? Number.NaN, 0.05495302683);
    expectRel(segmentSum(v.segments), 0.289226457);
    // use-phase energy = 0.001 GB · 0.81 · (0.15 + 0.14 + 0.52) · 0.755 = 0.6561 · 0.001 · 0.755
    //                  = 0.0004953555 kWh; production = 0.001 · 0.81 · 0.19 · 0.755 = 0.0001161945 kWh
    expectRel(v.energy_kwh, 0.0004953555, 1e-9);
    expectRel(v.production_energy_kwh ?? Number.NaN, 0.0001161945, 1e-9);
    // their sum is CO2.js's energyPerVisit: 0.00081 · 0.755 = 0.00061155 kWh
    expectRel(v.energy_kwh + (v.production_energy_kwh ?? 0), 0.00061155, 1e-9);
    // water = 0.0000917325·2 + 0.000085617·3 + 0.000318006·4
    //       = 0.000183465 + 0.000256851 + 0.001272024 = 0.00171234 L
    expectRel(v.water_l, 0.00171234);
  });

  it('green hosting puts the data centre at 50 g/kWh (not zero)', () => {
    // dc = 0.0000917325 · 50 = 0.004586625 → total = 0.289226457 − 0.0000917325 · (472.94 − 50)
    //    = 0.289226457 − 0.03879734355 = 0.25042911345 g
    const v = swdV3PerView({ bytes: 1e6, greenHosting: true }, WORLD, EWIF);
    expectRel(v.co2e_g, 0.25042911345);
    expectRel(v.segments.data_center.operational_co2e_g, 0.004586625);
    expectRel(segmentSum(v.segments), 0.25042911345);
  });

  it('overrides change dc, network, device but not production', () => {
    // w = 1; dc 0.0001215 · 100 = 0.01215, net 0.0001134 · 200 = 0.02268,
    // dev 0.0004212 · 300 = 0.12636, prod 0.0001539 · 472.94 = 0.072785466
    // total = 0.233975466 g
    const input = {
      bytes: 1e6,
      greenHosting: false,
      firstVisitRatio: 1,
      returnVisitRatio: 0,
      dataReloadRatio: 0,
    };
    const v = swdV3PerView(input, { dataCenter: 100, network: 200, device: 300 }, EWIF);
    expectRel(v.co2e_g, 0.233975466);
    expectRel(v.segments.production?.embodied_co2e_g ?? Number.NaN, 0.072785466);
    // energy = 0.6561 · 0.001 · 1 = 0.0006561 kWh (production 0.0001539 kWh apart)
    expectRel(v.energy_kwh, 0.0006561, 1e-9);
    expectRel(v.production_energy_kwh ?? Number.NaN, 0.0001539, 1e-9);
  });

  it('green hosting replaces a data-centre override; green_hosting_factor is ignored', () => {
    // as above with dc 0.0001215 · 50 = 0.006075 → 0.233975466 − 0.01215 + 0.006075 = 0.227900466
    const base = { bytes: 1e6, firstVisitRatio: 1, returnVisitRatio: 0, dataReloadRatio: 0 };
    const grid = { dataCenter: 100, network: 200, device: 300 };
    expectRel(swdV3PerView({ ...base, greenHosting: true }, grid, EWIF).co2e_g, 0.227900466);
    expectRel(
      swdV3PerView({ ...base, greenHosting: false, greenHostingFactor: 0.7 }, grid, EWIF).co2e_g,
      0.233975466,
    );
  });

  it('2,366,464 bytes with the defaults', () => {
    // 0.002366464 GB → 2.366464 · 0.289226457 (the 1e6-byte total)
    //   = 0.578452914 + 0.366464 · 0.289226457 = 0.578452914 + 0.105991084338048 = 0.684443998338048 g
    const v = swdV3PerView({ bytes: 2_366_464, greenHosting: false }, WORLD, EWIF);
    expectRel(v.co2e_g, 0.684443998338048);
  });

  it('bytes = 0 → 0', () => {
    const v = swdV3PerView({ bytes: 0, greenHosting: true }, WORLD, EWIF);
    expect(v.co2e_g).toBe(0);
    expect(v.energy_kwh).toBe(0);
  });
});
