import type { ComputeFactorValues } from './compute-factors.js';
import type { Footprint } from './estimate.js';
import type { Bound, Ranged } from './factor.js';
import {
  BYTES_PER_GB,
  SWD_GLOBAL_GRID_G_PER_KWH,
  SWD_V4_EMBODIED_NETWORK_KWH_PER_GB,
  SWD_V4_OPERATIONAL_NETWORK_KWH_PER_GB,
} from './website-swd-v4.js';

const MS_PER_HOUR = 3_600_000;

/** Per-request breakdown, the same shape in both modes. */
export interface ApiRequestBreakdown {
  /** Facility energy of compute (memory included). */
  compute_energy_kwh: number;
  /** The memory part of `compute_energy_kwh`. */
  memory_energy_kwh: number;
  compute_operational_co2e_g: number;
  compute_embodied_co2e_g: number;
  network_energy_kwh: number;
  network_co2e_g: number;
  water_onsite_l: number;
  water_offsite_l: number;
}

export interface NetworkFactorValues {
  networkGridGPerKwh: Ranged;
}

/**
 * Network part of one request, SWD v4 network segment:
 * `network_kwh = GB · 0.059`, `network_g = GB · (0.059 · I_net + 0.013 · 494)`, GB = bytes / 1e9.
 *
 * @see https://sustainablewebdesign.org/estimating-digital-emissions/
 */
export function networkPerRequest(bytes: number, f: NetworkFactorValues, bound: Bound) {
  const gb = bytes / BYTES_PER_GB;
  return {
    energyKwh: gb * SWD_V4_OPERATIONAL_NETWORK_KWH_PER_GB,
    co2eG:
      gb *
      (SWD_V4_OPERATIONAL_NETWORK_KWH_PER_GB * f.networkGridGPerKwh[bound] +
        SWD_V4_EMBODIED_NETWORK_KWH_PER_GB * SWD_GLOBAL_GRID_G_PER_KWH),
  };
}

/**
 * Factor values of resources mode: `cpuPowerPerVcpuW` is the whole-server power per vCPU at full
 * load (`P(1.0)`; `P(1.0) · (1 + r)` on the TDP-curve route), `memoryKwhPerGbHour` prices `memory_mb`.
 */
export interface ApiResourcesFactorValues extends ComputeFactorValues, NetworkFactorValues {
  memoryKwhPerGbHour: Ranged;
}

/** What one request uses in resources mode. `memoryMb`: memory held while it runs (0: not counted). */
export interface ApiResourcesWorkload {
  cpuMsPerRequest: number;
  bytesPerRequest: number;
  memoryMb: number;
}

const MB_PER_GB = 1024;

/**
 * One request in resources mode (SCI with R = one request; busy time, an SCI component), every factor at
 * one bound:
 * ```
 * cpu_hours          = cpu_ms_per_request / 3 600 000
 * memory_it_kwh      = memory_mb / 1024 · cpu_hours · 0.000392          (memory_mb as counted: v3 passes
 *                      the share above the SPECpower reference, v2 all of it)
 * compute_it_kwh     = cpu_hours · P_server(1.0) / 1000 + memory_it_kwh
 * compute_kwh        = compute_it_kwh · PUE
 * compute_oper_g     = compute_kwh · I(region)
 * compute_embodied_g = host_embodied_kg · 1000 · (1 / host_vcpus) · (cpu_hours / lifespan_hours)
 * water_l            = compute_it_kwh · WUE + compute_kwh · EWIF
 * ```
 * plus {@link networkPerRequest}.
 *
 * @see https://sci.greensoftware.foundation/
 */
