import { describe, expect, it } from 'vitest';
import { exact, ranged } from '../../src/models/factor.js';
import {
  type ServerFactorValues,
  serverFootprint,
  serverFootprintAt,
  specpowerMemoryGbCounted,
  wholeServerPowerPerVcpuW,
} from '../../src/models/server.js';
import { expectRel } from '../helpers/numbers.js';

describe('server footprint: Cloud Carbon Footprint cross-check (docs/methodology.md)', () => {
  // AWS m5.large in us-east-1, u = 0.5, 730 h, CCF's Skylake 0.65/4.26 W and PUE 1.135.
  const ccf: ServerFactorValues = {
    cpuPowerPerVcpuW: exact(0.65 + 0.5 * (4.26 - 0.65)),
    memoryKwhPerGbHour: exact(0.000392),
    restOfServerRatio: exact(0),
    pue: exact(1.135),
    gridGPerKwh: exact(379.069),
    hostEmbodiedKg: exact(1610.3792),
    hostVcpus: 96,
    lifespanHours: 35_040,
    wueLPerKwh: exact(0),
    ewifLPerKwh: exact(0),
  };
  const counted = specpowerMemoryGbCounted(8, { memoryGb: 384, chips: 1 }, 81.32);
  const r = serverFootprintAt(
    { vcpus: 2, memoryGbCounted: counted, durationHours: 730, count: 1 },
    ccf,
    'specpower',
    'value',
  );

  it('gives CCF’s CPU facility energy, 4.0682 kWh', () => {
    expect(r.cpu_energy_kwh * r.pue).toBeCloseTo(4.0682, 4);
  });

  it('gives CCF’s embodied emissions, 698.9 g', () => {
    expect(r.embodied_co2e_g).toBeCloseTo(698.9, 1);
  });

  it('counts m5.large memory as CCF does: (384 − 81.32) · 8 / 384 GB, 1.80448 kWh over 730 h', () => {
    expectRel(counted, ((384 - 81.32) * 8) / 384, 1e-15);
    expect(Math.abs(counted - 6.305833333333333)).toBeLessThan(1e-9);
    expect(Math.abs(r.memory_energy_kwh - 6.305833333333333 * 730 * 0.000392)).toBeLessThan(1e-9);
    expect(Math.abs(r.memory_energy_kwh - 1.8044772666666666)).toBeLessThan(1e-9);
    expect(r.memory_gb_counted).toBe(counted);
    expect(r.rest_of_server_energy_kwh).toBe(0);
    expect(r.power_basis).toBe('specpower');
  });
});

describe('CCF memory rule (calculateGigabyteHours)', () => {
  it('counts nothing when the host has no more memory per chip than SPECpower’s reference', () => {
    // t3.2xlarge host: 8 vCPU, 32 GB on 1 chip < Cascade Lake 98.12 GB/chip
    expect(specpowerMemoryGbCounted(32, { memoryGb: 32, chips: 1 }, 98.12)).toBe(0);
    expect(specpowerMemoryGbCounted(8, { memoryGb: 81.32, chips: 1 }, 81.32)).toBe(0);
  });

  it('splits the host memory over its chips (z1d: 2 chips, 384 GB, Cascade Lake)', () => {
    // per chip 192 GB − 98.12 = 93.88 GB extra; z1d.large (16 GB) counts 93.88 · 16 / 384
    expectRel(specpowerMemoryGbCounted(16, { memoryGb: 384, chips: 2 }, 98.12), 3.9116666666666666, 1e-12);
  });

  it('scales with the instance’s share of the host memory', () => {
    const one = specpowerMemoryGbCounted(8, { memoryGb: 384, chips: 1 }, 81.32);
    expectRel(specpowerMemoryGbCounted(384, { memoryGb: 384, chips: 1 }, 81.32), 48 * one, 1e-12);
  });
});

describe('whole-server power per vCPU', () => {
  it('is P(u) · (1 + r), each bound with its own', () => {
    const w = wholeServerPowerPerVcpuW(ranged(2, 0.3), { value: 0.33, low: 0.2, high: 0.6 });
    expect(w).toEqual({ value: 2 * 1.33, low: 1.4 * 1.2, high: 2.6 * 1.6 });
    expect(wholeServerPowerPerVcpuW(exact(3), exact(0))).toEqual(exact(3));
  });
});

