import type { Catalog } from '../factors/catalog.js';
import type { EstimateBase } from '../models/estimate.js';
import { exact, type Factor } from '../models/factor.js';
import {
  gpuPowerAt,
  type OtherBasisInput,
  type ServerBreakdown,
  type ServerFactorValues,
  type ServerWorkload,
  serverFootprint,
} from '../models/server.js';
import {
  cpuPowerFactor,
  type HardwareSpec,
  type Machine,
  machineMemory,
  memoryReferenceWarning,
  tdpCurveFactor,
} from './machine.js';
import {
  type GridSource,
  type Placement,
  placementFactors,
  placementFactorValues,
  resolvePlacementRequest,
} from './placement.js';
import { sharedText } from './shared-factors.js';

/** `methodology` of server answers, per the catalog's methodology version. */
export const SERVER_METHODOLOGIES = {
  '2': Object.freeze({ id: 'empreinte-server', version: '2' }),
  '3': Object.freeze({ id: 'empreinte-server', version: '3' }),
} as const;
/** The current server methodology. */
export const SERVER_METHODOLOGY = SERVER_METHODOLOGIES['3'];
export const DEFAULT_UTILIZATION = 0.5;
const NO_REST_OF_SERVER = Object.freeze(exact(0));

/** `POST /v1/estimates/server` (docs/methodology.md, "Servers"). */
export interface ServerEstimateRequest {
  provider: string;
  region: string;
  instance_type?: string | undefined;
  hardware?: HardwareSpec | undefined;
  utilization?: number | undefined;
  /** GPU utilization, 0..1 (servers with GPUs); default `utilization`. */
  gpu_utilization?: number | undefined;
  duration_hours: number;
  count?: number | undefined;
  grid_source?: GridSource | undefined;
}

export type ServerEstimate = EstimateBase<ServerBreakdown>;

/**
 * The rest-of-server term of a machine: Boavizta's ratio for a TDP-curve profile (the CPU alone),
 * with the warning that it is estimated; none for a SPECpower profile (already the whole server).
 */
export function restOfServer(
  catalog: Catalog,
  machine: Machine,
  allMemory = false,
): { ratio: Factor | null; warning: string | null } {
  if (machine.powerBasis !== 'tdp-curve') return NO_REST;
  const r = catalog.restOfServer;
  const profiles = machine.cpuProfiles;
  let key = String(allMemory);
  for (const p of profiles) key += `|${p.family}`;
  // Built once per catalog factor, CPU family list and memory rule, not per request.
  return { ratio: r, warning: sharedText(r, key, () => restOfServerWarning(r, machine, allMemory)) };
}

const NO_REST = Object.freeze({ ratio: null, warning: null });

function restOfServerWarning(r: Factor, machine: Machine, allMemory: boolean): string {
  return (
    `The '${machine.cpuProfiles.map((p) => p.family).join("', '")}' power profile covers the CPU alone: the rest of the server ` +
    `(board, fans, storage, network cards, power-supply losses) is not measured for this machine and is estimated as ` +
    `${Math.round(r.value * 100)}% (range ${Math.round(r.low * 100)} to ${Math.round(r.high * 100)}%) of CPU and memory power (Boavizta's server model).` +
    (allMemory
      ? ' All its memory counts at 0.392 W/GB, a DDR4 figure that dense DDR4/DDR5 server modules may undercut (range 0.284 to 0.47 W/GB).'
      : '')
  );
}

/** The GPU terms of a machine at a GPU utilization: workload count, factor values, listed factors. */
interface GpuTerms {
  gpus: number;
  values: { gpuPowerW: Factor; gpuEmbodiedKg: Factor } | null;
  factors: Factor[];
  warnings: string[];
}

const NO_GPU: GpuTerms = Object.freeze({ gpus: 0, values: null, factors: [], warnings: [] }) as GpuTerms;

/**
 * A machine's GPUs (docs/methodology.md, "GPUs"): `gpu_count`, `gpu_power` per GPU at `u` (linear
 * between the model's idle and full-load power; the worse status of the two) and `gpu_embodied`
 * per board, with a warning for each figure that is estimated.
 */
