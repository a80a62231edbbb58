import type {
  countries,
  cpuProfiles,
  databasePlans,
  electricityWater,
  globalFactors,
  gpuModels,
  gridIntensities,
  instanceTypes,
  llmModels,
  llmProviders,
  providers,
  regions,
  sources,
  storageServices,
} from './schema.js';

export type SourceRow = typeof sources.$inferSelect;
export type ProviderRow = typeof providers.$inferSelect;
export type RegionRow = typeof regions.$inferSelect;
export type CountryRow = typeof countries.$inferSelect;
export type GridIntensityRow = typeof gridIntensities.$inferSelect;
export type ElectricityWaterRow = typeof electricityWater.$inferSelect;
export type CpuProfileRow = typeof cpuProfiles.$inferSelect;
export type InstanceTypeRow = typeof instanceTypes.$inferSelect;
export type GlobalFactorRow = typeof globalFactors.$inferSelect;
export type StorageServiceRow = typeof storageServices.$inferSelect;
export type DatabasePlanRow = typeof databasePlans.$inferSelect;
export type GpuModelRow = typeof gpuModels.$inferSelect;
export type LlmProviderRow = typeof llmProviders.$inferSelect;
export type LlmModelRow = typeof llmModels.$inferSelect;

/** Every factor table, as loaded once into the in-memory catalog. */
export interface CatalogData {
  dataVersion: string;
  /**
   * The methodology the factor set was made for (`meta.methodology`): '3' from the v3 seed on;
   * absent in the v2 factor set, which answers as methodology 2 did.
   */
  methodology?: string | undefined;
  sources: SourceRow[];
  providers: ProviderRow[];
  regions: RegionRow[];
  countries: CountryRow[];
  gridIntensities: GridIntensityRow[];
  electricityWater: ElectricityWaterRow[];
  cpuProfiles: CpuProfileRow[];
  instanceTypes: InstanceTypeRow[];
  /** Empty in factor sets made before storage services existed (the v2 set). */
  storageServices: StorageServiceRow[];
  /** Empty in factor sets made before database plans existed (the v2 set). */
  databasePlans: DatabasePlanRow[];
  /** Empty in factor sets made before GPUs and LLM calls were modelled. */
  gpuModels: GpuModelRow[];
  llmProviders: LlmProviderRow[];
  llmModels: LlmModelRow[];
  globalFactors: GlobalFactorRow[];
}

/** The factor store: what the catalog and the write routes need from the database. */
export interface FactorStore {
  /** The `data_version` row of `meta` (one tiny query; the catalog polls it on a TTL). */
  dataVersion(): Promise<string>;
  /** Reads every factor table. */
  loadCatalogData(): Promise<CatalogData>;
}
