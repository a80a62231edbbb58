import { type Catalog, RANGE_PCT } from '../factors/catalog.js';
import {
  type ApiRequestBreakdown,
  type ApiRequestFootprint,
  apiRequestAllocated,
  apiRequestResources,
} from '../models/api-request.js';
import type { EstimateBase, Footprint } from '../models/estimate.js';
import { exact, type Factor, ranged } from '../models/factor.js';
import { type PowerBasis, wholeServerPowerPerVcpuW } from '../models/server.js';
import { SWD_GLOBAL_GRID_G_PER_KWH } from '../models/website-swd-v4.js';
import { type FieldIssue, UnknownReferenceError } from './errors.js';
import { estimateLlm, type LlmEstimate, type LlmEstimateRequest } from './llm-estimate.js';
import {
  cpuPowerFactor,
  type HardwareSpec,
  machineMemory,
  memoryReferenceWarning,
  tdpCurveFactor,
} from './machine.js';
import { MODEL_SOURCE_IDS, modelFactor } from './model-sources.js';
import {
  type GridSource,
  type Placement,
  placementFactors,
  placementFactorValues,
  resolvePlacementRequest,
} from './placement.js';
import { attempt } from './resolve.js';
import { estimateServer, restOfServer, type ServerEstimateRequest } from './server-estimate.js';
import { zoneGridFactor } from './zones.js';

/** `methodology` of API answers, per the catalog's methodology version. */
export const API_METHODOLOGIES = {
  '2': Object.freeze({ id: 'empreinte-api', version: '2' }),
  '3': Object.freeze({ id: 'empreinte-api', version: '3' }),
} as const;
/** The current API methodology. */
export const API_METHODOLOGY = API_METHODOLOGIES['3'];

/**
 * The SCI basis of each mode. Methodology 3: `busy-time` (resources mode, an SCI component) and
 * `allocation` (a share of a server). A v2 factor set answers `marginal` and `attributional`.
 */
export const SCI_BASES = ['busy-time', 'allocation', 'marginal', 'attributional'] as const;
export type SciBasis = (typeof SCI_BASES)[number];
const SCI_BASIS: Record<'2' | '3', Record<'resources' | 'allocation', SciBasis>> = {
  '2': { resources: 'marginal', allocation: 'attributional' },
  '3': { resources: 'busy-time', allocation: 'allocation' },
};

/** The warning every resources-mode answer carries (methodology 3). */
export const BUSY_TIME_WARNING =
  "Resources mode counts busy time: each request's CPU time (at the server's whole power per vCPU) and " +
  "memory_mb when given (as the server's memory is counted), not the idle or unallocated capacity of the servers. " +
  "It is a component of an SCI score, not an SCI score (SCI's boundary includes idle machines), and a lower bound. " +
  "Allocation mode (a body with 'server') shares a whole server's footprint.";

/** The warning every resources-mode answer of a v2 factor set carries. */
export const MARGINAL_WARNING =
  'Resources mode is a marginal estimate and a lower bound: it counts the busy CPU time of each request ' +
  "(at the server's whole power per vCPU) and memory_mb when given, not the idle or unallocated capacity " +
  "of the servers. Allocation mode (a body with 'server') shares a whole server's footprint (attributional).";

interface ApiCommon {
  requests: number;
  bytes_per_request?: number | undefined;
  network_zone?: string | undefined;
  /** LLM calls each request makes (docs/methodology.md, "LLM calls"). */
  llm_calls?: Omit<LlmEstimateRequest, 'requests' | 'latency_s'>[] | undefined;
}

/** Resources mode: the CPU time, memory and bytes one request uses. */
export interface ApiResourcesRequest extends ApiCommon {
  provider: string;
  region: string;
  instance_type?: string | undefined;
  hardware?: HardwareSpec | undefined;
  cpu_ms_per_request: number;
  memory_mb?: number | undefined;
  grid_source?: GridSource | undefined;
}

