import type { Catalog, ResolvedRegion, StorageServiceInfo } from '../factors/catalog.js';
import type { EstimateBase } from '../models/estimate.js';
import { exact, type Factor } from '../models/factor.js';
import {
  type StorageBreakdown,
  type StorageFootprint,
  type StorageKind,
  type StorageMedium,
  storageFootprint,
} from '../models/storage.js';
import { type FieldIssue, UnknownReferenceError } from './errors.js';
import { type GridSource, regionGrid } from './placement.js';
import { attempt, resolveProvider, resolveRegion, resolveStorageService } from './resolve.js';

export const STORAGE_METHODOLOGY = Object.freeze({ id: 'empreinte-storage', version: '1' });

/** `POST /v1/estimates/storage` (docs/methodology.md, "Storage"). */
export interface StorageEstimateRequest {
  provider: string;
  region: string;
  service: string;
  size_gb: number;
  duration_hours: number;
  grid_source?: GridSource | undefined;
}

export interface StorageEstimateBreakdown extends StorageBreakdown {
  service: string;
  kind: StorageKind;
  medium: StorageMedium;
}

export type StorageEstimate = EstimateBase<StorageEstimateBreakdown>;

/** The warning of every storage answer: what is not counted. */
export const STORAGE_EMBODIED_WARNING =
  "Embodied emissions of the storage media are not counted (Boavizta's per-drive figures depend on drive " +
  'capacities the providers do not publish), nor the servers and network that serve the data: the figure covers ' +
  'the power of the drives holding every copy.';

/** Resolves the request's provider, region and service (one 422 listing every unknown name). */
function resolveStorageRequest(
  catalog: Catalog,
  req: Pick<StorageEstimateRequest, 'provider' | 'region' | 'service'>,
  prefix: string,
): { region: ResolvedRegion; service: StorageServiceInfo } {
  const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
  const issues: FieldIssue[] = [];
  const provider = attempt(issues, () => resolveProvider(catalog, req.provider, at('provider')));
  if (!provider) throw new UnknownReferenceError(issues);
  const region = attempt(issues, () => resolveRegion(catalog, provider, req.region, at('region')));
  const service = attempt(issues, () => resolveStorageService(catalog, provider, req.service, at('service')));
  if (!region || !service) throw new UnknownReferenceError(issues);
  return { region, service };
}

/**
 * The storage footprint of `sizeGb` in a resolved region on a medium's power and a replication
 * factor (a storage service's, or a database's default), with its factors.
 */
export function storageAt(
  region: ResolvedRegion,
  storage: { power: Factor; replication: Factor },
  sizeGb: number,
  durationHours: number,
  gridSource: GridSource | undefined,
): { result: StorageFootprint; factors: Factor[]; regionWarnings: string[] } {
  const { grid, regionWarnings } = regionGrid(region, gridSource);
  const result = storageFootprint(
    { sizeGb, durationHours },
    {
      powerKwhPerTbHour: storage.power,
      replicationFactor: storage.replication,
      pue: region.pue,
      gridGPerKwh: grid,
      wueLPerKwh: region.wue,
      ewifLPerKwh: region.ewif,
    },
  );
  return {
    result,
    factors: [storage.power, storage.replication, region.pue, grid, region.wue, region.ewif],
    regionWarnings,
  };
}

/** Estimates stored data (422 on unknown names). */
export function estimateStorage(catalog: Catalog, req: StorageEstimateRequest, prefix = ''): StorageEstimate {
  const { region, service } = resolveStorageRequest(catalog, req, prefix);
  const { result, factors, regionWarnings } = storageAt(
    region,
    service,
    req.size_gb,
    req.duration_hours,
    req.grid_source,
  );
  return {
    co2e_g: result.co2e_g,
    co2e_g_low: result.co2e_g_low,
    co2e_g_high: result.co2e_g_high,
    energy_kwh: result.energy_kwh,
    water_l: result.water_l,
    breakdown: { service: service.row.id, kind: service.kind, medium: service.medium, ...result.breakdown },
    factors,
    methodology: STORAGE_METHODOLOGY,
    data_version: catalog.dataVersion,
    warnings: [...regionWarnings, STORAGE_EMBODIED_WARNING],
  };
}

/** A replication factor of 1 (status default) for storage a plan does not name. */
export const ONE_COPY: Factor = Object.freeze({
  name: 'replication_factor',
  ...exact(1),
  unit: 'copies',
  source_id: null,
  year: null,
  status: 'default' as const,
});
