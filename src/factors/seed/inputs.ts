import type { meta } from '../schema.js';
import type {
  CountryRow,
  CpuProfileRow,
  DatabasePlanRow,
  ElectricityWaterRow,
  GlobalFactorRow,
  GpuModelRow,
  GridIntensityRow,
  InstanceTypeRow,
  LlmModelRow,
  LlmProviderRow,
  ProviderRow,
  RegionRow,
  SourceRow,
  StorageServiceRow,
} from '../store.js';

/** The CSV files of `src/factors/data/` the seed is built from. */
export const SEED_CSV_FILES = [
  'arm-instances.csv',
  'aws-ec2-instances.ccf.csv',
  'azure-vm-sizes.ccf.csv',
  'cloud-regions.csv',
  'cpu-power.csv',
  'database-plans.csv',
  'electricity-water-wri.csv',
  'ember-country-years.csv',
  'gcp-machine-types.ccf.csv',
  'gpu-instances.csv',
  'gpu-models.csv',
  'heroku-dynos.csv',
  'heroku-regions.csv',
  'llm-models.csv',
  'llm-providers.csv',
  'other-regions.csv',
  'provider-instances.csv',
  'scaleway-instances.csv',
  'scaleway-zones.csv',
  'storage-services.csv',
] as const;

export type SeedCsvFile = (typeof SEED_CSV_FILES)[number];

export interface CountryInput {
  alpha2: string;
  alpha3: string;
  name: string;
}

export interface SeedInputs {
  /** Text of every seed CSV file. */
  csv: Record<SeedCsvFile, string>;
  /** CO2.js `averageIntensity.data`: gCO2e/kWh by ISO alpha-3, aggregates and `WORLD`. */
  averageIntensity: Record<string, number>;
  co2jsVersion: string;
  countries: CountryInput[];
  /** Version of the package the country table comes from (named in the SQL header). */
  countriesPackage: string;
}

export type MetaRow = typeof meta.$inferSelect;

/** Every row of the seed, each table sorted by its primary key. */
export interface SeedRows {
  sources: SourceRow[];
  countries: CountryRow[];
  providers: ProviderRow[];
  regions: RegionRow[];
  cpuProfiles: CpuProfileRow[];
  instanceTypes: InstanceTypeRow[];
  storageServices: StorageServiceRow[];
  databasePlans: DatabasePlanRow[];
  gpuModels: GpuModelRow[];
  llmProviders: LlmProviderRow[];
  llmModels: LlmModelRow[];
  gridIntensities: GridIntensityRow[];
  electricityWater: ElectricityWaterRow[];
  globalFactors: GlobalFactorRow[];
}
