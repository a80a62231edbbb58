import { describe, expect, it } from 'vitest';
import { addToTotal, emptyTotal } from '../../src/models/inventory.js';

describe('inventory totals', () => {
  it('adds every figure, range ends to range ends', () => {
    const t = emptyTotal();
    addToTotal(t, { co2e_g: 10, co2e_g_low: 8, co2e_g_high: 13, energy_kwh: 1, water_l: 0.5 });
    addToTotal(t, { co2e_g: 1, co2e_g_low: 0.5, co2e_g_high: 2, energy_kwh: 0.25, water_l: 2 });
    expect(t).toEqual({ co2e_g: 11, co2e_g_low: 8.5, co2e_g_high: 15, energy_kwh: 1.25, water_l: 2.5 });
  });
});
