import { describe, expect, it } from 'vitest';
import {
  type ApiResourcesFactorValues,
  apiRequestAllocated,
  apiRequestResources,
  apiRequestResourcesAt,
  networkPerRequest,
} from '../../src/models/api-request.js';
import { exact, ranged } from '../../src/models/factor.js';

// Scaleway fr-par-2, COPARM1-4C-16G (Ampere Altra Max M128-30: TDP 250 W over 128 threads, Teads
// curve), grid FR 44 g/kWh, PUE 1.16, WUE 0.25, EWIF FRA 3.673696, host 1687.9024 kg / 128 vCPU,
// lifespan 52,560 h; network zone FR (Ember 44.18 g/kWh). The model takes the whole-server power
// per vCPU: here the CPU's P(1.0) = 1.9921875 W (the service multiplies TDP profiles by 1 + r).
const P_FULL_W = (1.02 * 250) / 128; // P(1.0) = 1.9921875 W
const scaleway: ApiResourcesFactorValues = {
  cpuPowerPerVcpuW: ranged(P_FULL_W, 0.3),
  memoryKwhPerGbHour: exact(0),
  pue: ranged(1.16, 0.05, 1),
  gridGPerKwh: ranged(44, 0.15),
  hostEmbodiedKg: ranged(1687.9024, 0.5),
  hostVcpus: 128,
  lifespanHours: 52_560,
  wueLPerKwh: ranged(0.25, 0.2),
  ewifLPerKwh: ranged(3.673696, 0.3),
  networkGridGPerKwh: ranged(44.18, 0.15),
};
const work = { cpuMsPerRequest: 12, bytesPerRequest: 2048, memoryMb: 0 };

describe('API request, resources mode (hand-computed, docs/methodology.md "API requests")', () => {
  const cpuHours = 12 / 3_600_000;
  const computeItKwh = (cpuHours * P_FULL_W) / 1000; // 6.640625e-9
  const computeKwh = computeItKwh * 1.16; // 7.703125e-9
  const networkGb = 2048 / 1e9;

  it('computes every part of one request', () => {
    const b = apiRequestResourcesAt(work, scaleway, 'value');
    expect(P_FULL_W).toBe(1.9921875);
    expect(b.compute_energy_kwh).toBeCloseTo(7.703125e-9, 20);
    expect(b.compute_operational_co2e_g).toBeCloseTo(3.389375e-7, 18); // · 44
    // 1687.9024 kg · 1000 / 128 vCPU · (cpu_hours / 52,560 h)
    expect(b.compute_embodied_co2e_g).toBeCloseTo(8.362974061390156e-7, 18);
    expect(b.network_energy_kwh).toBeCloseTo(1.20832e-7, 18); // 2.048e-6 GB · 0.059
    // 2.048e-6 GB · (0.059 · 44.18 + 0.013 · 494) = 2.048e-6 · 9.02862
    expect(b.network_co2e_g).toBeCloseTo(1.849061376e-5, 16);
    expect(b.water_onsite_l).toBeCloseTo(computeItKwh * 0.25, 20); // 1.66015625e-9
    expect(b.water_offsite_l).toBeCloseTo(computeKwh * 3.673696, 20);
  });

  it('adds the parts up, with a range from every factor at its low and its high end', () => {
    const r = apiRequestResources(work, scaleway);
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
    expect(rel(r.co2e_g, 1.9665848666139018e-5)).toBeLessThan(1e-12);
    expect(rel(r.energy_kwh, 1.28535125e-7)).toBeLessThan(1e-12); // compute 7.703125e-9 + network 1.20832e-7
    expect(rel(r.water_l, 2.995909575e-8)).toBeLessThan(1e-12);
    const low =
      ((cpuHours * P_FULL_W * 0.7) / 1000) * 1.102 * 37.4 +
      ((843.9512 * 1000) / 128) * (cpuHours / 52_560) +
      networkGb * (0.059 * 44.18 * 0.85 + 0.013 * 494);
    const high =
      ((cpuHours * P_FULL_W * 1.3) / 1000) * 1.218 * 50.6 +
      ((2531.8536 * 1000) / 128) * (cpuHours / 52_560) +
      networkGb * (0.059 * 44.18 * 1.15 + 0.013 * 494);
    expect(rel(r.co2e_g_low, low)).toBeLessThan(1e-12);
    expect(rel(r.co2e_g_high, high)).toBeLessThan(1e-12);
    expect(r.co2e_g_low).toBeLessThan(r.co2e_g);
    expect(r.co2e_g_high).toBeGreaterThan(r.co2e_g);
  });

  it('is zero for a request that uses nothing', () => {
    const r = apiRequestResources({ cpuMsPerRequest: 0, bytesPerRequest: 0, memoryMb: 512 }, scaleway);
    expect([r.co2e_g, r.co2e_g_low, r.co2e_g_high, r.energy_kwh, r.water_l]).toEqual([0, 0, 0, 0, 0]);
  });

  it('counts memory_mb in full over the CPU time: memory_mb / 1024 · cpu_hours · 0.000392 kWh/GB-h', () => {
    const f = { ...scaleway, memoryKwhPerGbHour: ranged(0.000392, 0.2) };
    const b = apiRequestResourcesAt({ ...work, memoryMb: 512 }, f, 'value');
    // 0.5 GB · (12 / 3,600,000 h) · 0.000392 = 6.5333…e-10 kWh IT, · 1.16 PUE = 7.578666…e-10 kWh
    const memoryIt = 0.5 * cpuHours * 0.000392;
    expect(memoryIt).toBeCloseTo(6.533333333333e-10, 20);
    expect(b.memory_energy_kwh).toBeCloseTo(memoryIt * 1.16, 22);
    expect(b.compute_energy_kwh).toBeCloseTo((computeItKwh + memoryIt) * 1.16, 22);
    expect(b.water_onsite_l).toBeCloseTo((computeItKwh + memoryIt) * 0.25, 22);
    const without = apiRequestResourcesAt(work, f, 'value');
    expect(without.memory_energy_kwh).toBe(0);
  });
});

