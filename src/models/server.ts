import type { ComputeFactorValues } from './compute-factors.js';
import type { Footprint } from './estimate.js';
import type { Bound, Ranged } from './factor.js';

/** kWh per GB-hour of memory (Cloud Carbon Footprint, `MEMORY_COEFFICIENT`). */
export const MEMORY_KWH_PER_GB_HOUR = 0.000392;

/**
 * What a CPU power profile measures: `specpower` the whole server at the wall (SPECpower, memory
 * up to its reference amount included), `tdp-curve` the CPU alone (Teads curve on TDP).
 */
export const POWER_BASES = ['specpower', 'tdp-curve'] as const;
export type PowerBasis = (typeof POWER_BASES)[number];

/** CCF's vCPUs per physical chip (`getPhysicalChips`). */
export const VCPUS_PER_CHIP = 96;

/** The host an instance is a share of, for CCF's memory rule. */
export interface MemoryHost {
  /** Memory of the host (the largest type of the family), GB. */
  memoryGb: number;
  /** Physical CPU chips of the host. */
  chips: number;
}

/**
 * GB of an instance's memory that SPECpower-derived watts do not already include
 * (Cloud Carbon Footprint, `calculateGigabyteHours`):
 *
 * ```
 * per_chip_gb       = host_memory_gb / chips
 * extra             = per_chip_gb − reference_gb_per_chip      (SPECpower servers' memory per chip)
 * memory_gb_counted = extra > 0 ? extra · memory_gb / host_memory_gb : 0
 * ```
 * e.g. m5.large (8 GB, Skylake 81.32 GB/chip, host 384 GB on 1 chip): (384 − 81.32) · 8 / 384.
 *
 * @see https://github.com/cloud-carbon-footprint/cloud-carbon-footprint/blob/trunk/packages/core/src/memory/helpers.ts
 */
export function specpowerMemoryGbCounted(
  memoryGb: number,
  host: MemoryHost,
  referenceGbPerChip: number,
): number {
  const extra = host.memoryGb / host.chips - referenceGbPerChip;
  return extra > 0 ? (extra * memoryGb) / host.memoryGb : 0;
}

/** A profile's whole-server power per vCPU: `P(u) · (1 + r)` (r = 0 for SPECpower profiles). */
export function wholeServerPowerPerVcpuW(cpuW: Ranged, restOfServerRatio: Ranged): Ranged {
  return {
    value: cpuW.value * (1 + restOfServerRatio.value),
    low: cpuW.low * (1 + restOfServerRatio.low),
    high: cpuW.high * (1 + restOfServerRatio.high),
  };
}

/** What the caller runs: shape, load and time. `memoryGbCounted` is the memory the model adds. */
export interface ServerWorkload {
  vcpus: number;
  memoryGbCounted: number;
  durationHours: number;
  count: number;
  /** GPUs of each server (0 or absent: none). */
  gpus?: number;
}

/**
 * Factor values the server formula needs, each with its range (CPU power at the utilization).
 * `restOfServerRatio` is exact 0 for SPECpower profiles.
 */
export interface ServerFactorValues extends ComputeFactorValues {
  memoryKwhPerGbHour: Ranged;
  restOfServerRatio: Ranged;
  /** Power of one GPU at the GPU utilization, W (with `gpus`). */
  gpuPowerW?: Ranged;
  /** Embodied emissions of one GPU board, kgCO2e (with `gpus`). */
  gpuEmbodiedKg?: Ranged;
}

/**
 * Power of one GPU at utilization `u`, linear between idle and full load (as CCF's GPU model):
 * `P(u) = idle + (max − idle) · u`, W.
 *
 * @see docs/methodology.md, "GPUs"
 */
export function gpuPowerAt(idleW: Ranged, maxW: Ranged, u: number): Ranged {
  return {
    value: idleW.value + (maxW.value - idleW.value) * u,
    low: idleW.low + (maxW.low - idleW.low) * u,
    high: idleW.high + (maxW.high - idleW.high) * u,
  };
}

/**
 * Methodology 3: the same workload on the other basis (the TDP curve, all memory, Boavizta's
 * rest of the server), central values; the estimate's range spans its `co2e_g`.
 */
export interface OtherBasisFigure {
  power_basis: 'tdp-curve';
  it_energy_kwh: number;
  energy_kwh: number;
  co2e_g: number;
}

export interface ServerBreakdown {
  power_basis: PowerBasis;
  memory_gb_counted: number;
  cpu_energy_kwh: number;
  memory_energy_kwh: number;
  rest_of_server_energy_kwh: number;
  it_energy_kwh: number;
  pue: number;
  operational_co2e_g: number;
  embodied_co2e_g: number;
  water_onsite_l: number;
  water_offsite_l: number;
  /** Methodology 3 only (absent in v2 answers): the other basis, null when the CPU has no TDP. */
  other_basis?: OtherBasisFigure | null;
  /** Servers with GPUs only: their GPUs' energy (inside `it_energy_kwh`) and embodied (inside `embodied_co2e_g`). */
  gpu_energy_kwh?: number;
  gpu_embodied_co2e_g?: number;
}

export interface ServerFootprint extends Footprint {
  co2e_g_low: number;
  co2e_g_high: number;
  breakdown: ServerBreakdown;
}

