import { describe, expect, it } from 'vitest';
import { exact, type Ranged } from '../../src/models/factor.js';
import { databaseNodes, sumParts } from '../../src/models/managed-database.js';
import { networkFootprint } from '../../src/models/network.js';
import { storageFootprint } from '../../src/models/storage.js';

const r = (value: number, low: number, high: number): Ranged => ({ value, low, high });

describe('storage footprint (docs/methodology.md, "Storage")', () => {
  // S3 Standard in AWS eu-west-3: HDD 0.65 Wh/TB-h, 6 copies, PUE 1.15, grid 52.87 g/kWh, WUE 0.18, EWIF 3.6.
  const factors = {
    powerKwhPerTbHour: r(0.00065, 0.000325, 0.000975),
    replicationFactor: exact(6),
    pue: r(1.15, 1.035, 1.265),
    gridGPerKwh: r(52.87, 44.9395, 60.8005),
    wueLPerKwh: r(0.18, 0.144, 0.216),
    ewifLPerKwh: r(3.6, 2.52, 4.68),
  };

  it('is size × replication × power per TB × hours, then PUE and grid, by hand', () => {
    const f = storageFootprint({ sizeGb: 2000, durationHours: 8760 }, factors);
    // 2 TB × 6 copies = 12 TB; 12 × 0.00065 × 8760 = 68.328 kWh IT; × 1.15 = 78.5772 kWh.
    expect(f.breakdown.stored_tb).toBe(12);
    expect(f.breakdown.it_energy_kwh).toBeCloseTo(68.328, 10);
    expect(f.energy_kwh).toBeCloseTo(78.5772, 10);
    expect(f.co2e_g).toBeCloseTo(78.5772 * 52.87, 8);
    expect(f.water_l).toBeCloseTo(68.328 * 0.18 + 78.5772 * 3.6, 8);
    expect(f.breakdown.embodied_co2e_g).toBe(0);
    // Every factor at its low end, then its high end.
    expect(f.co2e_g_low).toBeCloseTo(12 * 0.000325 * 8760 * 1.035 * 44.9395, 8);
    expect(f.co2e_g_high).toBeCloseTo(12 * 0.000975 * 8760 * 1.265 * 60.8005, 8);
  });
});

describe('network footprint (docs/methodology.md, "Network egress")', () => {
  it('is GB × 0.001 kWh/GB × PUE × grid, by hand, with no embodied part', () => {
    const f = networkFootprint(1000, {
      energyKwhPerGb: r(0.001, 0.0005, 0.0015),
      pue: r(1.15, 1.035, 1.265),
      gridGPerKwh: r(52.87, 44.9395, 60.8005),
      wueLPerKwh: r(0.18, 0.144, 0.216),
      ewifLPerKwh: r(3.6, 2.52, 4.68),
    });
    expect(f.breakdown.it_energy_kwh).toBe(1);
    expect(f.energy_kwh).toBeCloseTo(1.15, 12);
    expect(f.co2e_g).toBeCloseTo(60.8005, 10);
    expect(f.co2e_g_low).toBeCloseTo(0.5 * 1.035 * 44.9395, 10);
    expect(f.co2e_g_high).toBeCloseTo(1.5 * 1.265 * 60.8005, 10);
    expect(f.water_l).toBeCloseTo(0.18 + 1.15 * 3.6, 10);
    expect(f.breakdown.embodied_co2e_g).toBe(0);
  });
});

describe('managed database nodes and totals (docs/methodology.md, "Managed databases")', () => {
  it('adds one standby per node for high availability only when the plan includes none', () => {
    expect(databaseNodes(1, 0, false)).toEqual({ nodes: 1, standbys: 0 });
    expect(databaseNodes(1, 0, true)).toEqual({ nodes: 2, standbys: 1 });
    expect(databaseNodes(2, 0, true)).toEqual({ nodes: 4, standbys: 2 });
    // Heroku premium plans include their standby: asking for HA adds nothing.
    expect(databaseNodes(1, 1, true)).toEqual({ nodes: 2, standbys: 1 });
    expect(databaseNodes(1, 1, false)).toEqual({ nodes: 2, standbys: 1 });
  });

  it('sums the parts, range ends to range ends', () => {
    const part = (x: number) => ({
      co2e_g: x,
      co2e_g_low: x / 2,
      co2e_g_high: x * 2,
      energy_kwh: x / 10,
      water_l: x / 100,
      operational_co2e_g: x,
      embodied_co2e_g: 0,
    });
    expect(sumParts([part(10), part(4)])).toEqual({
      co2e_g: 14,
      co2e_g_low: 7,
      co2e_g_high: 28,
      energy_kwh: 1.4,
      water_l: 0.14,
    });
  });
});
