import type { Footprint } from './estimate.js';
import { BOUNDS, type Bound, type Ranged } from './factor.js';

/**
 * Where the bytes leave the region for. Every destination counts the same cloud-network energy per
 * GB (no source separates them); the destination is echoed and documented, never guessed.
 */
export const NETWORK_DESTINATIONS = ['internet', 'inter-region', 'intra-region'] as const;
export type NetworkDestination = (typeof NETWORK_DESTINATIONS)[number];

export interface NetworkFactorValues {
  /** Energy of the cloud's network per GB transferred (CCF: 0.001 kWh/GB). */
  energyKwhPerGb: Ranged;
  pue: Ranged;
  gridGPerKwh: Ranged;
  wueLPerKwh: Ranged;
  ewifLPerKwh: Ranged;
}

export interface NetworkBreakdown {
  gb: number;
  it_energy_kwh: number;
  pue: number;
  operational_co2e_g: number;
  /** Network equipment's embodied emissions are not counted (no per-GB figure is cited): always 0. */
  embodied_co2e_g: number;
  water_onsite_l: number;
  water_offsite_l: number;
}

export interface NetworkFootprint extends Footprint {
  co2e_g_low: number;
  co2e_g_high: number;
  breakdown: NetworkBreakdown;
}

/**
 * Data transferred out of a cloud region, the cloud's network segment only (end-user delivery is
 * counted by the website and API models), at one bound:
 *
 * ```
 * it_energy_kwh = gb · E_net                 E_net: kWh per GB (CCF 0.001)
 * energy_kwh    = it_energy_kwh · PUE
 * operational_g = energy_kwh · I(region)
 * water_l       = it_energy_kwh · WUE + energy_kwh · EWIF
 * ```
 *
 * @see docs/methodology.md, "Network egress"
 * @see https://www.cloudcarbonfootprint.org/docs/methodology/#networking
 */
export function networkFootprintAt(gb: number, f: NetworkFactorValues, bound: Bound): NetworkBreakdown {
  const itEnergyKwh = gb * f.energyKwhPerGb[bound];
  const pue = f.pue[bound];
  const energyKwh = itEnergyKwh * pue;
  return {
    gb,
    it_energy_kwh: itEnergyKwh,
    pue,
    operational_co2e_g: energyKwh * f.gridGPerKwh[bound],
    embodied_co2e_g: 0,
    water_onsite_l: itEnergyKwh * f.wueLPerKwh[bound],
    water_offsite_l: energyKwh * f.ewifLPerKwh[bound],
  };
}

/** Central network footprint with its CO2e range. */
export function networkFootprint(gb: number, f: NetworkFactorValues): NetworkFootprint {
  const [mid, low, high] = BOUNDS.map((b) => networkFootprintAt(gb, f, b)) as [
    NetworkBreakdown,
    NetworkBreakdown,
    NetworkBreakdown,
  ];
  return {
    co2e_g: mid.operational_co2e_g,
    co2e_g_low: low.operational_co2e_g,
    co2e_g_high: high.operational_co2e_g,
    energy_kwh: mid.it_energy_kwh * mid.pue,
    water_l: mid.water_onsite_l + mid.water_offsite_l,
    breakdown: mid,
  };
}
