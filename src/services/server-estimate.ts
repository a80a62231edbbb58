import type { Catalog } from '../factors/catalog.js';
import type { EstimateBase } from '../models/estimate.js';
import { type ServerBreakdown, type ServerFactorValues, serverFootprint } from '../models/server.js';
import { cpuPowerFactor, type HardwareSpec } from './machine.js';
import {
  type Placement,
  placementFactors,
  placementFactorValues,
  resolvePlacementRequest,
} from './placement.js';

export const SERVER_METHODOLOGY = { id: 'empreinte-server', version: '1' } as const;
export const DEFAULT_UTILIZATION = 0.5;

/** `POST /v1/estimates/server` (METHODOLOGY.md, "Server"). */
export interface ServerEstimateRequest {
  provider: string;
  region: string;
  instance_type?: string | undefined;
  hardware?: HardwareSpec | undefined;
  utilization?: number | undefined;
  duration_hours: number;
  count?: number | undefined;
}

export type ServerEstimate = EstimateBase<ServerBreakdown>;

/** Estimates a server workload on an already resolved placement. */
export function estimateServerAt(
  catalog: Catalog,
  placement: Placement,
  req: Pick<ServerEstimateRequest, 'utilization' | 'duration_hours' | 'count'>,
): ServerEstimate {
  const { region, machine } = placement;
  const utilization = req.utilization ?? DEFAULT_UTILIZATION;
  const cpu = cpuPowerFactor(machine, utilization);
  const memory = catalog.memoryPower;
  const values: ServerFactorValues = { ...placementFactorValues(placement, cpu), memoryKwhPerGbHour: memory };
  const result = serverFootprint(
    {
      vcpus: machine.vcpus,
      memoryGb: machine.memoryGb,
      durationHours: req.duration_hours,
      count: req.count ?? 1,
    },
    values,
  );
  return {
    co2e_g: result.co2e_g,
    co2e_g_low: result.co2e_g_low,
    co2e_g_high: result.co2e_g_high,
    energy_kwh: result.energy_kwh,
    water_l: result.water_l,
    breakdown: result.breakdown,
    factors: [cpu, memory, ...placementFactors(placement)],
    methodology: SERVER_METHODOLOGY,
    data_version: catalog.dataVersion,
    warnings: [...region.warnings, ...machine.warnings],
  };
}

/** Resolves the request's provider, region and machine (422 on unknown names), then estimates. */
export function estimateServer(catalog: Catalog, req: ServerEstimateRequest, prefix = ''): ServerEstimate {
  return estimateServerAt(catalog, resolvePlacementRequest(catalog, req, prefix), req);
}
