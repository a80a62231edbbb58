import type { CpuPowerProfile } from '../models/cpu-power.js';
import { type Factor, type FactorStatus, type Ranged, ranged } from '../models/factor.js';
import type {
  CatalogData,
  CpuProfileRow,
  InstanceTypeRow,
  ProviderRow,
  RegionRow,
  SourceRow,
} from './store.js';

/** Relative ranges of METHODOLOGY.md, "Factors and their ranges". */
export const RANGE_PCT = {
  grid: 0.15,
  puePublished: 0.05,
  pueOther: 0.1,
  wue: 0.2,
  ewif: 0.3,
  memoryPower: 0.2,
  embodiedMeasured: 0.3,
  embodiedOther: 0.5,
} as const;

export type CpuArchitecture = 'x86_64' | 'arm64';

export interface CpuProfile {
  family: string;
  architecture: CpuArchitecture;
  profile: CpuPowerProfile;
  sourceId: string;
}

export interface ProviderInfo {
  row: ProviderRow;
  id: string;
  name: string;
  lifespan: Factor;
  cpuProfileX86: CpuProfile;
  cpuProfileArm64: CpuProfile;
}

/** A region with every factor resolved through its fallbacks, ready for a model. */
export interface ResolvedRegion {
  row: RegionRow;
  provider: ProviderInfo;
  /** The provider whose defaults (lifespan, CPU profile) apply: the host provider for `runs_on` regions. */
  defaultsProvider: ProviderInfo;
  /** The region this one runs on, when it does. */
  runsOn: { provider: string; region: string } | null;
  country: string;
  countryAlpha3: string | null;
  gridZone: string;
  pue: Factor;
  wue: Factor;
  grid: Factor;
  ewif: Factor;
  /** Defaults that hide missing data (no WUE, world EWIF…). */
  warnings: string[];
}

export interface InstanceTypeInfo {
  row: InstanceTypeRow;
  provider: ProviderInfo;
  /** CPU profiles the instance may run on; empty → the provider default applies. */
  cpuProfiles: CpuProfile[];
  architecture: CpuArchitecture;
  hostEmbodied: Factor;
  hostVcpus: Factor;
}

export interface GridZoneInfo {
  zone: string;
  alpha2: string | null;
  name: string;
  year: number;
  gPerKwh: number;
  sourceId: string;
}

/**
 * The factor data held in memory, indexed for lookups: estimates read this, never SQL.
 * Built once per data version by {@link buildCatalog}.
 */
export interface Catalog {
  dataVersion: string;
  sources: SourceRow[];
  source(id: string): SourceRow | undefined;
  providers: ProviderInfo[];
  provider(id: string): ProviderInfo | undefined;
  regions(providerId: string): ResolvedRegion[];
  region(providerId: string, regionId: string): ResolvedRegion | undefined;
  instanceTypes(providerId: string): InstanceTypeInfo[];
  instanceType(providerId: string, name: string): InstanceTypeInfo | undefined;
  cpuProfile(family: string): CpuProfile | undefined;
  cpuProfiles: CpuProfile[];
  gridZones: GridZoneInfo[];
  /** Grid intensity of a zone given as ISO alpha-2 or alpha-3 (any case) or WORLD. */
  gridZone(code: string): GridZoneInfo | undefined;
  /** ISO alpha-3 of a country given as alpha-2 or alpha-3, any case. */
  alpha3(code: string): string | undefined;
  /** Electricity water (EWIF) of a country (alpha-2 or alpha-3), or the world median with a warning. */
  ewif(code: string | null): { factor: Factor; warning: string | null };
  memoryPower: Factor;
  /** Default hosts for `hardware` without an instance type: AWS m5 (x86_64) and m6g (arm64). */
  defaultHost: Record<
    CpuArchitecture,
    { embodied: Factor; vcpusFactor: Factor; vcpus: number; label: string }
  >;
}

const key = (s: string) => s.trim().toLowerCase();

