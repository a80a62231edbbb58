import type { Factor } from './factor.js';

/** Identifies the formula set that produced an estimate. */
export interface Methodology {
  id: string;
  version: string;
}

/** The fields every estimate answer carries (docs/methodology.md, "Principles"). */
export interface EstimateBase<B> {
  co2e_g: number;
  co2e_g_low: number;
  co2e_g_high: number;
  energy_kwh: number;
  water_l: number;
  breakdown: B;
  factors: Factor[];
  methodology: Methodology;
  data_version: string;
  warnings: string[];
}

/** CO2e, energy and water of one thing (a request, a page view, a total). */
export interface Footprint {
  co2e_g: number;
  energy_kwh: number;
  water_l: number;
}