export function apiRequestResourcesAt(
  w: ApiResourcesWorkload,
  f: ApiResourcesFactorValues,
  bound: Bound,
): ApiRequestBreakdown {
  const cpuHours = w.cpuMsPerRequest / MS_PER_HOUR;
  const memoryItKwh = (w.memoryMb / MB_PER_GB) * cpuHours * f.memoryKwhPerGbHour[bound];
  const computeItKwh = (cpuHours * f.cpuPowerPerVcpuW[bound]) / 1000 + memoryItKwh;
  const computeKwh = computeItKwh * f.pue[bound];
  const network = networkPerRequest(w.bytesPerRequest, f, bound);
  return {
    compute_energy_kwh: computeKwh,
    memory_energy_kwh: memoryItKwh * f.pue[bound],
    compute_operational_co2e_g: computeKwh * f.gridGPerKwh[bound],
    compute_embodied_co2e_g:
      f.hostEmbodiedKg[bound] * 1000 * (1 / f.hostVcpus) * (cpuHours / f.lifespanHours),
    network_energy_kwh: network.energyKwh,
    network_co2e_g: network.co2eG,
    water_onsite_l: computeItKwh * f.wueLPerKwh[bound],
    water_offsite_l: computeKwh * f.ewifLPerKwh[bound],
  };
}

/** A server footprint shared by requests (allocation mode), central values and CO2e range. */
export interface AllocatedServer {
  co2eG: Ranged;
  /** Facility energy of the server's memory, kWh. */
  memoryEnergyKwh: number;
  operationalCo2eG: number;
  embodiedCo2eG: number;
  energyKwh: number;
  waterOnsiteL: number;
  waterOffsiteL: number;
}

/** Per-request footprint with its CO2e range and central breakdown. */
export interface ApiRequestFootprint extends Footprint {
  co2e_g_low: number;
  co2e_g_high: number;
  breakdown: ApiRequestBreakdown;
}

function footprintOf(b: ApiRequestBreakdown): Footprint {
  return {
    co2e_g: b.compute_operational_co2e_g + b.compute_embodied_co2e_g + b.network_co2e_g,
    energy_kwh: b.compute_energy_kwh + b.network_energy_kwh,
    water_l: b.water_onsite_l + b.water_offsite_l,
  };
}

/**
 * One request in resources mode, central value and range (every factor at its low, then high).
 * `other` (methodology 3, null when the CPU has no TDP): the same request on the other basis,
 * whose central CO2e the range is widened to span (`low = min(low, other)`, `high = max(high, other)`).
 */
export function apiRequestResources(
  w: ApiResourcesWorkload,
  f: ApiResourcesFactorValues,
  other?: { workload: ApiResourcesWorkload; values: ApiResourcesFactorValues } | null,
): ApiRequestFootprint {
  const breakdown = apiRequestResourcesAt(w, f, 'value');
  let low = footprintOf(apiRequestResourcesAt(w, f, 'low')).co2e_g;
  let high = footprintOf(apiRequestResourcesAt(w, f, 'high')).co2e_g;
  if (other) {
    const o = footprintOf(apiRequestResourcesAt(other.workload, other.values, 'value')).co2e_g;
    low = Math.min(low, o);
    high = Math.max(high, o);
  }
  return { ...footprintOf(breakdown), co2e_g_low: low, co2e_g_high: high, breakdown };
}

/**
 * One request in allocation mode: the server's footprint shared by `requests`, plus the network:
 * `per_request.co2e_g = server.co2e_g / requests + network_g` (energy and water likewise).
 */
export function apiRequestAllocated(
  server: AllocatedServer,
  w: { requests: number; bytesPerRequest: number },
  f: NetworkFactorValues,
): ApiRequestFootprint {
  const network = networkPerRequest(w.bytesPerRequest, f, 'value');
  const breakdown: ApiRequestBreakdown = {
    compute_energy_kwh: server.energyKwh / w.requests,
    memory_energy_kwh: server.memoryEnergyKwh / w.requests,
    compute_operational_co2e_g: server.operationalCo2eG / w.requests,
    compute_embodied_co2e_g: server.embodiedCo2eG / w.requests,
    network_energy_kwh: network.energyKwh,
    network_co2e_g: network.co2eG,
    water_onsite_l: server.waterOnsiteL / w.requests,
    water_offsite_l: server.waterOffsiteL / w.requests,
  };
  return {
    ...footprintOf(breakdown),
    co2e_g_low: server.co2eG.low / w.requests + networkPerRequest(w.bytesPerRequest, f, 'low').co2eG,
    co2e_g_high: server.co2eG.high / w.requests + networkPerRequest(w.bytesPerRequest, f, 'high').co2eG,
    breakdown,
  };
}