/**
 * Footprint of `count` servers over `durationHours`, every factor at one bound (server v3; the
 * rest-of-server term is 0 on the SPECpower basis and serves the TDP-curve route: the other basis, and
 * the profiles of a v2 factor set).
 *
 * ```
 * cpu_energy_kwh            = count · vcpus · P(u) · duration_hours / 1000
 * memory_energy_kwh         = count · memory_gb_counted · 0.000392 · duration_hours
 * rest_of_server_energy_kwh = (cpu + memory) · r            r = 0 for SPECpower, 0.33 on the TDP-curve route
 * it_energy_kwh             = cpu + memory + rest_of_server + gpu
 * energy_kwh                = it_energy_kwh · PUE
 * operational_g             = energy_kwh · I(region)
 * gpu_energy_kwh            = count · gpus · P_gpu(u_gpu) · duration_hours / 1000      servers with GPUs
 * embodied_g                = count · host_embodied_kg · 1000 · (vcpus / host_vcpus) · (duration_hours / lifespan_hours)
 *                           + count · gpus · gpu_embodied_kg · 1000 · (duration_hours / lifespan_hours)
 * water_l                   = it_energy_kwh · WUE + energy_kwh · EWIF
 * ```
 *
 * @see docs/methodology.md, "Servers"
 */
export function serverFootprintAt(
  w: ServerWorkload,
  f: ServerFactorValues,
  basis: PowerBasis,
  bound: Bound,
): ServerBreakdown {
  const cpuEnergyKwh = (w.count * w.vcpus * f.cpuPowerPerVcpuW[bound] * w.durationHours) / 1000;
  const memoryEnergyKwh = w.count * w.memoryGbCounted * f.memoryKwhPerGbHour[bound] * w.durationHours;
  const restOfServerEnergyKwh = (cpuEnergyKwh + memoryEnergyKwh) * f.restOfServerRatio[bound];
  const gpus = w.gpus ?? 0;
  // GPUs: energy at their own power curve, embodied per board (whole boards: a GPU is not shared).
  const gpuEnergyKwh =
    gpus && f.gpuPowerW ? (w.count * gpus * f.gpuPowerW[bound] * w.durationHours) / 1000 : 0;
  const gpuEmbodiedG =
    gpus && f.gpuEmbodiedKg
      ? w.count * gpus * f.gpuEmbodiedKg[bound] * 1000 * (w.durationHours / f.lifespanHours)
      : 0;
  const itEnergyKwh = cpuEnergyKwh + memoryEnergyKwh + restOfServerEnergyKwh + gpuEnergyKwh;
  const pue = f.pue[bound];
  const energyKwh = itEnergyKwh * pue;
  const breakdown: ServerBreakdown = {
    power_basis: basis,
    memory_gb_counted: w.memoryGbCounted,
    cpu_energy_kwh: cpuEnergyKwh,
    memory_energy_kwh: memoryEnergyKwh,
    rest_of_server_energy_kwh: restOfServerEnergyKwh,
    it_energy_kwh: itEnergyKwh,
    pue,
    operational_co2e_g: energyKwh * f.gridGPerKwh[bound],
    embodied_co2e_g:
      w.count *
        f.hostEmbodiedKg[bound] *
        1000 *
        (w.vcpus / f.hostVcpus) *
        (w.durationHours / f.lifespanHours) +
      gpuEmbodiedG,
    water_onsite_l: itEnergyKwh * f.wueLPerKwh[bound],
    water_offsite_l: energyKwh * f.ewifLPerKwh[bound],
  };
  if (gpus) {
    breakdown.gpu_energy_kwh = gpuEnergyKwh;
    breakdown.gpu_embodied_co2e_g = gpuEmbodiedG;
  }
  return breakdown;
}

/** The other basis of methodology 3: its workload (all memory) and factor values (TDP curve, r). */
export interface OtherBasisInput {
  workload: ServerWorkload;
  values: ServerFactorValues;
}

/**
 * Central footprint of a server workload with its CO2e range (every factor at its low, then
 * its high: the formula is monotonic in each). `other` (methodology 3; `null` when the CPU has no
 * TDP, `undefined` in v2): the range is widened to span the other basis's central CO2e,
 * ```
 * co2e_g_low  = min(low, other.co2e_g)      co2e_g_high = max(high, other.co2e_g)
 * ```
 * @see docs/methodology.md, "One power basis"
 */
export function serverFootprint(
  w: ServerWorkload,
  f: ServerFactorValues,
  basis: PowerBasis,
  other?: OtherBasisInput | null,
): ServerFootprint {
  const mid = serverFootprintAt(w, f, basis, 'value');
  const low = serverFootprintAt(w, f, basis, 'low');
  const high = serverFootprintAt(w, f, basis, 'high');
  let co2eLow = low.operational_co2e_g + low.embodied_co2e_g;
  let co2eHigh = high.operational_co2e_g + high.embodied_co2e_g;
  if (other !== undefined) {
    mid.other_basis = null;
    if (other !== null) {
      const o = serverFootprintAt(other.workload, other.values, 'tdp-curve', 'value');
      const co2e = o.operational_co2e_g + o.embodied_co2e_g;
      mid.other_basis = {
        power_basis: 'tdp-curve',
        it_energy_kwh: o.it_energy_kwh,
        energy_kwh: o.it_energy_kwh * o.pue,
        co2e_g: co2e,
      };
      co2eLow = Math.min(co2eLow, co2e);
      co2eHigh = Math.max(co2eHigh, co2e);
    }
  }
  return {
    co2e_g: mid.operational_co2e_g + mid.embodied_co2e_g,
    co2e_g_low: co2eLow,
    co2e_g_high: co2eHigh,
    energy_kwh: mid.it_energy_kwh * mid.pue,
    water_l: mid.water_onsite_l + mid.water_offsite_l,
    breakdown: mid,
  };
}
