import { describe, expect, it } from 'vitest';
import { exact, ranged } from '../../src/models/factor.js';
import { type ServerFactorValues, serverFootprint, serverFootprintAt } from '../../src/models/server.js';

describe('server footprint: Cloud Carbon Footprint cross-check (METHODOLOGY.md)', () => {
  // AWS m5.large in us-east-1, u = 0.5, 730 h, CCF's Skylake 0.65/4.26 W and PUE 1.135.
  const ccf: ServerFactorValues = {
    cpuPowerPerVcpuW: exact(0.65 + 0.5 * (4.26 - 0.65)),
    memoryKwhPerGbHour: exact(0.000392),
    pue: exact(1.135),
    gridGPerKwh: exact(379.069),
    hostEmbodiedKg: exact(1610.3792),
    hostVcpus: 96,
    lifespanHours: 35_040,
    wueLPerKwh: exact(0),
    ewifLPerKwh: exact(0),
  };
  const r = serverFootprintAt({ vcpus: 2, memoryGb: 8, durationHours: 730, count: 1 }, ccf, 'value');

  it('gives CCF’s CPU facility energy, 4.0682 kWh', () => {
    expect(r.cpu_energy_kwh * r.pue).toBeCloseTo(4.0682, 4);
  });

  it('gives CCF’s embodied emissions, 698.9 g', () => {
    expect(r.embodied_co2e_g).toBeCloseTo(698.9, 1);
  });
});

describe('server footprint: Scaleway COPARM1-4C-16G in fr-par-2 for 730 h (hand-computed)', () => {
  const f: ServerFactorValues = {
    cpuPowerPerVcpuW: ranged(1.46484375, 0.3), // Altra Max M128-30, Teads at u = 0.5
    memoryKwhPerGbHour: ranged(0.000392, 0.2),
    pue: ranged(1.16, 0.05, 1),
    gridGPerKwh: ranged(44, 0.15),
    hostEmbodiedKg: ranged(1687.9024, 0.5),
    hostVcpus: 128,
    lifespanHours: 52_560,
    wueLPerKwh: ranged(0.25, 0.2),
    ewifLPerKwh: ranged(3.673696, 0.3),
  };
  const r = serverFootprint({ vcpus: 4, memoryGb: 16, durationHours: 730, count: 1 }, f);

  it('computes energy, operational and embodied parts', () => {
    expect(r.breakdown.cpu_energy_kwh).toBeCloseTo(4.27734375, 12); // 4 · 1.46484375 · 730 / 1000
    expect(r.breakdown.memory_energy_kwh).toBeCloseTo(4.57856, 12); // 16 · 0.000392 · 730
    expect(r.breakdown.it_energy_kwh).toBeCloseTo(8.85590375, 12);
    expect(r.energy_kwh).toBeCloseTo(10.27284835, 10); // · 1.16
    expect(r.breakdown.operational_co2e_g).toBeCloseTo(452.0053274, 8); // · 44
    expect(r.breakdown.embodied_co2e_g).toBeCloseTo(732.5965277778, 8); // 1687902.4 · 4/128 · 730/52560
    expect(r.co2e_g).toBeCloseTo(1184.6018551778, 8);
  });

  it('computes on-site and off-site water', () => {
    expect(r.breakdown.water_onsite_l).toBeCloseTo(2.2139759375, 10); // 8.85590375 · 0.25
    expect(r.breakdown.water_offsite_l).toBeCloseTo(37.739321892, 8); // 10.27284835 · 3.673696
    expect(r.water_l).toBeCloseTo(r.breakdown.water_onsite_l + r.breakdown.water_offsite_l, 12);
  });

  it('evaluates the range with every factor at its low and high', () => {
    // low: P 1.025390625, mem 0.0003136, PUE 1.102, grid 37.4, embodied 843.9512
    const itLow = (4 * 1.025390625 * 730) / 1000 + 16 * 0.0003136 * 730;
    const low = itLow * 1.102 * 37.4 + 843951.2 * (4 / 128) * (730 / 52_560);
    const itHigh = (4 * 1.904296875 * 730) / 1000 + 16 * 0.0004704 * 730;
    const high = itHigh * 1.218 * 50.6 + 2531853.6 * (4 / 128) * (730 / 52_560);
    expect(r.co2e_g_low).toBeCloseTo(low, 8);
    expect(r.co2e_g_high).toBeCloseTo(high, 8);
    expect(r.co2e_g_low).toBeLessThan(r.co2e_g);
    expect(r.co2e_g_high).toBeGreaterThan(r.co2e_g);
  });

  it('scales linearly with count', () => {
    const three = serverFootprint({ vcpus: 4, memoryGb: 16, durationHours: 730, count: 3 }, f);
    expect(three.co2e_g).toBeCloseTo(3 * r.co2e_g, 8);
    expect(three.water_l).toBeCloseTo(3 * r.water_l, 8);
  });
});

describe('ranged', () => {
  it('never lets PUE fall below 1.0', () => {
    expect(ranged(1.05, 0.1, 1)).toEqual({ value: 1.05, low: 1, high: 1.05 * 1.1 });
  });
});