/** Allocation mode: a server's footprint shared by the requests it served. */
export interface ApiAllocationRequest extends ApiCommon {
  server: ServerEstimateRequest;
}

export type ApiEstimateRequest = ApiResourcesRequest | ApiAllocationRequest;

export interface ApiEstimate
  extends EstimateBase<
    ApiRequestBreakdown & {
      mode: 'resources' | 'allocation';
      power_basis: PowerBasis;
      llm_co2e_g?: number;
      llm_energy_kwh?: number;
      llm_water_l?: number;
    }
  > {
  requests: number;
  per_request: Footprint;
  sci: { functional_unit: 'request'; basis: SciBasis; co2e_g_per_unit: number };
}

export const isAllocation = (req: ApiEstimateRequest): req is ApiAllocationRequest => 'server' in req;

/** `grid_intensity_network`: the zone's grid, or SWD v4's global 494 g/kWh when no zone is given. */
function networkGridFactor(catalog: Catalog, zone: string | undefined, path: string): Factor {
  if (zone !== undefined) return zoneGridFactor(catalog, 'grid_intensity_network', zone, path);
  return modelFactor(
    catalog,
    'grid_intensity_network',
    ranged(SWD_GLOBAL_GRID_G_PER_KWH, RANGE_PCT.grid),
    'gCO2e/kWh',
    MODEL_SOURCE_IDS.swdV4,
  );
}

function answer(
  catalog: Catalog,
  mode: 'resources' | 'allocation',
  basis: PowerBasis,
  requests: number,
  r: ApiRequestFootprint,
  factors: Factor[],
  warnings: string[],
): ApiEstimate {
  const version = catalog.methodology;
  return {
    co2e_g: r.co2e_g * requests,
    co2e_g_low: r.co2e_g_low * requests,
    co2e_g_high: r.co2e_g_high * requests,
    energy_kwh: r.energy_kwh * requests,
    water_l: r.water_l * requests,
    breakdown: { mode, power_basis: basis, ...r.breakdown },
    factors,
    methodology: API_METHODOLOGIES[version],
    data_version: catalog.dataVersion,
    warnings,
    requests,
    per_request: { co2e_g: r.co2e_g, energy_kwh: r.energy_kwh, water_l: r.water_l },
    sci: {
      functional_unit: 'request',
      basis: SCI_BASIS[version][mode],
      co2e_g_per_unit: r.co2e_g,
    },
  };
}

/**
 * `POST /v1/estimates/api` (docs/methodology.md, "API requests"): per request (SCI, R = one
 * request) and the total over `requests`. Unknown names answer 422 with paths under `prefix`.
 */
export function estimateApi(catalog: Catalog, req: ApiEstimateRequest, prefix = ''): ApiEstimate {
  const base = estimateApiRequests(catalog, req, prefix);
  return req.llm_calls?.length ? withLlmCalls(catalog, base, req.llm_calls, prefix) : base;
}

/**
 * An API estimate with the LLM calls each request makes added to every request (their own
 * estimates for one request each, EcoLogits' method): per request, totals (× requests), the SCI
 * per request, `llm_*` in the breakdown, their factors named `llm_…`, their warnings.
 */
