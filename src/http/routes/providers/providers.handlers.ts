import type { RouteHandler } from '@hono/zod-openapi';
import type {
  Catalog,
  DatabasePlanInfo,
  InstanceTypeInfo,
  ProviderInfo,
  ResolvedRegion,
  StorageServiceInfo,
} from '../../../factors/catalog.js';
import { type AppDeps, catalogOf } from '../../deps.js';
import { ProblemError, problems } from '../../problem.js';
import type {
  getProviderRoute,
  listDatabasePlansRoute,
  listInstanceTypesRoute,
  listProvidersRoute,
  listRegionsRoute,
  listStorageServicesRoute,
} from './providers.routes.js';

function providerView(catalog: Catalog, p: ProviderInfo) {
  const r = p.row;
  return {
    id: p.id,
    name: p.name,
    url: r.url,
    regions_count: catalog.regions(p.id).length,
    instance_types_count: catalog.instanceTypes(p.id).length,
    storage_services_count: catalog.storageServices(p.id).length,
    database_plans_count: catalog.databasePlans(p.id).length,
    defaults: {
      pue: r.defaultPue,
      pue_year: r.defaultPueYear,
      pue_source_id: r.defaultPueSourceId,
      wue_l_per_kwh: r.defaultWueLPerKwh,
      wue_year: r.defaultWueYear,
      wue_source_id: r.defaultWueSourceId,
      cpu_family_x86_64: p.cpuProfileX86.family,
      cpu_family_arm64: p.cpuProfileArm64.family,
      lifespan_hours: p.lifespan.value,
      lifespan_source_id: r.lifespanSourceId,
    },
    links: {
      regions: `/v1/providers/${p.id}/regions`,
      instance_types: `/v1/providers/${p.id}/instance-types`,
      storage_services: `/v1/providers/${p.id}/storage-services`,
      database_plans: `/v1/providers/${p.id}/database-plans`,
    },
  };
}

function regionView(r: ResolvedRegion) {
  return {
    provider: r.provider.id,
    id: r.row.id,
    name: r.row.name,
    datacenter: r.row.datacenter,
    country: r.country,
    grid_zone: r.gridZone,
    pue: r.pue.value,
    pue_year: r.pue.year,
    pue_source_id: r.pue.source_id,
    wue_l_per_kwh: r.wue.value,
    wue_year: r.wue.year,
    wue_source_id: r.wue.source_id,
    grid_intensity_g_per_kwh: r.grid.value,
    year: r.grid.year,
    grid_source_id: r.grid.source_id,
    ewif_l_per_kwh: r.ewif.value,
    source_id: r.row.sourceId,
    runs_on: r.runsOn,
    factors: [r.pue, r.wue, r.grid, r.ewif],
    warnings: r.warnings,
  };
}

function instanceTypeView(i: InstanceTypeInfo) {
  const fallback = i.architecture === 'arm64' ? i.provider.cpuProfileArm64 : i.provider.cpuProfileX86;
  const published = i.cpuProfiles.length > 0;
  return {
    provider: i.provider.id,
    id: i.row.id,
    family: i.row.family,
    vcpus: i.row.vcpus,
    vcpus_status: i.row.vcpusStatus,
    memory_gb: i.row.memoryGb,
    cpu_family: published ? i.cpuProfiles.map((p) => p.family).join(';') : fallback.family,
    cpu_family_status: published ? ('published' as const) : ('default' as const),
    cpu_architecture: i.architecture,
    host_vcpus: i.row.hostVcpus,
    host_embodied_kgco2e: i.row.hostEmbodiedKg,
    embodied_status: i.row.embodiedStatus,
    gpu_model: i.gpu?.model.model ?? null,
    gpu_count: i.gpu?.count ?? null,
    source_id: i.row.sourceId,
  };
}

function storageServiceView(s: StorageServiceInfo) {
  return {
    provider: s.provider.id,
    id: s.row.id,
    name: s.row.name,
    kind: s.kind,
    medium: s.medium,
    replication_factor: s.row.replicationFactor,
    replication_status: s.row.replicationStatus,
    source_id: s.row.sourceId,
    note: s.row.note,
  };
}

function databasePlanView(p: DatabasePlanInfo) {
  return {
    provider: p.provider.id,
    id: p.id,
    engines: p.engines,
    vcpus: p.vcpus,
    vcpus_status: p.vcpusStatus,
    memory_gb: p.memoryGb,
    storage_gb: p.row.storageGb,
    storage_service: p.row.storageServiceId,
    nodes: p.row.nodes,
    standby_nodes: p.row.standbyNodes,
    instance_type: p.instance ? { provider: p.instance.provider.id, id: p.instance.row.id } : null,
    regions: p.regions,
    source_id: p.row.sourceId,
    note: p.row.note,
  };
}

function providerOr404(catalog: Catalog, id: string): ProviderInfo {
  const provider = catalog.provider(id);
  if (provider) return provider;
  throw new ProblemError(
    problems.notFound(
      `Unknown provider '${id}'. Valid providers: ${catalog.providers.map((p) => p.id).join(', ')}.`,
    ),
  );
}

export function providerHandlers(deps: AppDeps) {
  const list: RouteHandler<typeof listProvidersRoute> = async (c) => {
    const catalog = await catalogOf(deps);
    return c.json({ data: catalog.providers.map((p) => providerView(catalog, p)) }, 200);
  };
  const get: RouteHandler<typeof getProviderRoute> = async (c) => {
    const catalog = await catalogOf(deps);
    return c.json(providerView(catalog, providerOr404(catalog, c.req.valid('param').provider)), 200);
  };
  const regions: RouteHandler<typeof listRegionsRoute> = async (c) => {
    const catalog = await catalogOf(deps);
    const provider = providerOr404(catalog, c.req.valid('param').provider);
    return c.json({ data: catalog.regions(provider.id).map(regionView) }, 200);
  };
  const instanceTypes: RouteHandler<typeof listInstanceTypesRoute> = async (c) => {
    const catalog = await catalogOf(deps);
    const provider = providerOr404(catalog, c.req.valid('param').provider);
    return c.json({ data: catalog.instanceTypes(provider.id).map(instanceTypeView) }, 200);
  };
  const storageServices: RouteHandler<typeof listStorageServicesRoute> = async (c) => {
    const catalog = await catalogOf(deps);
    const provider = providerOr404(catalog, c.req.valid('param').provider);
    return c.json({ data: catalog.storageServices(provider.id).map(storageServiceView) }, 200);
  };
  const databasePlans: RouteHandler<typeof listDatabasePlansRoute> = async (c) => {
    const catalog = await catalogOf(deps);
    const provider = providerOr404(catalog, c.req.valid('param').provider);
    return c.json({ data: catalog.databasePlans(provider.id).map(databasePlanView) }, 200);
  };
  return { list, get, regions, instanceTypes, storageServices, databasePlans };
}
