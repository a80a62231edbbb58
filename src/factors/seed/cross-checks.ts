import type { SourceRow } from '../store.js';
import type { SeedRows } from './inputs.js';
import { regionKey } from './regions/empty.js';

/** Every region is unique, names a seeded provider and country, and runs on a region with its own factors. */
export function checkRegions(rows: Pick<SeedRows, 'regions' | 'countries' | 'providers'>): void {
  const alpha2s = new Set(rows.countries.map((c) => c.alpha2));
  const providerIds = new Set(rows.providers.map((p) => p.id));
  const byKey = new Map(rows.regions.map((r) => [regionKey(r.providerId, r.id), r]));
  const seen = new Set<string>();
  for (const r of rows.regions) {
    const k = regionKey(r.providerId, r.id);
    if (seen.has(k)) throw new Error(`duplicate region ${k}`);
    seen.add(k);
    if (r.runsOnProvider && r.runsOnRegion) {
      const host = byKey.get(regionKey(r.runsOnProvider, r.runsOnRegion));
      if (!host || host.runsOnProvider)
        throw new Error(
          `region ${k} runs on ${r.runsOnProvider}/${r.runsOnRegion}, which is not a seeded host region`,
        );
    }
    if (!alpha2s.has(r.country)) throw new Error(`region ${k}: unknown country ${r.country}`);
    if (!providerIds.has(r.providerId)) throw new Error(`region ${k}: unknown provider`);
  }
}

/**
 * Every instance type is unique, fits on its host (1 ≤ vCPUs ≤ host vCPUs, memory ≤ host memory),
 * runs on CPU families of one power method, and, when that method is SPECpower and its memory is
 * known, knows its host's memory and chips (CCF's memory rule needs them).
 */
export function checkInstanceTypes(
  rows: Pick<SeedRows, 'instanceTypes' | 'cpuProfiles' | 'providers'>,
): void {
  const methodOf = new Map(rows.cpuProfiles.map((p) => [p.family, p.method]));
  const defaults = new Map(rows.providers.map((p) => [p.id, p.cpuProfileX86]));
  const seen = new Set<string>();
  for (const r of rows.instanceTypes) {
    const k = `${r.providerId}/${r.id}`;
    if (seen.has(k)) throw new Error(`duplicate instance type ${k}`);
    seen.add(k);
    if (r.vcpus < 1 || r.hostVcpus < r.vcpus)
      throw new Error(`instance type ${k}: vcpus ${r.vcpus} / host ${r.hostVcpus}`);
    if (r.memoryGb !== null && r.hostMemoryGb !== null && r.memoryGb > r.hostMemoryGb)
      throw new Error(`instance type ${k}: memory ${r.memoryGb} GB above its host's ${r.hostMemoryGb} GB`);
    const families = r.cpuFamilies?.split(';') ?? [defaults.get(r.providerId) ?? ''];
    const methods = new Set(families.map((f) => methodOf.get(f)));
    if (methods.size !== 1)
      throw new Error(`instance type ${k}: CPU families ${r.cpuFamilies} mix power methods`);
    if (methods.has('specpower') && r.memoryGb !== null && (r.hostMemoryGb === null || r.hostChips === null))
      throw new Error(`instance type ${k}: a SPECpower profile needs the host's memory and chips`);
  }
}

/** Every provider default CPU profile is a row of `cpu-power.csv`. */
export function checkProviderProfiles(rows: Pick<SeedRows, 'providers' | 'cpuProfiles'>): void {
  const families = new Set(rows.cpuProfiles.map((p) => p.family));
  for (const p of rows.providers) {
    for (const family of [p.cpuProfileX86, p.cpuProfileArm64]) {
      if (!families.has(family))
        throw new Error(`provider ${p.id}: CPU profile ${family} is not a row of cpu-power.csv`);
    }
  }
}

/** Every source a row cites is listed. */
export function checkCitedSources(rows: SeedRows, sources: readonly SourceRow[]): void {
  const ids = new Set(sources.map((s) => s.id));
  const cited = [
    ...rows.providers.flatMap((p) => [p.defaultPueSourceId, p.defaultWueSourceId, p.lifespanSourceId]),
    ...rows.regions.map((r) => r.sourceId),
    ...rows.cpuProfiles.map((p) => p.sourceId),
    ...rows.instanceTypes.flatMap((i) => [
      i.sourceId,
      i.hostSourceId,
      i.embodiedSourceId,
      i.hostChipsSourceId,
    ]),
    ...rows.storageServices.map((s) => s.sourceId),
    ...rows.databasePlans.map((p) => p.sourceId),
    ...rows.instanceTypes.map((i) => i.gpuSourceId),
    ...rows.gpuModels.flatMap((g) => [g.maxSourceId, g.idleSourceId, g.embodiedSourceId]),
    ...rows.llmProviders.map((p) => p.sourceId),
    ...rows.llmModels.map((m) => m.sourceId),
    ...rows.gridIntensities.map((g) => g.sourceId),
    ...rows.electricityWater.map((w) => w.sourceId),
    ...rows.globalFactors.map((g) => g.sourceId),
  ];
  for (const id of cited)
    if (id !== null && !ids.has(id)) throw new Error(`source ${id} is cited but not listed`);
}

/**
 * Storage services and database plans are unique per provider and name seeded providers; a
 * plan's regions are regions of its provider.
 */
export function checkStorageAndPlans(
  rows: Pick<SeedRows, 'storageServices' | 'databasePlans' | 'providers' | 'regions'>,
): void {
  const providerIds = new Set(rows.providers.map((p) => p.id));
  const regionKeys = new Set(rows.regions.map((r) => regionKey(r.providerId, r.id)));
  const seen = new Set<string>();
  for (const s of rows.storageServices) {
    const k = `storage ${s.providerId}/${s.id}`;
    if (seen.has(k)) throw new Error(`duplicate ${k}`);
    seen.add(k);
    if (!providerIds.has(s.providerId)) throw new Error(`${k}: unknown provider`);
  }
  for (const p of rows.databasePlans) {
    const k = `database plan ${p.providerId}/${p.id}`;
    if (seen.has(k)) throw new Error(`duplicate ${k}`);
    seen.add(k);
    if (!providerIds.has(p.providerId)) throw new Error(`${k}: unknown provider`);
    for (const region of p.regions?.split(';') ?? [])
      if (!regionKeys.has(regionKey(p.providerId, region))) throw new Error(`${k}: unknown region ${region}`);
  }
}
