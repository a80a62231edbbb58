import type {
  Catalog,
  DatabasePlanInfo,
  InstanceTypeInfo,
  ProviderInfo,
  ResolvedRegion,
  StorageServiceInfo,
} from '../factors/catalog.js';
import { type FieldIssue, UnknownReferenceError } from './errors.js';
import { closest } from './suggest.js';

const didYouMean = (input: string, candidates: readonly string[]) => {
  const near = closest(input, candidates);
  return near.length ? ` Did you mean ${near.map((n) => `'${n}'`).join(', ')}?` : '';
};

/** The provider named by a request, or a 422 listing the valid ones. */
export function resolveProvider(catalog: Catalog, id: string, path = 'provider'): ProviderInfo {
  const provider = catalog.provider(id);
  if (provider) return provider;
  const valid = catalog.providers.map((p) => p.id);
  throw new UnknownReferenceError([
    { path, message: `Unknown provider '${id}'. Valid providers: ${valid.join(', ')}.` },
  ]);
}

/** The region of a provider, or a 422 listing that provider's regions. */
export function resolveRegion(
  catalog: Catalog,
  provider: ProviderInfo,
  regionId: string,
  path = 'region',
): ResolvedRegion {
  const region = catalog.region(provider.id, regionId);
  if (region) return region;
  const valid = catalog.regions(provider.id).map((r) => r.row.id);
  throw new UnknownReferenceError([
    {
      path,
      message: `Unknown region '${regionId}' for provider '${provider.id}'.${didYouMean(regionId, valid)} Valid regions: ${valid.join(', ')} (GET /v1/providers/${provider.id}/regions).`,
    },
  ]);
}

/** An instance type of a provider (case-insensitive), or a 422 pointing at the catalog. */
export function resolveInstanceType(
  catalog: Catalog,
  provider: ProviderInfo,
  name: string,
  path = 'instance_type',
): InstanceTypeInfo {
  const instance = catalog.instanceType(provider.id, name);
  if (instance) return instance;
  const all = catalog.instanceTypes(provider.id).map((i) => i.row.id);
  const message = all.length
    ? `Unknown instance type '${name}' for provider '${provider.id}'.${didYouMean(name, all)} List them with GET /v1/providers/${provider.id}/instance-types.`
    : `Provider '${provider.id}' has no instance types in the catalog: describe the machine with 'hardware' instead.`;
  throw new UnknownReferenceError([{ path, message }]);
}

/** Provider and region of a placement, with paths under `prefix`. */
export function resolvePlacement(
  catalog: Catalog,
  providerId: string,
  regionId: string,
  prefix = '',
): { provider: ProviderInfo; region: ResolvedRegion } {
  const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
  const provider = resolveProvider(catalog, providerId, at('provider'));
  return { provider, region: resolveRegion(catalog, provider, regionId, at('region')) };
}

/** Runs a lookup, collecting its 422 issues instead of throwing, so one answer lists them all. */
export function attempt<T>(issues: FieldIssue[], lookup: () => T): T | undefined {
  try {
    return lookup();
  } catch (error) {
    if (error instanceof UnknownReferenceError) {
      issues.push(...error.issues);
      return undefined;
    }
    throw error;
  }
}

/** A storage service of a provider (case-insensitive), or a 422 with the closest ids. */
export function resolveStorageService(
  catalog: Catalog,
  provider: ProviderInfo,
  id: string,
  path = 'service',
): StorageServiceInfo {
  const service = catalog.storageService(provider.id, id);
  if (service) return service;
  const all = catalog.storageServices(provider.id).map((s) => s.row.id);
  const message = all.length
    ? `Unknown storage service '${id}' for provider '${provider.id}'.${didYouMean(id, all)} Valid services: ${all.join(', ')} (GET /v1/providers/${provider.id}/storage-services).`
    : `Provider '${provider.id}' has no storage services in the catalog.`;
  throw new UnknownReferenceError([{ path, message }]);
}

/** A database plan of a provider (case-insensitive), or a 422 with the closest ids. */
export function resolveDatabasePlan(
  catalog: Catalog,
  provider: ProviderInfo,
  id: string,
  path = 'plan',
): DatabasePlanInfo {
  const plan = catalog.databasePlan(provider.id, id);
  if (plan) return plan;
  const all = catalog.databasePlans(provider.id).map((p) => p.id);
  const message = all.length
    ? `Unknown database plan '${id}' for provider '${provider.id}'.${didYouMean(id, all)} List them with GET /v1/providers/${provider.id}/database-plans.`
    : `Provider '${provider.id}' has no database plans in the catalog: give 'instance_type' and 'engine' instead.`;
  throw new UnknownReferenceError([{ path, message }]);
}
