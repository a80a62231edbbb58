import type { Catalog } from '../factors/catalog.js';
import type { EstimateBase } from '../models/estimate.js';
import { exact, type Factor } from '../models/factor.js';
import {
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

/**
 * Methodology 3's other basis for a placement: the TDP curve at `u` with all the machine's memory
 * and Boavizta's rest of the server (central values), or null when a CPU has no TDP.
 */
function otherBasis(
  catalog: Catalog,
  placement: Placement,
  tdp: Factor | null,
  workload: ServerWorkload,
): OtherBasisInput | null {
  if (!tdp) return null;
  return {
    workload: { ...workload, memoryGbCounted: placement.machine.memoryGb },
    values: placementFactorValues(placement, tdp, {
      memoryKwhPerGbHour: catalog.memoryPower,
      restOfServerRatio: catalog.restOfServer,
    }),
  };
}

/** Estimates a server workload on an already resolved placement (server v3; v2 for a v2 factor set). */
export function estimateServerAt(
  catalog: Catalog,
  placement: Placement,
  req: Pick<ServerEstimateRequest, 'utilization' | 'duration_hours' | 'count'>,
): ServerEstimate {
  const { machine } = placement;
  const v3 = catalog.methodology === '3';
  const utilization = req.utilization ?? DEFAULT_UTILIZATION;
  const cpu = cpuPowerFactor(machine, utilization);
  const tdp = tdpCurveFactor(machine, utilization);
  const memory = catalog.memoryPower;
  const counted = machineMemory(machine);
  const rest = restOfServer(catalog, machine, counted.gbCounted > 0);
  const values: ServerFactorValues = placementFactorValues(placement, cpu, {
    memoryKwhPerGbHour: memory,
    restOfServerRatio: rest.ratio ?? NO_REST_OF_SERVER,
  });
  const workload: ServerWorkload = {
    vcpus: machine.vcpus,
    memoryGbCounted: counted.gbCounted,
    durationHours: req.duration_hours,
    count: req.count ?? 1,
  };
  const result = serverFootprint(
    workload,
    values,
    machine.powerBasis,
    v3 ? otherBasis(catalog, placement, tdp, workload) : undefined,
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
    ],
    methodology: SERVER_METHODOLOGIES[catalog.methodology],
    data_version: catalog.dataVersion,
    warnings: [
      ...placement.regionWarnings,
      ...machine.warnings,
      ...(rest.warning ? [rest.warning] : []),
      ...(memoryWarning ? [memoryWarning] : []),
    ],
  };
}

/** Resolves the request's provider, region and machine (422 on unknown names), then estimates. */
export function estimateServer(catalog: Catalog, req: ServerEstimateRequest, prefix = ''): ServerEstimate {
  return estimateServerAt(catalog, resolvePlacementRequest(catalog, req, prefix), req);
}
