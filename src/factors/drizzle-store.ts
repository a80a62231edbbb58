import { eq } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import * as schema from './schema.js';
import type { CatalogData, FactorStore } from './store.js';

// biome-ignore lint/suspicious/noExplicitAny: the run-result type differs between D1 and libSQL
export type EmpreinteDatabase = BaseSQLiteDatabase<'async', any, typeof schema>;

/** The factor store over drizzle: libSQL on Node, D1 or libSQL over HTTP on Workers. */
export function createDrizzleFactorStore(db: EmpreinteDatabase): FactorStore {
  return {
    async dataVersion() {
      const rows = await db
        .select({ value: schema.meta.value })
        .from(schema.meta)
        .where(eq(schema.meta.key, 'data_version'));
      const version = rows[0]?.value;
      if (!version) throw new Error('the factor store has no data_version: run the migrations');
      return version;
    },
    async loadCatalogData(): Promise<CatalogData> {
      const [
        meta,
        sources,
        providers,
        regions,
        countries,
        gridIntensities,
        electricityWater,
        cpuProfiles,
        instanceTypes,
        storageServices,
        databasePlans,
        gpuModels,
        llmProviders,
        llmModels,
        globalFactors,
      ] = await Promise.all([
        db.select().from(schema.meta),
        db.select().from(schema.sources),
        db.select().from(schema.providers),
        db.select().from(schema.regions),
        db.select().from(schema.countries),
        db.select().from(schema.gridIntensities),
        db.select().from(schema.electricityWater),
        db.select().from(schema.cpuProfiles),
        db.select().from(schema.instanceTypes),
        db.select().from(schema.storageServices),
        db.select().from(schema.databasePlans),
        db.select().from(schema.gpuModels),
        db.select().from(schema.llmProviders),
        db.select().from(schema.llmModels),
        db.select().from(schema.globalFactors),
      ]);
      const dataVersion = meta.find((m) => m.key === 'data_version')?.value;
      if (!dataVersion) throw new Error('the factor store has no data_version: run the migrations');
      const methodology = meta.find((m) => m.key === 'methodology')?.value;
      return {
        dataVersion,
        ...(methodology ? { methodology } : {}),
        sources,
        providers,
        regions,
        countries,
        gridIntensities,
        electricityWater,
        cpuProfiles,
        instanceTypes,
        storageServices,
        databasePlans,
        gpuModels,
        llmProviders,
        llmModels,
        globalFactors,
      };
    },
  };
}
