import { type Catalog, RANGE_PCT } from '../factors/catalog.js';
import {
  type ApiRequestBreakdown,
  type ApiRequestFootprint,
  apiRequestAllocated,
  apiRequestResources,
} from '../models/api-request.js';
import type { EstimateBase, Footprint } from '../models/estimate.js';
import { type Factor, ranged } from '../models/factor.js';
import { SWD_GLOBAL_GRID_G_PER_KWH } from '../models/website-swd-v4.js';
import { type FieldIssue, UnknownReferenceError } from './errors.js';
import { cpuPowerFactor, type HardwareSpec } from './machine.js';
import { MODEL_SOURCE_IDS, modelFactor } from './model-sources.js';
import { placementFactors, placementFactorValues, resolvePlacementRequest } from './placement.js';
import { attempt } from './resolve.js';
import { estimateServer, type ServerEstimateRequest } from './server-estimate.js';
import { zoneGridFactor } from './zones.js';

export const API_METHODOLOGY = { id: 'empreinte-api', version: '1' } as const;

interface ApiCommon {
  requests: number;
  bytes_per_request?: number | undefined;
  network_zone?: string | undefined;
}

/** Resources mode: the CPU time and bytes one request uses. */
export interface ApiResourcesRequest extends ApiCommon {
  provider: string;
  region: string;
  instance_type?: string | undefined;
  hardware?: HardwareSpec | undefined;
  cpu_ms_per_request: number;
}

/** Allocation mode: a server's footprint shared by the requests it served. */
export interface ApiAllocationRequest extends ApiCommon {
  server: ServerEstimateRequest;
}

export type ApiEstimateRequest = ApiResourcesRequest | ApiAllocationRequest;

export interface ApiEstimate
  extends EstimateBase<ApiRequestBreakdown & { mode: 'resources' | 'allocation' }> {
  requests: number;
  per_request: Footprint;
  sci: { functional_unit: 'request'; co2e_g_per_unit: number };
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
  requests: number,
  r: ApiRequestFootprint,
  factors: Factor[],
  warnings: string[],
): ApiEstimate {
  return {
    co2e_g: r.co2e_g * requests,
    co2e_g_low: r.co2e_g_low * requests,
    co2e_g_high: r.co2e_g_high * requests,
    energy_kwh: r.energy_kwh * requests,
    water_l: r.water_l * requests,
    breakdown: { mode, ...r.breakdown },
    factors,
    methodology: API_METHODOLOGY,
    data_version: catalog.dataVersion,
    warnings,
    requests,
    per_request: { co2e_g: r.co2e_g, energy_kwh: r.energy_kwh, water_l: r.water_l },
    sci: { functional_unit: 'request', co2e_g_per_unit: r.co2e_g },
  };
}

/**
 * `POST /v1/estimates/api` (METHODOLOGY.md, "API requests"): per request (SCI, R = one request)
 * and the total over `requests`. Unknown names answer 422 with paths under `prefix`.
 */
export function estimateApi(catalog: Catalog, req: ApiEstimateRequest, prefix = ''): ApiEstimate {
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
        waterOnsiteL: server.breakdown.water_onsite_l,
        waterOffsiteL: server.breakdown.water_offsite_l,
      },
      { requests: req.requests, bytesPerRequest },
      { networkGridGPerKwh: network },
    );
    return answer(catalog, 'allocation', req.requests, r, [...server.factors, network], server.warnings);
  }

  const placement = attempt(issues, () => resolvePlacementRequest(catalog, req, prefix));
  const network = attempt(issues, () => networkGridFactor(catalog, req.network_zone, at('network_zone')));
  if (!placement || !network) throw new UnknownReferenceError(issues);
  const { region, machine } = placement;
  const cpu = cpuPowerFactor(machine, 1);
  const r = apiRequestResources(
    { cpuMsPerRequest: req.cpu_ms_per_request, bytesPerRequest },
    { ...placementFactorValues(placement, cpu), networkGridGPerKwh: network },
  );
  const factors = [cpu, ...placementFactors(placement), network];
  return answer(catalog, 'resources', req.requests, r, factors, [...region.warnings, ...machine.warnings]);
}
