import { describe, expect, it } from 'vitest';
import type { SegmentValues } from '../../src/models/website.js';
import { SWD_GLOBAL_GRID_G_PER_KWH, swdV4PerView } from '../../src/models/website-swd-v4.js';
import { expectRel, segmentSum } from '../helpers/numbers.js';

const GLOBAL: SegmentValues<number> = { dataCenter: 494, network: 494, device: 494 };
const EWIF: SegmentValues<number> = { dataCenter: 2, network: 3, device: 4 };

describe('swdV4PerView', () => {
  it('exports the 494 g/kWh global intensity', () => {
    expect(SWD_GLOBAL_GRID_G_PER_KWH).toBe(494);
  });

  it('1e6 bytes, global intensities, grey hosting', () => {
    // GB = 0.001
    // operational = 0.001 · (0.055 + 0.059 + 0.080) · 494 = 0.001 · 0.194 · 494 = 0.095836
    // embodied    = 0.001 · (0.012 + 0.013 + 0.081) · 494 = 0.001 · 0.106 · 494 = 0.052364
    // total       = 0.1482 g
    const v = swdV4PerView({ bytes: 1e6, greenHosting: false }, GLOBAL, EWIF);
    expectRel(v.co2e_g, 0.1482);
    // dc: 0.055·0.494 = 0.02717, 0.012·0.494 = 0.005928
    // net: 0.059·0.494 = 0.029146, 0.013·0.494 = 0.006422
    // dev: 0.080·0.494 = 0.03952, 0.081·0.494 = 0.040014
    expectRel(v.segments.data_center.operational_co2e_g, 0.02717);
    expectRel(v.segments.data_center.embodied_co2e_g, 0.005928);
    expectRel(v.segments.network.operational_co2e_g, 0.029146);
    expectRel(v.segments.network.embodied_co2e_g, 0.006422);
    expectRel(v.segments.user_device.operational_co2e_g, 0.03952);
    expectRel(v.segments.user_device.embodied_co2e_g, 0.040014);
    expect(v.segments.production).toBeUndefined();
    // energy = 0.001 · 0.194 = 0.000194 kWh
    expectRel(v.energy_kwh, 0.000194);
    // water = 0.000055·2 + 0.000059·3 + 0.000080·4 = 0.00011 + 0.000177 + 0.00032 = 0.000607 L
    expectRel(v.water_l, 0.000607);
  });

  it('2,366,464 bytes (median page), global intensities', () => {
    // GB = 0.002366464; (0.194 + 0.106) · 494 = 148.2 g/GB → 0.002366464 · 148.2 = 0.3507099648 g
    const v = swdV4PerView({ bytes: 2_366_464, greenHosting: false }, GLOBAL, EWIF);
    expectRel(v.co2e_g, 0.3507099648);
    // energy = 0.002366464 · 0.194 = 0.000459094016 kWh
    expectRel(v.energy_kwh, 0.000459094016);
  });

  it('green hosting removes all data-centre operational emissions, and the segments say so', () => {
    // 0.1482 − 0.02717 = 0.12103 g
    const v = swdV4PerView({ bytes: 1e6, greenHosting: true }, GLOBAL, EWIF);
    expectRel(v.co2e_g, 0.12103);
    expect(v.segments.data_center.operational_co2e_g).toBe(0);
    expectRel(v.segments.data_center.embodied_co2e_g, 0.005928);
    expectRel(segmentSum(v.segments), v.co2e_g);
    // energy and water are unchanged by green hosting
    expectRel(v.energy_kwh, 0.000194);
    expectRel(v.water_l, 0.000607);
  });

  it('green = true wins over a green hosting factor', () => {
    const v = swdV4PerView({ bytes: 1e6, greenHosting: true, greenHostingFactor: 0.2 }, GLOBAL, EWIF);
    expectRel(v.co2e_g, 0.12103);
  });

  it('overrides, partial green hosting and visit weighting', () => {
    // I = dc 50, net 100, dev 200; g = 0.5; w = 0.8 + 0.2 · 0.5 = 0.9
    // dc op  = 0.000055 · 50 = 0.00275 → · (1 − 0.5) = 0.001375
    // net op = 0.000059 · 100 = 0.0059;   dev op = 0.00008 · 200 = 0.016
    // embodied (always 494) = 0.052364
    // first visit = 0.001375 + 0.0059 + 0.016 + 0.052364 = 0.075639 → · 0.9 = 0.0680751 g
    const v = swdV4PerView(
      {
        bytes: 1e6,
        greenHosting: false,
        greenHostingFactor: 0.5,
        firstVisitRatio: 0.8,
        returnVisitRatio: 0.2,
        dataReloadRatio: 0.5,
      },
      { dataCenter: 50, network: 100, device: 200 },
      EWIF,
    );
    expectRel(v.co2e_g, 0.0680751);
    // segments · 0.9: dc 0.0012375 / 0.0053352, net 0.00531 / 0.0057798, dev 0.0144 / 0.0360126
    expectRel(v.segments.data_center.operational_co2e_g, 0.0012375);
    expectRel(v.segments.data_center.embodied_co2e_g, 0.0053352);
    expectRel(v.segments.network.operational_co2e_g, 0.00531);
    expectRel(v.segments.network.embodied_co2e_g, 0.0057798);
    expectRel(v.segments.user_device.operational_co2e_g, 0.0144);
    expectRel(v.segments.user_device.embodied_co2e_g, 0.0360126);
    expectRel(segmentSum(v.segments), 0.0680751);
    // energy = 0.000194 · 0.9 = 0.0001746 kWh; water = 0.000607 · 0.9 = 0.0005463 L
    expectRel(v.energy_kwh, 0.0001746);
    expectRel(v.water_l, 0.0005463);
  });

  it('a zero intensity override zeroes only that operational part', () => {
    // 0.1482 − net operational 0.029146 = 0.119054
    const v = swdV4PerView({ bytes: 1e6, greenHosting: false }, { ...GLOBAL, network: 0 }, EWIF);
    expectRel(v.co2e_g, 0.119054);
    expect(v.segments.network.operational_co2e_g).toBe(0);
    expectRel(v.segments.network.embodied_co2e_g, 0.006422);
  });

  it('bytes < 1 → 0 (CO2.js), bytes = 1 is not zero', () => {
    expect(swdV4PerView({ bytes: 0, greenHosting: false }, GLOBAL, EWIF).co2e_g).toBe(0);
    const half = swdV4PerView({ bytes: 0.5, greenHosting: false }, GLOBAL, EWIF);
    expect(half.co2e_g).toBe(0);
    expect(half.energy_kwh).toBe(0);
    expect(half.water_l).toBe(0);
    // 1 byte = 1e-9 GB · 148.2 = 1.482e-7 g
    expectRel(swdV4PerView({ bytes: 1, greenHosting: false }, GLOBAL, EWIF).co2e_g, 1.482e-7);
  });
});