export function gpuTerms(machine: Machine, u: number): GpuTerms {
  const gpu = machine.gpu;
  if (!gpu) return NO_GPU;
  const { model } = gpu;
  const statuses = [model.idleW.status, model.maxW.status];
  const status = statuses.includes('estimated')
    ? 'estimated'
    : statuses.includes('derived')
      ? 'derived'
      : 'published';
  const power: Factor = {
    name: 'gpu_power',
    ...gpuPowerAt(model.idleW, model.maxW, u),
    unit: 'W',
    source_id: model.maxW.source_id,
    year: model.maxW.year,
    status,
  };
  const count: Factor = {
    name: 'gpu_count',
    ...exact(gpu.count),
    unit: 'GPU',
    source_id: gpu.sourceId,
    year: null,
    status: 'published',
  };
  const warnings: string[] = [];
  const estimated = [
    model.idleW.status === 'estimated' ? `${model.idleW.value} W idle` : null,
    model.maxW.status === 'estimated' ? `${model.maxW.value} W at full load` : null,
  ].filter((x) => x !== null);
  if (estimated.length)
    warnings.push(
      `The ${model.model}'s ${estimated.join(' and ')} ${estimated.length > 1 ? 'are' : 'is'} estimated, not published (docs/methodology.md, "GPUs").`,
    );
  if (model.embodied.status !== 'published')
    warnings.push(
      `The embodied emissions of the ${model.model} are ${model.embodied.status === 'estimated' ? "another GPU's figure" : 'derived'} (${model.embodied.value} kgCO2e per board): no figure is published for this board.`,
    );
  return {
    gpus: gpu.count,
    values: { gpuPowerW: power, gpuEmbodiedKg: model.embodied },
    factors: [count, power, model.embodied],
    warnings,
  };
}

/**
 * Methodology 3's other basis for a placement: the TDP curve at `u` with all the machine's memory
 * and Boavizta's rest of the server (central values), or null when a CPU has no TDP.
 */
function otherBasis(
  catalog: Catalog,
  placement: Placement,
  tdp: Factor | null,
  workload: ServerWorkload,
  gpu: GpuTerms,
): OtherBasisInput | null {
  if (!tdp) return null;
  return {
    workload: { ...workload, memoryGbCounted: placement.machine.memoryGb },
    values: placementFactorValues(placement, tdp, {
      memoryKwhPerGbHour: catalog.memoryPower,
      restOfServerRatio: catalog.restOfServer,
      ...gpu.values,
    }),
  };
}

/** Estimates a server workload on an already resolved placement (server v3; v2 for a v2 factor set). */
export function estimateServerAt(
  catalog: Catalog,
  placement: Placement,
  req: Pick<ServerEstimateRequest, 'utilization' | 'gpu_utilization' | 'duration_hours' | 'count'>,
): ServerEstimate {
  const { machine } = placement;
  const v3 = catalog.methodology === '3';
  const utilization = req.utilization ?? DEFAULT_UTILIZATION;
  const cpu = cpuPowerFactor(machine, utilization);
  const tdp = tdpCurveFactor(machine, utilization);
  const memory = catalog.memoryPower;
  const counted = machineMemory(machine);
  const rest = restOfServer(catalog, machine, counted.gbCounted > 0);
  const gpu = gpuTerms(machine, req.gpu_utilization ?? utilization);
  const values: ServerFactorValues = placementFactorValues(placement, cpu, {
    memoryKwhPerGbHour: memory,
    restOfServerRatio: rest.ratio ?? NO_REST_OF_SERVER,
    ...gpu.values,
  });
  const workload: ServerWorkload = {
    vcpus: machine.vcpus,
    memoryGbCounted: counted.gbCounted,
    durationHours: req.duration_hours,
    count: req.count ?? 1,
  };
  if (gpu.gpus) workload.gpus = gpu.gpus;
  const result = serverFootprint(
    workload,
    values,
    machine.powerBasis,
    v3 ? otherBasis(catalog, placement, tdp, workload, gpu) : undefined,
  );
  const memoryWarning = memoryReferenceWarning(machine);
  return {
    co2e_g: result.co2e_g,
    co2e_g_low: result.co2e_g_low,
    co2e_g_high: result.co2e_g_high,
    energy_kwh: result.energy_kwh,
    water_l: result.water_l,
    breakdown: result.breakdown,
    factors: [
      cpu,
      memory,
      ...counted.factors,
      ...(rest.ratio ? [rest.ratio] : []),
      ...placementFactors(placement),
      // v3: the other basis the range spans, and the ratio it uses.
      ...(tdp ? [tdp, catalog.restOfServer] : []),
      ...gpu.factors,
    ],
    methodology: SERVER_METHODOLOGIES[catalog.methodology],
    data_version: catalog.dataVersion,
    warnings: [
      ...placement.regionWarnings,
      ...machine.warnings,
      ...(rest.warning ? [rest.warning] : []),
      ...(memoryWarning ? [memoryWarning] : []),
      ...gpu.warnings,
    ],
  };
}

/** Resolves the request's provider, region and machine (422 on unknown names), then estimates. */
export function estimateServer(catalog: Catalog, req: ServerEstimateRequest, prefix = ''): ServerEstimate {
  return estimateServerAt(catalog, resolvePlacementRequest(catalog, req, prefix), req);
}
