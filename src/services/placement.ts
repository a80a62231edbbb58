import type { Catalog, ProviderInfo, ResolvedRegion } from '../factors/catalog.js';
import type { ComputeFactorValues } from '../models/compute-factors.js';
import type { Factor, Ranged } from '../models/factor.js';
import { type FieldIssue, UnknownReferenceError } from './errors.js';
import { type HardwareSpec, type Machine, resolveMachine } from './machine.js';
import { attempt, resolveInstanceType, resolveProvider, resolveRegion } from './resolve.js';

/**
 * Where a placement's grid intensity comes from: `regional` (default) the region's published
 * value when there is one, else its country's Ember value; `country` the country's Ember value
 * for every placement, so placements with different publishers compare like with like.
 */
export const GRID_SOURCES = ['regional', 'country'] as const;
export type GridSource = (typeof GRID_SOURCES)[number];

export interface PlacementRequest {
  provider: string;
  region: string;
  instance_type?: string | undefined;
  hardware?: HardwareSpec | undefined;
  grid_source?: GridSource | undefined;
}

export interface Placement {
  provider: ProviderInfo;
  region: ResolvedRegion;
  machine: Machine;
  /** The grid intensity `grid_source` chose. */
  grid: Factor;
  /** The region's warnings under that grid source. */
  regionWarnings: string[];
}

/** The grid factor of a region under a grid source, and the region's warnings that go with it. */
export function regionGrid(region: ResolvedRegion, source: GridSource = 'regional') {
  if (source === 'regional') return { grid: region.grid, regionWarnings: region.warnings };
  const others = region.warnings.filter((w) => w !== region.gridWarning);
  return {
    grid: region.gridCountry,
    regionWarnings: region.gridCountryWarning ? [...others, region.gridCountryWarning] : others,
  };
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
  return {
    provider,
    region,
    machine: resolveMachine(catalog, region, req, prefix),
    ...regionGrid(region, req.grid_source),
  };
}

/**
 * The compute factor values of a placement, with `cpu` at the load the model uses, and the
 * model's own values (`extra`) added in place: spreading this object into another literal cost a
 * server estimate ~4.5 µs (1.4 against 5.8–7.1 µs in a loop), the model then reading a slower object.
 */
export function placementFactorValues<E extends object>(
  { region, machine, grid }: Placement,
  cpu: Ranged,
  extra: E,
): ComputeFactorValues & E {
  return Object.assign(
    {
      cpuPowerPerVcpuW: cpu,
      pue: region.pue,
      gridGPerKwh: grid,
      hostEmbodiedKg: machine.hostEmbodied,
      hostVcpus: machine.hostVcpus.value,
      lifespanHours: machine.lifespan.value,
      wueLPerKwh: region.wue,
      ewifLPerKwh: region.ewif,
    },
    extra,
  );
}

/** The placement's factors as answers list them, after the CPU (and memory) factors. */
export function placementFactors({ region, machine, grid }: Placement): Factor[] {
  return [
    region.pue,
    grid,
    machine.hostEmbodied,
    machine.hostVcpus,
    machine.lifespan,
    region.wue,
    region.ewif,
  ];
}
