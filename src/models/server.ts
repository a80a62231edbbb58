import type { ComputeFactorValues } from './compute-factors.js';
import type { Footprint } from './estimate.js';
import type { Bound, Ranged } from './factor.js';

/** kWh per GB-hour of memory (Cloud Carbon Footprint). */
export const MEMORY_KWH_PER_GB_HOUR = 0.000392;

/** What the caller runs: shape, load and time. */
export interface ServerWorkload {
  vcpus: number;
  memoryGb: number;
  durationHours: number;
  count: number;
}

/** Factor values the server formula needs, each with its range (CPU power at the utilization). */
export interface ServerFactorValues extends ComputeFactorValues {
  memoryKwhPerGbHour: Ranged;
}

export interface ServerBreakdown {
  cpu_energy_kwh: number;
  memory_energy_kwh: number;
  it_energy_kwh: number;
  pue: number;
  operational_co2e_g: number;
  embodied_co2e_g: number;
  water_onsite_l: number;
  water_offsite_l: number;
}

export interface ServerFootprint extends Footprint {
  co2e_g_low: number;
  co2e_g_high: number;
  breakdown: ServerBreakdown;
}

/**
 * Footprint of `count` servers over `durationHours`, every factor at one bound.
 *
 * ```
 * cpu_energy_kwh    = count · vcpus · P(u) · duration_hours / 1000
 * memory_energy_kwh = count · memory_gb · 0.000392 · duration_hours
 * it_energy_kwh     = cpu + memory
 * energy_kwh        = it_energy_kwh · PUE
 * operational_g     = energy_kwh · I(region)
 * embodied_g        = count · host_embodied_kg · 1000 · (vcpus / host_vcpus) · (duration_hours / lifespan_hours)
 * water_l           = it_energy_kwh · WUE + energy_kwh · EWIF
 * ```
 *
 * @see https://www.cloudcarbonfootprint.org/docs/methodology
 */
export function serverFootprintAt(w: ServerWorkload, f: ServerFactorValues, bound: Bound): ServerBreakdown {
  const cpuEnergyKwh = (w.count * w.vcpus * f.cpuPowerPerVcpuW[bound] * w.durationHours) / 1000;
  const memoryEnergyKwh = w.count * w.memoryGb * f.memoryKwhPerGbHour[bound] * w.durationHours;
  const itEnergyKwh = cpuEnergyKwh + memoryEnergyKwh;
  const pue = f.pue[bound];
  const energyKwh = itEnergyKwh * pue;
  return {
    cpu_energy_kwh: cpuEnergyKwh,
    memory_energy_kwh: memoryEnergyKwh,
    it_energy_kwh: itEnergyKwh,
    pue,
    operational_co2e_g: energyKwh * f.gridGPerKwh[bound],
    embodied_co2e_g:
      w.count *
      f.hostEmbodiedKg[bound] *
      1000 *
      (w.vcpus / f.hostVcpus) *
      (w.durationHours / f.lifespanHours),
    water_onsite_l: itEnergyKwh * f.wueLPerKwh[bound],
    water_offsite_l: energyKwh * f.ewifLPerKwh[bound],
  };
}

/**
 * Central footprint of a server workload with its CO2e range (every factor at its low, then
 * its high: the formula is monotonic in each).
 */
export function serverFootprint(w: ServerWorkload, f: ServerFactorValues): ServerFootprint {
  const mid = serverFootprintAt(w, f, 'value');
  const low = serverFootprintAt(w, f, 'low');
  const high = serverFootprintAt(w, f, 'high');
  return {
    co2e_g: mid.operational_co2e_g + mid.embodied_co2e_g,
    co2e_g_low: low.operational_co2e_g + low.embodied_co2e_g,
    co2e_g_high: high.operational_co2e_g + high.embodied_co2e_g,
    energy_kwh: mid.it_energy_kwh * mid.pue,
    water_l: mid.water_onsite_l + mid.water_offsite_l,
    breakdown: mid,
  };
}