/** Azure accepts `Standard_D2s_v3`, `D2s_v3` and `D2s v3` for the size listed as `D2s v3`. */
export function instanceLookupKey(providerId: string, name: string): string {
  let k = key(name);
  if (providerId === 'azure') k = k.replace(/^standard_/, '').replace(/[\s_]+/g, '_');
  return k;
}

function asStatus(s: string | null | undefined, fallback: FactorStatus): FactorStatus {
  switch (s) {
    case 'published':
    case 'derived':
    case 'proxy':
    case 'estimated':
    case 'default':
      return s;
    default:
      return fallback;
  }
}

function factor(
  name: string,
  r: Ranged,
  unit: string,
  sourceId: string | null,
  year: number | null,
  status: FactorStatus,
): Factor {
  // Frozen: catalog factors are shared by every answer (and serialized once, see http/json.ts).
  return Object.freeze({
    name,
    value: r.value,
    low: r.low,
    high: r.high,
    unit,
    source_id: sourceId,
    year,
    status,
  });
}

function cpuProfileFrom(row: CpuProfileRow): CpuProfile {
  const architecture: CpuArchitecture = row.architecture === 'arm64' ? 'arm64' : 'x86_64';
  const profile: CpuPowerProfile =
    row.method === 'tdp-curve'
      ? { method: 'tdp-curve', tdpW: row.tdpW ?? 0, threads: row.threads ?? 1 }
      : { method: 'specpower', minW: row.minWPerVcpu ?? 0, maxW: row.maxWPerVcpu ?? 0 };
  return { family: row.family, architecture, profile, sourceId: row.sourceId };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Indexes the factor tables and resolves every region's fallbacks. Pure. */
export function buildCatalog(data: CatalogData): Catalog {
  const sourcesById = new Map(data.sources.map((s) => [s.id, s]));
  const globals = new Map(data.globalFactors.map((g) => [g.name, g]));
  const need = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw new Error(`factor data is incomplete: ${what}`);
    return v;
  };

  const cpuProfiles = data.cpuProfiles.map(cpuProfileFrom);
  const cpuByFamily = new Map(cpuProfiles.map((p) => [key(p.family), p]));

  const providers = data.providers.map((row): ProviderInfo => {
    const lifespanSource = sourcesById.get(row.lifespanSourceId);
    return {
      row,
      id: row.id,
      name: row.name,
      lifespan: factor(
        'lifespan',
        { value: row.lifespanHours, low: row.lifespanHours, high: row.lifespanHours },
        'h',
        row.lifespanSourceId,
        lifespanSource?.year ?? null,
        'published',
      ),
      cpuProfileX86: need(cpuByFamily.get(key(row.cpuProfileX86)), `CPU profile ${row.cpuProfileX86}`),
      cpuProfileArm64: need(cpuByFamily.get(key(row.cpuProfileArm64)), `CPU profile ${row.cpuProfileArm64}`),
    };
  });
  const providerById = new Map(providers.map((p) => [p.id, p]));

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
  const waterMedian = median(data.electricityWater.map((w) => w.lPerKwh));
  const waterSourceId = data.electricityWater[0]?.sourceId ?? null;
  const ewif = (code: string | null): { factor: Factor; warning: string | null } => {
    const a3 = code ? alpha3(code) : undefined;
    const row = a3 ? waterByZone.get(key(a3)) : undefined;
    if (row) {
      return {
        factor: factor('ewif', ranged(row.lPerKwh, RANGE_PCT.ewif), 'L/kWh', row.sourceId, null, 'published'),
        warning: null,
      };
    }
    return {
      factor: factor('ewif', ranged(waterMedian, RANGE_PCT.ewif), 'L/kWh', waterSourceId, null, 'default'),
      warning: `No electricity water factor for ${code ?? 'an unknown country'}: the world median of the WRI table (${waterMedian} L/kWh) is used.`,
    };
  };

  const industryPue = need(globals.get('pue_industry_average'), 'pue_industry_average');
  const memory = need(globals.get('memory_power'), 'memory_power');
  const memoryPower = factor(
    'memory_power',
    ranged(memory.value, RANGE_PCT.memoryPower),
    memory.unit,
    memory.sourceId,
    memory.year,
    'published',
  );

  const regionsByKey = new Map<string, RegionRow>();
  for (const r of data.regions) regionsByKey.set(`${r.providerId}/${key(r.id)}`, r);

  const resolveOwn = (row: RegionRow, provider: ProviderInfo): ResolvedRegion => {
    const warnings: string[] = [];
    const where = `${row.providerId} ${row.id}`;
    let pue: Factor;
    if (row.pue != null) {
      const status = asStatus(row.pueStatus, 'published');
      const pct = status === 'published' ? RANGE_PCT.puePublished : RANGE_PCT.pueOther;
      pue = factor('pue', ranged(row.pue, pct, 1), 'ratio', row.sourceId, row.pueYear, status);
    } else if (provider.row.defaultPue != null) {
      pue = factor(
        'pue',
        ranged(provider.row.defaultPue, RANGE_PCT.pueOther, 1),
        'ratio',
        provider.row.defaultPueSourceId,
        provider.row.defaultPueYear,
        'default',
      );
      warnings.push(
        `No published PUE for ${where}: ${provider.name}'s default PUE ${provider.row.defaultPue} is used.`,
      );
    } else {
      pue = factor(
        'pue',
        ranged(industryPue.value, RANGE_PCT.pueOther, 1),
        'ratio',
        industryPue.sourceId,
        industryPue.year,
        'default',
      );
      warnings.push(`No published PUE for ${where}: the industry average PUE ${industryPue.value} is used.`);
    }

    let wue: Factor;
    if (row.wueLPerKwh != null) {
      wue = factor(
        'wue',
        ranged(row.wueLPerKwh, RANGE_PCT.wue),
        'L/kWh',
        row.sourceId,
        row.wueYear,
        asStatus(row.wueStatus, 'published'),
      );
    } else if (provider.row.defaultWueLPerKwh != null) {
      wue = factor(
        'wue',
        ranged(provider.row.defaultWueLPerKwh, RANGE_PCT.wue),
        'L/kWh',
        provider.row.defaultWueSourceId,
        provider.row.defaultWueYear,
        'default',
      );
    } else {
      wue = factor('wue', { value: 0, low: 0, high: 0 }, 'L/kWh', null, null, 'default');
      warnings.push(`No published WUE for ${where}: on-site water is counted as 0.`);
    }

    const countryAlpha3 = alpha3(row.country) ?? null;
    let grid: Factor;
    if (row.gridGPerKwh != null) {
      grid = factor(
        'grid_intensity',
        ranged(row.gridGPerKwh, RANGE_PCT.grid),
        'gCO2e/kWh',
        row.sourceId,
        row.gridYear,
        asStatus(row.gridStatus, 'published'),
      );
    } else {
      const zone = countryAlpha3 ? gridByZone.get(key(countryAlpha3)) : undefined;
      const g = zone ?? world;
      grid = factor(
        'grid_intensity',
        ranged(g.gPerKwh, RANGE_PCT.grid),
        'gCO2e/kWh',
        g.sourceId,
        g.year,
        zone ? 'proxy' : 'default',
      );
      if (!zone) warnings.push(`No grid intensity for ${where} or its country: the world average is used.`);
    }

    const water = ewif(row.country);
    if (water.warning) warnings.push(water.warning);
    return {
      row,
      provider,
      defaultsProvider: provider,
      runsOn: null,
      country: row.country,
      countryAlpha3,
      gridZone: row.gridZone,
      pue,
      wue,
      grid,
      ewif: water.factor,
      warnings,
    };
  };

  const resolved = new Map<string, ResolvedRegion>();
  const regionsByProvider = new Map<string, ResolvedRegion[]>();
  for (const row of data.regions) {
    const provider = need(providerById.get(row.providerId), `provider ${row.providerId}`);
    let r: ResolvedRegion;
    if (row.runsOnProvider && row.runsOnRegion) {
      const hostRow = need(
        regionsByKey.get(`${row.runsOnProvider}/${key(row.runsOnRegion)}`),
        `region ${row.runsOnProvider}/${row.runsOnRegion}`,
      );
      const hostProvider = need(providerById.get(hostRow.providerId), `provider ${hostRow.providerId}`);
      const host = resolveOwn(hostRow, hostProvider);
      r = {
        ...host,
        row,
        provider,
        defaultsProvider: hostProvider,
        runsOn: { provider: hostRow.providerId, region: hostRow.id },
      };
    } else {
      r = resolveOwn(row, provider);
    }
    resolved.set(`${row.providerId}/${key(row.id)}`, r);
    const list = regionsByProvider.get(row.providerId) ?? [];
    list.push(r);
    regionsByProvider.set(row.providerId, list);
  }
  for (const list of regionsByProvider.values()) list.sort((a, b) => a.row.id.localeCompare(b.row.id));

  const instances = new Map<string, InstanceTypeInfo>();
  const instancesByProvider = new Map<string, InstanceTypeInfo[]>();
  for (const row of data.instanceTypes) {
    const provider = need(providerById.get(row.providerId), `provider ${row.providerId}`);
    const families = row.cpuFamilies
      ? row.cpuFamilies
          .split(';')
          .map((f) => f.trim())
          .filter(Boolean)
      : [];
    const embodiedStatus = asStatus(row.embodiedStatus, 'published');
    const yearOf = (id: string) => sourcesById.get(id)?.year ?? null;
    const info: InstanceTypeInfo = {
      row,
      provider,
      cpuProfiles: families.map((f) => need(cpuByFamily.get(key(f)), `CPU profile ${f}`)),
      architecture: row.cpuArchitecture === 'arm64' ? 'arm64' : 'x86_64',
      hostEmbodied: factor(
        'host_embodied',
        ranged(
          row.hostEmbodiedKg,
          embodiedStatus === 'published' ? RANGE_PCT.embodiedMeasured : RANGE_PCT.embodiedOther,
        ),
        'kgCO2e',
        row.embodiedSourceId,
        yearOf(row.embodiedSourceId),
        embodiedStatus,
      ),
      hostVcpus: factor(
        'host_vcpus',
        { value: row.hostVcpus, low: row.hostVcpus, high: row.hostVcpus },
        'vCPU',
        row.hostSourceId,
        yearOf(row.hostSourceId),
        row.vcpusStatus === 'estimated' ? 'proxy' : 'published',
      ),
    };
    instances.set(`${row.providerId}/${instanceLookupKey(row.providerId, row.id)}`, info);
    const list = instancesByProvider.get(row.providerId) ?? [];
    list.push(info);
    instancesByProvider.set(row.providerId, list);
  }
  for (const list of instancesByProvider.values()) list.sort((a, b) => a.row.id.localeCompare(b.row.id));

  const hostFrom = (instance: string, label: string) => {
    const info = need(instances.get(`aws/${instance}`), `AWS ${instance} host`);
    return {
      embodied: Object.freeze({
        ...info.hostEmbodied,
        ...ranged(info.row.hostEmbodiedKg, RANGE_PCT.embodiedOther),
        status: 'default' as const,
      }),
      vcpusFactor: Object.freeze({ ...info.hostVcpus, status: 'default' as const }),
      vcpus: info.row.hostVcpus,
      label,
    };
  };

  return {
    dataVersion: data.dataVersion,
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
    defaultHost: {
      x86_64: hostFrom('m5.large', 'AWS m5 host'),
      arm64: hostFrom('m6g.large', 'AWS m6g host'),
    },
  };
}
