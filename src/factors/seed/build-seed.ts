import type { ProviderRow } from '../store.js';
import { gpuModels, withGpuInstances } from './ai/gpus.js';
import { llmModels, llmProviders } from './ai/llm.js';
import { buildCpuProfiles } from './cpu-profiles.js';
import {
  checkCitedSources,
  checkInstanceTypes,
  checkProviderProfiles,
  checkRegions,
  checkStorageAndPlans,
} from './cross-checks.js';
import type { SeedInputs, SeedRows } from './inputs.js';
import { armInstanceTypes } from './instance-types/arm.js';
import { ccfInstanceTypes } from './instance-types/ccf.js';
import { cpuFamiliesReader } from './instance-types/cpu-families.js';
import { herokuInstanceTypes } from './instance-types/heroku.js';
import { listedInstanceTypes } from './instance-types/listed.js';
import { scalewayInstanceTypes } from './instance-types/scaleway.js';
import { GLOBAL_FACTORS, PROVIDERS } from './providers.js';
import { cloudRegions } from './regions/cloud.js';
import { herokuRegions } from './regions/heroku.js';
import { otherRegions } from './regions/other.js';
import { scalewayRegions } from './regions/scaleway.js';
import { byKey } from './rows.js';
import { databasePlans } from './services/database-plans.js';
import { storageServices } from './services/storage.js';
import { type Co2jsRelease, citedSources } from './sources.js';
import { buildCountries, buildElectricityWater, buildGridIntensities } from './zones.js';

export type { CountryInput, MetaRow, SeedCsvFile, SeedInputs, SeedRows } from './inputs.js';
export { SEED_CSV_FILES } from './inputs.js';

/**
 * Builds every seed row from the project's CSV texts, CO2.js grid intensities and the ISO
 * country table. Pure; throws on any row it cannot map (unknown source text, CPU family, region…).
 */
export function buildSeedRows(inputs: SeedInputs): SeedRows {
  const countries = buildCountries(inputs);
  const alpha3s = new Set(countries.map((c) => c.alpha3));
  // Ember values from the npm package, each country's data year from the repository data of the
  // same tag (ember-country-years.csv): no blanket year for the release.
  const grid = buildGridIntensities(inputs, alpha3s);
  const co2js: Co2jsRelease = {
    version: inputs.co2jsVersion,
    ...grid.release,
    newestDataYear: Math.max(...grid.rows.map((g) => g.year)),
  };
  const sources = citedSources(co2js);
  const sourceYears = new Map(sources.map((s) => [s.id, s.year]));

  const cpuProfiles = buildCpuProfiles(inputs);

  const cloud = cloudRegions(inputs);
  const own = [...scalewayRegions(inputs), ...cloud.regions, ...otherRegions(inputs, sourceYears)];
  const regions = [...own, ...herokuRegions(inputs, own)].sort(
    byKey(
      (r) => r.providerId,
      (r) => r.id,
    ),
  );

  const providers: ProviderRow[] = PROVIDERS.map((p) => {
    const aws = p.id === 'aws';
    return {
      id: p.id,
      name: p.name,
      url: p.url,
      defaultPue: p.defaultPue?.value ?? null,
      defaultPueYear: p.defaultPue?.year ?? null,
      defaultPueSourceId: p.defaultPue?.sourceId ?? null,
      defaultWueLPerKwh: aws ? cloud.awsFleetWue.value : null,
      defaultWueYear: aws ? cloud.awsFleetWue.year : null,
      defaultWueSourceId: aws ? 'gsf-real-time-cloud-2026' : null,
      cpuProfileX86: p.cpuProfileX86,
      cpuProfileArm64: p.cpuProfileArm64,
      lifespanHours: p.lifespanHours,
      lifespanSourceId: p.lifespanSourceId,
    };
  }).sort(byKey((p) => p.id));

  const families = cpuFamiliesReader(cpuProfiles);
  const ccf = ccfInstanceTypes(inputs, families);
  const seeded = [
    ...ccf,
    ...armInstanceTypes(inputs, families, ccf),
    ...scalewayInstanceTypes(inputs, families),
  ];
  seeded.push(...listedInstanceTypes(inputs, families, seeded));
  const gpus = gpuModels(inputs).sort(byKey((g) => g.model));
  seeded.push(...withGpuInstances(inputs, seeded, gpus, families));
  const instanceTypes = [...seeded, ...herokuInstanceTypes(inputs, cpuProfiles, seeded)].sort(
    byKey(
      (r) => r.providerId,
      (r) => r.id,
    ),
  );

  const storage = storageServices(inputs).sort(
    byKey(
      (s) => s.providerId,
      (s) => s.id,
    ),
  );
  const plans = databasePlans(inputs, instanceTypes, storage).sort(
    byKey(
      (p) => p.providerId,
      (p) => p.id,
    ),
  );

  const llmProviderRows = llmProviders(inputs).sort(byKey((p) => p.id));
  const llmModelRows = llmModels(inputs, llmProviderRows).sort(
    byKey(
      (m) => m.providerId,
      (m) => m.id,
    ),
  );

  const rows: SeedRows = {
    sources,
    countries,
    providers,
    regions,
    cpuProfiles,
    instanceTypes,
    storageServices: storage,
    databasePlans: plans,
    gpuModels: gpus,
    llmProviders: llmProviderRows,
    llmModels: llmModelRows,
    gridIntensities: grid.rows,
    electricityWater: buildElectricityWater(inputs, alpha3s),
    globalFactors: GLOBAL_FACTORS.map((g) => ({ ...g })).sort(byKey((g) => g.name)),
  };
  checkRegions(rows);
  checkProviderProfiles(rows);
  checkInstanceTypes(rows);
  checkStorageAndPlans(rows);
  checkCitedSources(rows, sources);
  return rows;
}