function withLlmCalls(
  catalog: Catalog,
  base: ApiEstimate,
  calls: NonNullable<ApiCommon['llm_calls']>,
  prefix: string,
): ApiEstimate {
  const issues: FieldIssue[] = [];
  const at = (i: number) => `${prefix ? `${prefix}.` : ''}llm_calls[${i}]`;
  const estimates = calls.map((call, i) =>
    attempt(issues, () => estimateLlm(catalog, { ...call, requests: 1 }, at(i))),
  );
  if (issues.length) throw new UnknownReferenceError(issues);
  const sum = { co2e_g: 0, co2e_g_low: 0, co2e_g_high: 0, energy_kwh: 0, water_l: 0 };
  const factors = [...base.factors];
  const seen = new Set<string>();
  const warnings = [...base.warnings];
  for (const e of estimates as LlmEstimate[]) {
    sum.co2e_g += e.co2e_g;
    sum.co2e_g_low += e.co2e_g_low;
    sum.co2e_g_high += e.co2e_g_high;
    sum.energy_kwh += e.energy_kwh;
    sum.water_l += e.water_l;
    for (const f of e.factors) {
      const named = f.name.startsWith('llm_') ? f : { ...f, name: `llm_${f.name}` };
      const k = JSON.stringify(named);
      if (!seen.has(k)) {
        seen.add(k);
        factors.push(named);
      }
    }
    for (const w of e.warnings) if (!warnings.includes(w)) warnings.push(w);
  }
  const n = base.requests;
  const per = {
    co2e_g: base.per_request.co2e_g + sum.co2e_g,
    energy_kwh: base.per_request.energy_kwh + sum.energy_kwh,
    water_l: base.per_request.water_l + sum.water_l,
  };
  return {
    ...base,
    co2e_g: per.co2e_g * n,
    co2e_g_low: base.co2e_g_low + sum.co2e_g_low * n,
    co2e_g_high: base.co2e_g_high + sum.co2e_g_high * n,
    energy_kwh: per.energy_kwh * n,
    water_l: per.water_l * n,
    breakdown: {
      ...base.breakdown,
      llm_co2e_g: sum.co2e_g,
      llm_energy_kwh: sum.energy_kwh,
      llm_water_l: sum.water_l,
    },
    factors,
    warnings,
    per_request: per,
    sci: { ...base.sci, co2e_g_per_unit: per.co2e_g },
  };
}

/** The API estimate of the requests themselves (compute and network), without their LLM calls. */
function estimateApiRequests(catalog: Catalog, req: ApiEstimateRequest, prefix = ''): ApiEstimate {
  const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
  const bytesPerRequest = req.bytes_per_request ?? 0;
  const issues: FieldIssue[] = [];

  if (isAllocation(req)) {
    const server = attempt(issues, () => estimateServer(catalog, req.server, at('server')));
    const network = attempt(issues, () => networkGridFactor(catalog, req.network_zone, at('network_zone')));
    if (!server || !network) throw new UnknownReferenceError(issues);
    const r = apiRequestAllocated(
      {
        co2eG: { value: server.co2e_g, low: server.co2e_g_low, high: server.co2e_g_high },
        operationalCo2eG: server.breakdown.operational_co2e_g,
        embodiedCo2eG: server.breakdown.embodied_co2e_g,
        energyKwh: server.energy_kwh,
        memoryEnergyKwh: server.breakdown.memory_energy_kwh * server.breakdown.pue,
        waterOnsiteL: server.breakdown.water_onsite_l,
        waterOffsiteL: server.breakdown.water_offsite_l,
      },
      { requests: req.requests, bytesPerRequest },
      { networkGridGPerKwh: network },
    );
    return answer(
      catalog,
      'allocation',
      server.breakdown.power_basis,
      req.requests,
      r,
      [...server.factors, network],
      server.warnings,
    );
  }

  const placement = attempt(issues, () => resolvePlacementRequest(catalog, req, prefix));
  const network = attempt(issues, () => networkGridFactor(catalog, req.network_zone, at('network_zone')));
  if (!placement || !network) throw new UnknownReferenceError(issues);
  if (catalog.methodology === '3') return busyTime(catalog, req, placement, network);
  const { machine } = placement;
  const cpu = cpuPowerFactor(machine, 1);
  const rest = restOfServer(catalog, machine);
  // Methodology 2 (a v2 factor set): whole-server power per vCPU at full load, the CPU plus its rest-of-server share
  // (factors[] lists both parts: cpu_power_per_vcpu at u = 1.0 and rest_of_server_ratio).
  const power = rest.ratio ? wholeServerPowerPerVcpuW(cpu, rest.ratio) : cpu;
  const memoryMb = req.memory_mb ?? 0;
  const r = apiRequestResources(
    { cpuMsPerRequest: req.cpu_ms_per_request, bytesPerRequest, memoryMb },
    placementFactorValues(placement, power, {
      memoryKwhPerGbHour: memoryMb > 0 ? catalog.memoryPower : exact(0),
      networkGridGPerKwh: network,
    }),
  );
  const factors = [
    cpu,
    ...(memoryMb > 0 ? [catalog.memoryPower] : []),
    ...(rest.ratio ? [rest.ratio] : []),
    ...placementFactors(placement),
    network,
  ];
  const warnings = [...placement.regionWarnings, ...machine.warnings];
  if (rest.warning) warnings.push(rest.warning);
  if (memoryMb > 0 && machine.powerBasis === 'specpower') {
    warnings.push(
      `memory_mb is counted in full (${memoryMb} MB over each request's CPU time at 0.000392 kWh/GB-h), on top of a ` +
        'SPECpower profile whose watts already include some memory: the memory part is an upper bound.',
    );
  }
  warnings.push(MARGINAL_WARNING);
  return answer(catalog, 'resources', machine.powerBasis, req.requests, r, factors, warnings);
}

