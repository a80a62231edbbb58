import type { CpuPowerProfile } from '../../models/cpu-power.js';
import type { DataFactorStatus, Factor } from '../../models/factor.js';
import type { StorageKind, StorageMedium } from '../../models/storage.js';
import type {
  DatabasePlanRow,
  GpuModelRow,
  InstanceTypeRow,
  LlmModelRow,
  LlmProviderRow,
  ProviderRow,
  RegionRow,
  SourceRow,
  StorageServiceRow,
} from '../store.js';

export type CpuArchitecture = 'x86_64' | 'arm64';

/** Methodology versions a factor set can answer as (docs/methodology.md, "Versions"). */
export const METHODOLOGY_VERSIONS = ['2', '3'] as const;
export type MethodologyVersion = (typeof METHODOLOGY_VERSIONS)[number];

/** A CPU's TDP and threads: the Teads curve that methodology 3 keeps as its cross-check. */
export interface TdpCurve {
  tdpW: number;
  threads: number;
  sourceId: string;
}

export interface CpuProfile {
  family: string;
  architecture: CpuArchitecture;
  profile: CpuPowerProfile;
  /** SPECpower profiles: the memory per chip already inside their watts (CCF); null for TDP curves. */
  memoryGbPerChip: number | null;
  sourceId: string;
  /** Methodology 3: how min/max were obtained (published, proxy, derived); null in the v2 set. */
  status: DataFactorStatus | null;
  /** Methodology 3: how `memoryGbPerChip` was obtained (published, proxy); null in the v2 set. */
  memoryStatus: DataFactorStatus | null;
  /** The source of `memoryGbPerChip` (and of CCF's chip count): the profile's own source in the v2 set. */
  memorySourceId: string;
  /** Methodology 3: the CPU's TDP curve, the other basis of the range; null when no TDP is known. */
  tdpCurve: TdpCurve | null;
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
  /** The region's published grid intensity, else its country's (`grid_source: "regional"`). */
  grid: Factor;
  /** The warning of `grid`'s fallback, when it fell back to the world average. */
  gridWarning: string | null;
  /** Its country's Ember value (`grid_source: "country"`), else the world average. */
  gridCountry: Factor;
  gridCountryWarning: string | null;
  ewif: Factor;
  /** Defaults that hide missing data (no WUE, world EWIF, and `gridWarning`). */
  warnings: string[];
}

/** A GPU or accelerator model: idle and full-load power per GPU (W), embodied per board (kgCO2e). */
export interface GpuModelInfo {
  row: GpuModelRow;
  model: string;
  idleW: Factor;
  maxW: Factor;
  embodied: Factor;
}

export interface InstanceTypeInfo {
  row: InstanceTypeRow;
  provider: ProviderInfo;
  /** CPU profiles the instance may run on; empty → the provider default applies. */
  cpuProfiles: CpuProfile[];
  architecture: CpuArchitecture;
  hostEmbodied: Factor;
  hostVcpus: Factor;
  /** Memory of the host (GB) and its physical chips; null when unknown. */
  hostMemory: Factor | null;
  hostChips: number | null;
  /** Where `hostChips` comes from (CCF's heuristic, or a source giving the sockets); null in the v2 set. */
  hostChipsSourceId: string | null;
  /** Its GPUs (model and count, a fraction for a share of one); null without. */
  gpu: { model: GpuModelInfo; count: number; sourceId: string } | null;
}

/** A hosted LLM provider's datacenter assumption: grid zone, PUE and WUE ranges (EcoLogits). */
export interface LlmProviderInfo {
  row: LlmProviderRow;
  id: string;
  pue: Factor;
  wue: Factor;
}

/** A language model: total and active parameters (billions, min/max). */
export interface LlmModelInfo {
  row: LlmModelRow;
  provider: LlmProviderInfo;
  id: string;
}

/** A storage product with its medium's power and its replication factor as factors. */
export interface StorageServiceInfo {
  row: StorageServiceRow;
  provider: ProviderInfo;
  kind: StorageKind;
  medium: StorageMedium;
  /** `storage_power_ssd` or `storage_power_hdd`. */
  power: Factor;
  replication: Factor;
}

/** A managed database plan and what its nodes and storage resolve to. */
export interface DatabasePlanInfo {
  /** The stored row (for a family row, `db.m5.*`, the one row every plan of the family expands from). */
  row: DatabasePlanRow;
  /** The plan id users give (`db.m5.large` for a family row). */
  id: string;
  provider: ProviderInfo;
  /** vCPUs and memory of each node: the instance type's, else the row's. */
  vcpus: number;
  vcpusStatus: string;
  memoryGb: number | null;
  engines: string[];
  /** The instance type its nodes run as; null: `row.vcpus`/`row.memoryGb` on the provider's defaults. */
  instance: InstanceTypeInfo | null;
  /** The storage service holding its data; null when the plan names none. */
  storage: StorageServiceInfo | null;
  /** Region ids it is sold in; null: every region of its provider. */
  regions: string[] | null;
}

export interface GridZoneInfo {
  zone: string;
  alpha2: string | null;
  name: string;
  year: number;
  gPerKwh: number;
  sourceId: string;
}

/** A resolved factor and the warning its fallback carries (null when the data had a value). */
export interface Resolved {
  factor: Factor;
  warning: string | null;
}

/** The default host of `hardware` without an instance type. */
export interface DefaultHost {
  embodied: Factor;
  vcpusFactor: Factor;
  vcpus: number;
  memory: Factor;
  chips: number;
  chipsSourceId: string | null;
  label: string;
}

/**
 * The factor data held in memory, indexed for lookups: estimates read this, never SQL.
 * Built once per data version by `buildCatalog`.
 */
export interface Catalog {
  dataVersion: string;
  /** The methodology version the factor set answers as ('2' for the v2 factor set, else '3'). */
  methodology: MethodologyVersion;
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
  ewif(code: string | null): Resolved;
  memoryPower: Factor;
  /** Power of the rest of a server relative to CPU + memory, for TDP-curve profiles. */
  restOfServer: Factor;
  storageServices(providerId: string): StorageServiceInfo[];
  storageService(providerId: string, id: string): StorageServiceInfo | undefined;
  databasePlans(providerId: string): DatabasePlanInfo[];
  databasePlan(providerId: string, id: string): DatabasePlanInfo | undefined;
  /** Storage power per medium; null in factor sets without storage factors (the v2 set). */
  storagePower: Record<StorageMedium, Factor> | null;
  /** Cloud network energy per GB; null in factor sets without it (the v2 set). */
  networkEnergy: Factor | null;
  gpuModels: GpuModelInfo[];
  llmProviders: LlmProviderInfo[];
  llmProvider(id: string): LlmProviderInfo | undefined;
  llmModels(providerId: string): LlmModelInfo[];
  llmModel(providerId: string, id: string): LlmModelInfo | undefined;
  /** Every model whose parameters are published (open weights): what `self-hosted` can run. */
  openWeightModels: LlmModelInfo[];
  /** Default hosts for `hardware` without an instance type: AWS m5 (x86_64) and m6g (arm64). */
  defaultHost: Record<CpuArchitecture, DefaultHost>;
}