describe('server footprint: Scaleway COPARM1-4C-16G in fr-par-2 for 730 h (TDP curve, hand-computed)', () => {
  const f: ServerFactorValues = {
    cpuPowerPerVcpuW: ranged(1.46484375, 0.3), // Altra Max M128-30, Teads at u = 0.5
    memoryKwhPerGbHour: { value: 0.000392, low: 0.000284, high: 0.0004704 },
    restOfServerRatio: { value: 0.33, low: 0.2, high: 0.6 },
    pue: ranged(1.16, 0.05, 1),
    gridGPerKwh: ranged(44, 0.15),
    hostEmbodiedKg: ranged(1687.9024, 0.5),
    hostVcpus: 128,
    lifespanHours: 52_560,
    wueLPerKwh: ranged(0.25, 0.2),
    ewifLPerKwh: ranged(3.673696, 0.3),
  };
  // A TDP-curve profile counts all the memory.
  const r = serverFootprint({ vcpus: 4, memoryGbCounted: 16, durationHours: 730, count: 1 }, f, 'tdp-curve');

  it('computes energy (CPU, all memory, rest of server), operational and embodied parts', () => {
    const b = r.breakdown;
    expectRel(b.cpu_energy_kwh, 4.27734375); // 4 · 1.46484375 · 730 / 1000
    expectRel(b.memory_energy_kwh, 4.57856); // 16 · 0.000392 · 730
    expectRel(b.rest_of_server_energy_kwh, 2.9224482375); // (4.27734375 + 4.57856) · 0.33
    expectRel(b.it_energy_kwh, 11.7783519875);
    expectRel(r.energy_kwh, 13.6628883055); // · 1.16
    expectRel(b.operational_co2e_g, 601.167085442); // · 44
    expectRel(b.embodied_co2e_g, 732.5965277777777); // 1687902.4 · 4/128 · 730/52560
    expectRel(r.co2e_g, 1333.7636132197777);
    expect(b.power_basis).toBe('tdp-curve');
    expect(b.memory_gb_counted).toBe(16);
  });

  it('computes on-site and off-site water', () => {
    expectRel(r.breakdown.water_onsite_l, 2.944587996875); // 11.7783519875 · 0.25
    expectRel(r.breakdown.water_offsite_l, 50.19329811636212); // 13.6628883055 · 3.673696
    expectRel(r.water_l, r.breakdown.water_onsite_l + r.breakdown.water_offsite_l);
  });

  it('evaluates the range with every factor at its low and high', () => {
    // low: P 1.025390625, mem 0.000284, r 0.2, PUE 1.102, grid 37.4, embodied 843.9512
    const itLow = ((4 * 1.025390625 * 730) / 1000 + 16 * 0.000284 * 730) * 1.2;
    const low = itLow * 1.102 * 37.4 + 843951.2 * (4 / 128) * (730 / 52_560);
    const itHigh = ((4 * 1.904296875 * 730) / 1000 + 16 * 0.0004704 * 730) * 1.6;
    const high = itHigh * 1.218 * 50.6 + 2531853.6 * (4 / 128) * (730 / 52_560);
    expectRel(r.co2e_g_low, low);
    expectRel(r.co2e_g_high, high);
    expect(r.co2e_g_low).toBeLessThan(r.co2e_g);
    expect(r.co2e_g_high).toBeGreaterThan(r.co2e_g);
  });

  it('scales linearly with count', () => {
    const three = serverFootprint(
      { vcpus: 4, memoryGbCounted: 16, durationHours: 730, count: 3 },
      f,
      'tdp-curve',
    );
    expectRel(three.co2e_g, 3 * r.co2e_g);
    expectRel(three.water_l, 3 * r.water_l);
  });
});

describe('ranged', () => {
  it('never lets PUE fall below 1.0', () => {
    expect(ranged(1.05, 0.1, 1)).toEqual({ value: 1.05, low: 1, high: 1.05 * 1.1 });
  });
});

describe('the other basis of methodology 3', () => {
  const values = (cpuW: number, restRatio: number): ServerFactorValues => ({
    cpuPowerPerVcpuW: ranged(cpuW, 0.2),
    memoryKwhPerGbHour: exact(0.000392),
    restOfServerRatio: exact(restRatio),
    pue: exact(1.2),
    gridGPerKwh: ranged(100, 0.15),
    hostEmbodiedKg: exact(1000),
    hostVcpus: 64,
    lifespanHours: 35_040,
    wueLPerKwh: exact(0),
    ewifLPerKwh: exact(0),
  });
  const w = { vcpus: 2, memoryGbCounted: 1, durationHours: 1000, count: 1 };

  it('widens the range to span the other basis and reports it; v2 (undefined) leaves no trace', () => {
    const plain = serverFootprint(w, values(2, 0), 'specpower');
    expect('other_basis' in plain.breakdown).toBe(false);
    const none = serverFootprint(w, values(2, 0), 'specpower', null);
    expect(none.breakdown.other_basis).toBeNull();
    expect(none.co2e_g_high).toBe(plain.co2e_g_high);
    // Other basis: 5 W per vCPU, 8 GB, + 33 %: IT = (2 · 5 + 8 · 0.392) · 1.33 W · 1000 h
    const other = { workload: { ...w, memoryGbCounted: 8 }, values: values(5, 0.33) };
    const r = serverFootprint(w, values(2, 0), 'specpower', other);
    const it = ((2 * 5 + 8 * 0.392) * 1.33 * 1000) / 1000;
    const embodied = 1000 * 1000 * (2 / 64) * (1000 / 35_040);
    expect(r.breakdown.other_basis?.it_energy_kwh).toBeCloseTo(it, 12);
    expect(r.breakdown.other_basis?.energy_kwh).toBeCloseTo(it * 1.2, 12);
    expect(r.breakdown.other_basis?.co2e_g).toBeCloseTo(it * 1.2 * 100 + embodied, 9);
    expect(r.co2e_g).toBe(plain.co2e_g);
    expect(r.co2e_g_low).toBe(plain.co2e_g_low);
    expect(r.co2e_g_high).toBeCloseTo(it * 1.2 * 100 + embodied, 9);
    expect(r.co2e_g_high).toBeGreaterThan(plain.co2e_g_high);
    // Below the range: the low end moves down to it.
    const below = serverFootprint(w, values(2, 0), 'specpower', {
      workload: { ...w, memoryGbCounted: 0 },
      values: values(0.5, 0),
    });
    expect(below.co2e_g_low).toBeCloseTo(((2 * 0.5) / 1000) * 1000 * 1.2 * 100 + embodied, 9);
    expect(below.co2e_g_high).toBe(plain.co2e_g_high);
  });
});