const MB_PER_GB = 1024;

/**
 * Resources mode, methodology 3 (docs/methodology.md, "API requests"): the SPECpower basis's
 * whole-server power per vCPU at full load, `memory_mb` counted by the same whole-server rule as a
 * server's memory (only what its watts do not already hold), and a range that spans the TDP curve
 * (the CPU at full load and all of `memory_mb`, plus Boavizta's rest of the server).
 */
function busyTime(
  catalog: Catalog,
  req: ApiResourcesRequest,
  placement: Placement,
  network: Factor,
): ApiEstimate {
  const { machine } = placement;
  const bytesPerRequest = req.bytes_per_request ?? 0;
  const cpu = cpuPowerFactor(machine, 1);
  const memoryMb = req.memory_mb ?? 0;
  const counted = machineMemory(machine, memoryMb / MB_PER_GB);
  const countedMb = counted.gbCounted * MB_PER_GB;
  const values = placementFactorValues(placement, cpu, {
    memoryKwhPerGbHour: countedMb > 0 ? catalog.memoryPower : exact(0),
    networkGridGPerKwh: network,
  });
  const workload = { cpuMsPerRequest: req.cpu_ms_per_request, bytesPerRequest, memoryMb: countedMb };
  const tdp = tdpCurveFactor(machine, 1);
  const r = apiRequestResources(
    workload,
    values,
    tdp
      ? {
          workload: { ...workload, memoryMb },
          values: placementFactorValues(placement, wholeServerPowerPerVcpuW(tdp, catalog.restOfServer), {
            memoryKwhPerGbHour: wholeServerPowerPerVcpuW(catalog.memoryPower, catalog.restOfServer),
            networkGridGPerKwh: network,
          }),
        }
      : null,
  );
  const factors = [
    cpu,
    ...(memoryMb > 0 ? [catalog.memoryPower, ...counted.factors] : []),
    ...placementFactors(placement),
    network,
    ...(tdp ? [tdp, catalog.restOfServer] : []),
  ];
  const warnings = [...placement.regionWarnings, ...machine.warnings];
  if (machine.gpu)
    warnings.push(
      `Resources mode counts CPU time only: the ${machine.gpu.count} ${machine.gpu.model.model} GPU(s) of this instance type are not counted (allocation mode, a body with 'server', counts them).`,
    );
  const memoryWarning = memoryMb > 0 ? memoryReferenceWarning(machine) : null;
  if (memoryWarning) warnings.push(memoryWarning);
  warnings.push(BUSY_TIME_WARNING);
  return answer(catalog, 'resources', machine.powerBasis, req.requests, r, factors, warnings);
}
