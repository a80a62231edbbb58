import type { Catalog, ProviderInfo, ResolvedRegion } from '../factors/catalog.js';
import type { ComputeFactorValues } from '../models/compute-factors.js';
import type { Factor } from '../models/factor.js';
import { type FieldIssue, UnknownReferenceError } from './errors.js';
import { type HardwareSpec, type Machine, resolveMachine } from './machine.js';
import { attempt, resolveInstanceType, resolveProvider, resolveRegion } from './resolve.js';

export interface PlacementRequest {
  provider: string;
  region: string;
  instance_type?: string | undefined;
  hardware?: HardwareSpec | undefined;
}

export interface Placement {
  provider: ProviderInfo;
  region: ResolvedRegion;
  machine: Machine;
}

/**
 * Provider, region and machine of a request. Every unknown name is reported at once (422),
 * with paths under `prefix`.
 */
export function resolvePlacementRequest(catalog: Catalog, req: PlacementRequest, prefix = ''): Placement {
  const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
  const issues: FieldIssue[] = [];
  const provider = attempt(issues, () => resolveProvider(catalog, req.provider, at('provider')));
  if (!provider) throw new UnknownReferenceError(issues);
  const region = attempt(issues, () => resolveRegion(catalog, provider, req.region, at('region')));
  if (req.instance_type !== undefined) {
    attempt(issues, () =>
      resolveInstanceType(catalog, provider, req.instance_type as string, at('instance_type')),
    );
  }
  if (!region || issues.length) throw new UnknownReferenceError(issues);
  return { provider, region, machine: resolveMachine(catalog, region, req, prefix) };
}

/** The compute factor values of a placement, with `cpu` at the load the model uses. */
export function placementFactorValues({ region, machine }: Placement, cpu: Factor): ComputeFactorValues {
  return {
    cpuPowerPerVcpuW: cpu,
    pue: region.pue,
    gridGPerKwh: region.grid,
    hostEmbodiedKg: machine.hostEmbodied,
    hostVcpus: machine.hostVcpus.value,
    lifespanHours: machine.lifespan.value,
    wueLPerKwh: region.wue,
    ewifLPerKwh: region.ewif,
  };
}

/** The placement's factors as answers list them, after the CPU (and memory) factors. */
export function placementFactors({ region, machine }: Placement): Factor[] {
  return [
    region.pue,
    region.grid,
    machine.hostEmbodied,
    machine.hostVcpus,
    machine.lifespan,
    region.wue,
    region.ewif,
  ];
}
