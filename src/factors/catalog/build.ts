import type { CpuPowerProfile } from '../../models/cpu-power.js';
import {
  DATA_FACTOR_STATUSES,
  type DataFactorStatus,
  exact,
  type Factor,
  ranged,
} from '../../models/factor.js';
import { STORAGE_KINDS, STORAGE_MEDIA, type StorageMedium } from '../../models/storage.js';
import type { CatalogData, CpuProfileRow, RegionRow } from '../store.js';
import { asStatus, factor, key, RANGE_PCT } from './factor.js';
import { resolveEwif, resolveGrid, resolvePue, resolveWue } from './fallbacks.js';
import { defaultHostFrom, gpuModelInfo, instanceLookupKey, instanceTypeInfo } from './instances.js';
import type {
  Catalog,
  CpuArchitecture,
  CpuProfile,
  DatabasePlanInfo,
  GridZoneInfo,
  InstanceTypeInfo,
  LlmModelInfo,
  LlmProviderInfo,
  ProviderInfo,
  Resolved,
  ResolvedRegion,
  StorageServiceInfo,
} from './types.js';

const dataStatus = (s: string | null): DataFactorStatus | null =>
  s === null ? null : (DATA_FACTOR_STATUSES.find((d) => d === s) ?? null);

function cpuProfileFrom(row: CpuProfileRow): CpuProfile {
  const architecture: CpuArchitecture = row.architecture === 'arm64' ? 'arm64' : 'x86_64';
  const profile: CpuPowerProfile =
    row.method === 'tdp-curve'
      ? { method: 'tdp-curve', tdpW: row.tdpW ?? 0, threads: row.threads ?? 1 }
      : { method: 'specpower', minW: row.minWPerVcpu ?? 0, maxW: row.maxWPerVcpu ?? 0 };
  return {
    family: row.family,
    architecture,
    profile,
    memoryGbPerChip: row.method === 'tdp-curve' ? null : row.memoryGbPerChip,
    sourceId: row.sourceId,
    status: dataStatus(row.status),
    memoryStatus: dataStatus(row.memoryStatus),
    memorySourceId: row.memorySourceId ?? row.sourceId,
    tdpCurve:
      row.method === 'specpower' && row.tdpW !== null && row.threads !== null && row.tdpSourceId !== null
        ? { tdpW: row.tdpW, threads: row.threads, sourceId: row.tdpSourceId }
        : null,
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** A published factor as a figure derived from it (a tenant's share of an operator's value). */
const asDerived = (f: Factor): Factor =>
  f.status === 'published' ? Object.freeze({ ...f, status: 'derived' as const }) : f;

/** Appends `item` to the list of `k` in `map`. */
function push<K, V>(map: Map<K, V[]>, k: K, item: V): void {
  const list = map.get(k);
  if (list) list.push(item);
  else map.set(k, [item]);
}

/** Indexes the factor tables and resolves every region's fallbacks. Pure. */
export function buildCatalog(data: CatalogData): Catalog {
  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`factor data is incomplete: ${what}`);
    return v;
  };
  const sourcesById = new Map(data.sources.map((s) => [s.id, s]));
  const globals = new Map(data.globalFactors.map((g) => [g.name, g]));

  // CPU profiles and providers.
  const cpuProfiles = data.cpuProfiles.map(cpuProfileFrom);
  const cpuByFamily = new Map(cpuProfiles.map((p) => [key(p.family), p]));
  const cpuProfile = (family: string) => need(cpuByFamily.get(key(family)), `CPU profile ${family}`);
  const providers = data.providers.map(
    (row): ProviderInfo => ({
      row,
      id: row.id,
      name: row.name,
      lifespan: factor({
        name: 'lifespan',
        value: exact(row.lifespanHours),
        unit: 'h',
        source: row.lifespanSourceId,
        // An assumption, not a measurement: it has no data year (the page's date is not one).
        year: null,
        status: 'published',
      }),
      cpuProfileX86: cpuProfile(row.cpuProfileX86),
      cpuProfileArm64: cpuProfile(row.cpuProfileArm64),
    }),
  );
  const providerById = new Map(providers.map((p) => [p.id, p]));
  const provider = (id: string) => need(providerById.get(id), `provider ${id}`);

  // Countries, grid zones (the latest year of each) and electricity water.
  const countryByAlpha2 = new Map(data.countries.map((c) => [key(c.alpha2), c]));
  const countryByAlpha3 = new Map(data.countries.map((c) => [key(c.alpha3), c]));
  const alpha3 = (code: string): string | undefined => {
    const k = key(code);
    if (k.length === 2) return countryByAlpha2.get(k)?.alpha3;
    if (k.length === 3) return countryByAlpha3.get(k)?.alpha3;
    return undefined;
  };
  const latestGrid = new Map<string, (typeof data.gridIntensities)[number]>();
  for (const g of data.gridIntensities) {
    const prev = latestGrid.get(g.zone);
    if (!prev || g.year > prev.year) latestGrid.set(g.zone, g);
  }
  const gridZones: GridZoneInfo[] = [...latestGrid.values()]
    .map((g) => {
      const country = countryByAlpha3.get(key(g.zone));
      return {
        zone: g.zone,
        alpha2: country?.alpha2 ?? null,
        name: country?.name ?? (g.zone === 'WORLD' ? 'World' : g.zone),
        year: g.year,
        gPerKwh: g.gPerKwh,
        sourceId: g.sourceId,
      };
    })
    .sort((a, b) => a.zone.localeCompare(b.zone));
  const gridByZone = new Map(gridZones.map((g) => [key(g.zone), g]));
  const gridZone = (code: string): GridZoneInfo | undefined => {
    if (key(code) === 'world') return gridByZone.get('world');
    const a3 = alpha3(code);
    return a3 ? gridByZone.get(key(a3)) : undefined;
  };
  const world = need(gridByZone.get('world'), 'WORLD grid intensity');
  const waterByZone = new Map(data.electricityWater.map((w) => [key(w.zone), w]));
  const waterMedian = {
    lPerKwh: median(data.electricityWater.map((w) => w.lPerKwh)),
    sourceId: data.electricityWater[0]?.sourceId ?? null,
  };
  // One answer per country (and one for none), so every estimate shares its factor objects; a code
  // that names no country is resolved each time (its warning quotes it).
  const ewifByAlpha3 = new Map<string, Resolved>();
  const ewifOfNone = resolveEwif(null, undefined, waterMedian);
  const ewif = (code: string | null): Resolved => {
    if (code === null) return ewifOfNone;
    const a3 = alpha3(code);
    if (a3 === undefined) return resolveEwif(code, undefined, waterMedian);
    let resolved = ewifByAlpha3.get(a3);
    if (resolved === undefined) {
      resolved = resolveEwif(code, waterByZone.get(key(a3)), waterMedian);
      if (resolved.warning === null) ewifByAlpha3.set(a3, resolved);
    }
    return resolved;
  };

  const industryPue = need(globals.get('pue_industry_average'), 'pue_industry_average');
  /** A global factor with the range its row gives, else ±`pct`. */
  const globalFactor = (name: string, pct: number) => {
    const g = need(globals.get(name), name);
    const r = ranged(g.value, pct);
    return factor({
      name,
      value: { value: g.value, low: g.low ?? r.low, high: g.high ?? r.high },
      unit: g.unit,
      source: g.sourceId,
      year: g.year,
      status: 'published',
    });
  };
  const memoryPower = globalFactor('memory_power', RANGE_PCT.memoryPower);
  // Storage and network factors joined the factor sets after methodology 2: absent there.
  const optionalGlobal = (name: string) =>
    globals.has(name) ? globalFactor(name, RANGE_PCT.unranged) : null;
  const ssd = optionalGlobal('storage_power_ssd');
  const hdd = optionalGlobal('storage_power_hdd');
  const storagePower: Record<StorageMedium, Factor> | null = ssd && hdd ? { ssd, hdd } : null;
  const networkEnergy = optionalGlobal('network_energy');
  const restOfServer = globalFactor('rest_of_server_ratio', 0);

  // Regions: own factors through their fallbacks; a `runs_on` region takes its host's.
  const v3 = data.methodology === '3';
  const resolveOwn = (row: RegionRow, owner: ProviderInfo): ResolvedRegion => {
    const countryAlpha3 = alpha3(row.country) ?? null;
    const pue = resolvePue(row, owner, industryPue);
    const wue = resolveWue(row, owner);
    const countryGrid = countryAlpha3 ? gridByZone.get(key(countryAlpha3)) : undefined;
    const grid = resolveGrid(row, countryGrid, world);
    const gridCountry = resolveGrid({ ...row, gridGPerKwh: null }, countryGrid, world);
    const water = ewif(row.country);
    const warnings = [pue, wue, grid, water].flatMap((r) => (r.warning ? [r.warning] : []));
    return {
      row,
      provider: owner,
      defaultsProvider: owner,
      runsOn: null,
      country: row.country,
      countryAlpha3,
      gridZone: row.gridZone,
      pue: pue.factor,
      wue: wue.factor,
      grid: grid.factor,
      gridWarning: grid.warning,
      gridCountry: gridCountry.factor,
      gridCountryWarning: gridCountry.warning,
      ewif: water.factor,
      warnings,
    };
  };
  const regionRows = new Map(data.regions.map((r) => [`${r.providerId}/${key(r.id)}`, r]));
  const resolved = new Map<string, ResolvedRegion>();
  const regionsByProvider = new Map<string, ResolvedRegion[]>();
  for (const row of data.regions) {
    const owner = provider(row.providerId);
    let r: ResolvedRegion;
    if (row.runsOnProvider && row.runsOnRegion) {
      const hostRow = need(
        regionRows.get(`${row.runsOnProvider}/${key(row.runsOnRegion)}`),
        `region ${row.runsOnProvider}/${row.runsOnRegion}`,
      );
      const hostProvider = provider(hostRow.providerId);
      const host = resolveOwn(hostRow, hostProvider);
      r = {
        ...host,
        // v3: the operator's own figure, applied to a tenant of its datacenter, is derived, not published.
        pue: v3 ? asDerived(host.pue) : host.pue,
        wue: v3 ? asDerived(host.wue) : host.wue,
        row,
        provider: owner,
        defaultsProvider: hostProvider,
        runsOn: { provider: hostRow.providerId, region: hostRow.id },
      };
    } else {
      r = resolveOwn(row, owner);
    }
    resolved.set(`${row.providerId}/${key(row.id)}`, r);
    push(regionsByProvider, row.providerId, r);
  }
  for (const list of regionsByProvider.values()) list.sort((a, b) => a.row.id.localeCompare(b.row.id));

  // GPU models, then instance types (which name their GPUs).
  const gpuModels = data.gpuModels.map((row) => gpuModelInfo(row, (id) => sourcesById.get(id)));
  const gpuByModel = new Map(gpuModels.map((g) => [g.model, g]));
  const gpuModel = (model: string) => need(gpuByModel.get(model), `GPU model ${model}`);

  // Instance types.
  const instances = new Map<string, InstanceTypeInfo>();
  const instancesByProvider = new Map<string, InstanceTypeInfo[]>();
  for (const row of data.instanceTypes) {
    const info = instanceTypeInfo(
      row,
      provider(row.providerId),
      cpuProfile,
      (id) => sourcesById.get(id),
      gpuModel,
    );
    instances.set(`${row.providerId}/${instanceLookupKey(row.providerId, row.id)}`, info);
    push(instancesByProvider, row.providerId, info);
  }
  for (const list of instancesByProvider.values()) list.sort((a, b) => a.row.id.localeCompare(b.row.id));
  // Storage services and database plans.
  const storageByKey = new Map<string, StorageServiceInfo>();
  const storageByProvider = new Map<string, StorageServiceInfo[]>();
  for (const row of data.storageServices) {
    if (!storagePower) break;
    const medium = need(
      STORAGE_MEDIA.find((m) => m === row.medium),
      `storage medium ${row.medium}`,
    );
    const info: StorageServiceInfo = {
      row,
      provider: provider(row.providerId),
      kind: need(
        STORAGE_KINDS.find((k) => k === row.kind),
        `storage kind ${row.kind}`,
      ),
      medium,
      power: storagePower[medium],
      replication: factor({
        name: 'replication_factor',
        // A copy count borrowed from another service (estimated) may be half or twice it, never below 1.
        value:
          row.replicationStatus === 'estimated'
            ? {
                value: row.replicationFactor,
                low: Math.max(1, row.replicationFactor / 2),
                high: row.replicationFactor * 2,
              }
            : exact(row.replicationFactor),
        unit: 'copies',
        source: row.sourceId,
        year: null,
        status: asStatus(row.replicationStatus, 'estimated'),
      }),
    };
    storageByKey.set(`${row.providerId}/${key(row.id)}`, info);
    push(storageByProvider, row.providerId, info);
  }
  const plansByKey = new Map<string, DatabasePlanInfo>();
  const plansByProvider = new Map<string, DatabasePlanInfo[]>();
  for (const row of data.databasePlans) {
    const base = {
      row,
      provider: provider(row.providerId),
      engines: row.engines.split(';'),
      storage: row.storageServiceId
        ? need(
            storageByKey.get(`${row.providerId}/${key(row.storageServiceId)}`),
            `storage ${row.storageServiceId}`,
          )
        : null,
      regions: row.regions ? row.regions.split(';') : null,
    };
    const add = (id: string, instance: InstanceTypeInfo | null) => {
      const info: DatabasePlanInfo = {
        ...base,
        id,
        instance,
        vcpus: instance ? instance.row.vcpus : need(row.vcpus ?? undefined, `vCPUs of plan ${row.id}`),
        vcpusStatus: instance ? instance.row.vcpusStatus : (row.vcpusStatus ?? 'estimated'),
        memoryGb: instance ? instance.row.memoryGb : row.memoryGb,
      };
      plansByKey.set(`${row.providerId}/${key(id)}`, info);
      push(plansByProvider, row.providerId, info);
    };
    const typeId = row.instanceTypeId;
    const typeProvider = row.instanceProviderId ?? row.providerId;
    if (typeId === null) add(row.id, null);
    else if (typeId.endsWith('.*') && row.id.endsWith('.*')) {
      // A family row: one plan per instance type of the family (db.m5.* on m5.*: db.m5.large).
      const family = typeId.slice(0, -2);
      const prefix = row.id.slice(0, -1);
      for (const t of instancesByProvider.get(typeProvider) ?? [])
        if (t.row.family === family) add(`${prefix}${t.row.id.slice(family.length + 1)}`, t);
    } else {
      add(
        row.id,
        need(
          instances.get(`${typeProvider}/${instanceLookupKey(typeProvider, typeId)}`),
          `instance type ${typeId}`,
        ),
      );
    }
  }
  for (const list of storageByProvider.values()) list.sort((a, b) => a.row.id.localeCompare(b.row.id));
  for (const list of plansByProvider.values()) list.sort((a, b) => a.id.localeCompare(b.id));

  // LLM providers and models.
  const llmProviders = data.llmProviders.map(
    (row): LlmProviderInfo => ({
      row,
      id: row.id,
      pue: factor({
        name: 'pue',
        value: { value: (row.pueMin + row.pueMax) / 2, low: row.pueMin, high: row.pueMax },
        unit: 'ratio',
        source: row.sourceId,
        year: null,
        status: 'estimated',
      }),
      wue: factor({
        name: 'wue',
        value: { value: (row.wueMin + row.wueMax) / 2, low: row.wueMin, high: row.wueMax },
        unit: 'L/kWh',
        source: row.sourceId,
        year: null,
        status: 'estimated',
      }),
    }),
  );
  const llmProviderById = new Map(llmProviders.map((p) => [p.id, p]));
  const llmByKey = new Map<string, LlmModelInfo>();
  const llmByProvider = new Map<string, LlmModelInfo[]>();
  for (const row of data.llmModels) {
    const info: LlmModelInfo = {
      row,
      provider: need(llmProviderById.get(row.providerId), `LLM provider ${row.providerId}`),
      id: row.id,
    };
    llmByKey.set(`${row.providerId}/${key(row.id)}`, info);
    push(llmByProvider, row.providerId, info);
  }
  for (const list of llmByProvider.values()) list.sort((a, b) => a.id.localeCompare(b.id));

  const awsHost = (instance: string, label: string) =>
    defaultHostFrom(need(instances.get(`aws/${instance}`), `AWS ${instance} host`), label);

  return {
    dataVersion: data.dataVersion,
    methodology: data.methodology === '3' ? '3' : '2',
    sources: [...data.sources].sort((a, b) => a.id.localeCompare(b.id)),
    source: (id) => sourcesById.get(id),
    providers: [...providers].sort((a, b) => a.id.localeCompare(b.id)),
    provider: (id) => providerById.get(key(id)),
    regions: (providerId) => regionsByProvider.get(key(providerId)) ?? [],
    region: (providerId, regionId) => resolved.get(`${key(providerId)}/${key(regionId)}`),
    instanceTypes: (providerId) => instancesByProvider.get(key(providerId)) ?? [],
    instanceType: (providerId, name) => {
      const p = key(providerId);
      return instances.get(`${p}/${instanceLookupKey(p, name)}`);
    },
    cpuProfile: (family) => cpuByFamily.get(key(family)),
    cpuProfiles,
    gridZones,
    gridZone,
    alpha3,
    ewif,
    memoryPower,
    restOfServer,
    storageServices: (providerId) => storageByProvider.get(key(providerId)) ?? [],
    storageService: (providerId, id) => storageByKey.get(`${key(providerId)}/${key(id)}`),
    databasePlans: (providerId) => plansByProvider.get(key(providerId)) ?? [],
    databasePlan: (providerId, id) => plansByKey.get(`${key(providerId)}/${key(id)}`),
    storagePower,
    networkEnergy,
    gpuModels,
    llmProviders,
    llmProvider: (id) => llmProviderById.get(key(id)),
    llmModels: (providerId) => llmByProvider.get(key(providerId)) ?? [],
    llmModel: (providerId, id) => llmByKey.get(`${key(providerId)}/${key(id)}`),
    openWeightModels: [...llmByKey.values()].filter((m) => m.row.status === 'published'),
    defaultHost: {
      x86_64: awsHost('m5.large', 'AWS m5 host'),
      arm64: awsHost('m6g.large', 'AWS m6g host'),
    },
  };
}
