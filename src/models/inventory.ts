/** CO2e with its range, energy and water: what an inventory adds up. */
export interface FootprintTotal {
  co2e_g: number;
  co2e_g_low: number;
  co2e_g_high: number;
  energy_kwh: number;
  water_l: number;
}

/** A total of nothing. */
export function emptyTotal(): FootprintTotal {
  return { co2e_g: 0, co2e_g_low: 0, co2e_g_high: 0, energy_kwh: 0, water_l: 0 };
}

/**
 * Adds one footprint to a running total, in place. Ranges add up end to end (low + low, high +
 * high): every item's range is evaluated with every factor at the same end.
 */
export function addToTotal(total: FootprintTotal, item: FootprintTotal): FootprintTotal {
  total.co2e_g += item.co2e_g;
  total.co2e_g_low += item.co2e_g_low;
  total.co2e_g_high += item.co2e_g_high;
  total.energy_kwh += item.energy_kwh;
  total.water_l += item.water_l;
  return total;
}
