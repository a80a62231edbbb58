import { describe, expect, it } from 'vitest';
import { ONEBYTE_NETWORK_KWH_PER_BYTE, onebytePerView } from '../../src/models/website-onebyte.js';
import { expectRel } from '../helpers/numbers.js';

const EWIF = { dataCenter: 2, network: 3, device: 4 };

describe('onebytePerView', () => {
  it('network energy per byte is the mean of wired, Wi-Fi and 4G', () => {
    // (429 + 152 + 884) / 3 = 1465 / 3 = 488.333… e-12 kWh/byte
    expectRel(ONEBYTE_NETWORK_KWH_PER_BYTE, 4.883333333333333e-10);
  });

  it('1e6 bytes, grey hosting: everything at 519 g/kWh', () => {
    // kWh = 1e6 · (72 + 1465/3) e-12 = 1681/3 e-6 = 0.000560333… kWh
    // co2e = 1681/3 e-6 · 519 = 1681 · 173 e-6 = 0.290813 g
    const v = onebytePerView({ bytes: 1e6, greenHosting: false }, EWIF);
    expectRel(v.co2e_g, 0.290813);
    // dc = 7.2e-5 · 519 = 0.037368; network = 1465/3 e-6 · 519 = 1465 · 173 e-6 = 0.253445
    expectRel(v.segments.data_center.operational_co2e_g, 0.037368);
    expectRel(v.segments.network.operational_co2e_g, 0.253445);
    expect(v.segments.user_device).toEqual({ operational_co2e_g: 0, embodied_co2e_g: 0 });
    expect(v.segments.data_center.embodied_co2e_g).toBe(0);
    expectRel(v.energy_kwh, 0.0005603333333333333);
    // water = 7.2e-5 · 2 + 4.88333e-4 · 3 = 0.000144 + 0.001465 = 0.001609 L
    expectRel(v.water_l, 0.001609);
  });

  it('1e6 bytes, green hosting: dc at 0, network at 475 g/kWh', () => {
    // 1465/3 e-6 · 475 = 695 875 / 3 e-6 = 0.231958333… g
    const v = onebytePerView({ bytes: 1e6, greenHosting: true }, EWIF);
    expectRel(v.co2e_g, 0.2319583333333333);
    expect(v.segments.data_center.operational_co2e_g).toBe(0);
    expectRel(v.segments.network.operational_co2e_g, 0.2319583333333333);
    // energy does not depend on hosting
    expectRel(v.energy_kwh, 0.0005603333333333333);
  });

  it('segments add up to the total', () => {
    for (const greenHosting of [false, true]) {
      const v = onebytePerView({ bytes: 2_366_464, greenHosting }, EWIF);
      const s = v.segments;
      expectRel(s.data_center.operational_co2e_g + s.network.operational_co2e_g, v.co2e_g);
    }
  });

  it('bytes < 1 → 0', () => {
    const v = onebytePerView({ bytes: 0.5, greenHosting: false }, EWIF);
    expect(v.co2e_g).toBe(0);
    expect(v.energy_kwh).toBe(0);
    expect(v.water_l).toBe(0);
  });
});
