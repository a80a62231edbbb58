import { exact, ranged } from '../../models/factor.js';
import type { GpuModelRow, InstanceTypeRow, SourceRow } from '../store.js';
import { asStatus, factor, key, RANGE_PCT } from './factor.js';
import type { CpuProfile, DefaultHost, GpuModelInfo, InstanceTypeInfo, ProviderInfo } from './types.js';

/** Azure accepts `Standard_D2s_v3`, `D2s_v3` and `D2s v3` for the size listed as `D2s v3`. */
export function instanceLookupKey(providerId: string, name: string): string {
  let k = key(name);
  if (providerId === 'azure') k = k.replace(/^standard_/, '').replace(/[\s_]+/g, '_');
  return k;
}

/** An instance row with its provider, CPU profiles and host factors (embodied, vCPUs). */
export function instanceTypeInfo(
  row: InstanceTypeRow,
  provider: ProviderInfo,
  cpuProfile: (family: string) => CpuProfile,
  source: (id: string) => SourceRow | undefined,
  gpuModel: (model: string) => GpuModelInfo,
): InstanceTypeInfo {
  const families = row.cpuFamilies
    ? row.cpuFamilies
        .split(';')
        .map((f) => f.trim())
        .filter(Boolean)
    : [];
  const embodiedStatus = asStatus(row.embodiedStatus, 'published');
  const yearOf = (id: string) => source(id)?.year ?? null;
  return {
    row,
    provider,
    cpuProfiles: families.map(cpuProfile),
    architecture: row.cpuArchitecture === 'arm64' ? 'arm64' : 'x86_64',
    hostEmbodied: factor({
      name: 'host_embodied',
      value: ranged(
        row.hostEmbodiedKg,
        embodiedStatus === 'published' ? RANGE_PCT.embodiedMeasured : RANGE_PCT.embodiedOther,
      ),
      unit: 'kgCO2e',
      source: row.embodiedSourceId,
      year: yearOf(row.embodiedSourceId),
      status: embodiedStatus,
    }),
    hostVcpus: factor({
      name: 'host_vcpus',
      value: exact(row.hostVcpus),
      unit: 'vCPU',
      source: row.hostSourceId,
      year: yearOf(row.hostSourceId),
      status: row.vcpusStatus === 'estimated' ? 'proxy' : 'published',
    }),
    hostMemory:
      row.hostMemoryGb === null
        ? null
        : factor({
            name: 'host_memory',
            value: exact(row.hostMemoryGb),
            unit: 'GB',
            source: row.hostSourceId,
            year: yearOf(row.hostSourceId),
            status: embodiedStatus === 'published' ? 'published' : 'proxy',
          }),
    hostChips: row.hostChips,
    hostChipsSourceId: row.hostChipsSourceId,
    gpu:
      row.gpuModel && row.gpuCount
        ? { model: gpuModel(row.gpuModel), count: row.gpuCount, sourceId: row.gpuSourceId ?? row.sourceId }
        : null,
  };
}

/**
 * A GPU model's factors: idle and full-load power per GPU (±20% when published or derived, ±50%
 * when estimated) and embodied emissions per board (±30% published, ±50% otherwise).
 */
export function gpuModelInfo(row: GpuModelRow, source: (id: string) => SourceRow | undefined): GpuModelInfo {
  const yearOf = (id: string) => source(id)?.year ?? null;
  const power = (name: string, w: number, status: string, sourceId: string) => {
    const s = asStatus(status, 'estimated');
    return factor({
      name,
      value: ranged(w, s === 'estimated' ? RANGE_PCT.embodiedOther : RANGE_PCT.gpuPower),
      unit: 'W',
      source: sourceId,
      year: yearOf(sourceId),
      status: s,
    });
  };
  const embodiedStatus = asStatus(row.embodiedStatus, 'estimated');
  return {
    row,
    model: row.model,
    idleW: power('gpu_power_idle', row.idleW, row.idleStatus, row.idleSourceId),
    maxW: power('gpu_power_max', row.maxW, row.maxStatus, row.maxSourceId),
    embodied: factor({
      name: 'gpu_embodied',
      value: ranged(
        row.embodiedKg,
        embodiedStatus === 'published' ? RANGE_PCT.embodiedMeasured : RANGE_PCT.embodiedOther,
      ),
      unit: 'kgCO2e',
      source: row.embodiedSourceId,
      year: yearOf(row.embodiedSourceId),
      status: embodiedStatus,
    }),
  };
}

/** The host of one AWS instance as the default host of custom hardware (status `default`, ±50%). */
export function defaultHostFrom(info: InstanceTypeInfo, label: string): DefaultHost {
  if (!info.hostMemory || info.hostChips === null)
    throw new Error(`factor data is incomplete: the memory of the ${label}`);
  return {
    embodied: Object.freeze({
      ...info.hostEmbodied,
      ...ranged(info.row.hostEmbodiedKg, RANGE_PCT.embodiedOther),
      status: 'default' as const,
    }),
    vcpusFactor: Object.freeze({ ...info.hostVcpus, status: 'default' as const }),
    vcpus: info.row.hostVcpus,
    memory: Object.freeze({ ...info.hostMemory, status: 'default' as const }),
    chips: info.hostChips,
    chipsSourceId: info.hostChipsSourceId,
    label,
  };
}