describe('network part (SWD v4 network segment)', () => {
  it('converts embodied network energy at 494 g/kWh whatever the zone', () => {
    const zero = networkPerRequest(1e9, { networkGridGPerKwh: exact(0) }, 'value');
    expect(zero.co2eG).toBeCloseTo(0.013 * 494, 12);
    expect(zero.energyKwh).toBeCloseTo(0.059, 12);
    const world = networkPerRequest(1e9, { networkGridGPerKwh: exact(494) }, 'value');
    expect(world.co2eG).toBeCloseTo(0.072 * 494, 12);
  });
});

describe('API request, allocation mode', () => {
  // A server footprint to share (Scaleway COPARM1-4C-16G, fr-par-2, 730 h under server v1).
  const server = {
    co2eG: { value: 1184.6018551778, low: 640.66, high: 1780.21 },
    operationalCo2eG: 452.0053274,
    embodiedCo2eG: 732.5965277778,
    energyKwh: 10.27284835,
    memoryEnergyKwh: 5.3111296, // 4.57856 kWh · 1.16
    waterOnsiteL: 2.2139759375,
    waterOffsiteL: 37.739321892,
  };

  it('shares the server footprint over the requests and adds the network', () => {
    const r = apiRequestAllocated(
      server,
      { requests: 1e6, bytesPerRequest: 2048 },
      { networkGridGPerKwh: ranged(494, 0.15) },
    );
    const networkG = 2.048e-6 * (0.059 * 494 + 0.013 * 494); // 7.2843264e-5
    expect(r.co2e_g).toBeCloseTo(1184.6018551778 / 1e6 + networkG, 15);
    expect(r.energy_kwh).toBeCloseTo(10.27284835 / 1e6 + 2.048e-6 * 0.059, 18);
    expect(r.water_l).toBeCloseTo((2.2139759375 + 37.739321892) / 1e6, 18);
    expect(r.breakdown.compute_operational_co2e_g).toBeCloseTo(452.0053274e-6, 15);
    expect(r.breakdown.compute_embodied_co2e_g).toBeCloseTo(732.5965277778e-6, 15);
    expect(r.breakdown.memory_energy_kwh).toBeCloseTo(5.3111296e-6, 18);
    expect(r.co2e_g_low).toBeCloseTo(640.66 / 1e6 + 2.048e-6 * (0.059 * 494 * 0.85 + 0.013 * 494), 15);
    expect(r.co2e_g_high).toBeCloseTo(1780.21 / 1e6 + 2.048e-6 * (0.059 * 494 * 1.15 + 0.013 * 494), 15);
  });
});
