import { DATA_FACTOR_STATUSES } from '../../../models/factor.js';
import type { InstanceTypeRow } from '../../store.js';
import { NO_GPU } from '../ai/no-gpu.js';
import type { SeedInputs } from '../inputs.js';
import { records } from '../rows.js';
import type { CpuFamiliesOf } from './cpu-families.js';

/** Providers whose catalogs `provider-instances.csv` holds. */
export const LISTED_PROVIDERS = ['clever-cloud', 'hetzner', 'ovhcloud'] as const;

/**
 * `provider-instances.csv`: the catalogs of Hetzner Cloud, OVHcloud Public Cloud and Clever Cloud,
 * each shape cited to its source. Host embodied values are borrowed from the seeded type named in
 * `embodied_proxy` (status from the row). A row gives its host when a source does (vCPUs, memory,
 * sockets: the row's source); blank host columns take the proxy's host whole (vCPUs, memory, chips
 * and their sources), so that the embodied share per vCPU is the proxy host's: the providers publish
 * no host, and the largest type they sell (16 vCPUs at Hetzner) is far smaller than the machine.
 */
export function listedInstanceTypes(
  inputs: SeedInputs,
  families: CpuFamiliesOf,
  seeded: readonly InstanceTypeRow[],
): InstanceTypeRow[] {
  return records(inputs, 'provider-instances.csv', [
    'provider',
    'instance_type',
    'family',
    'vcpus',
    'vcpus_status',
    'memory_gb',
    'cpu_family',
    'cpu_architecture',
    'host_vcpus',
    'host_memory_gb',
    'host_chips',
    'embodied_proxy',
    'embodied_status',
    'source',
    'note',
  ]).map((row) => {
    const f = families(row, 'cpu_family');
    const architecture = row.oneOf('cpu_architecture', ['x86_64', 'arm64'] as const);
    if (f.cpuFamilies !== null && f.architecture !== architecture)
      throw row.error(`cpu_architecture disagrees with cpu-power.csv (${f.architecture})`);
    const proxyKey = row.text('embodied_proxy');
    const proxy = seeded.find((r) => `${r.providerId}/${r.id}` === proxyKey);
    if (!proxy) throw row.error(`embodied_proxy ${proxyKey} is not a seeded instance type`);
    const sourceId = row.sourceId();
    const type: InstanceTypeRow = {
      providerId: row.oneOf('provider', LISTED_PROVIDERS),
      id: row.text('instance_type'),
      family: row.optText('family'),
      vcpus: row.int('vcpus'),
      vcpusStatus: row.oneOf('vcpus_status', ['published', 'estimated'] as const),
      memoryGb: row.optNum('memory_gb'),
      cpuFamilies: f.cpuFamilies,
      cpuArchitecture: architecture,
      // Blank host columns: the proxy's host stands in whole, so the embodied share per vCPU is the proxy's.
      hostVcpus: row.optInt('host_vcpus') ?? proxy.hostVcpus,
      hostMemoryGb: row.optInt('host_vcpus') === null ? proxy.hostMemoryGb : row.optNum('host_memory_gb'),
      hostChips: row.optInt('host_vcpus') === null ? proxy.hostChips : row.optInt('host_chips'),
      hostChipsSourceId: row.optInt('host_vcpus') === null ? proxy.hostChipsSourceId : sourceId,
      hostEmbodiedKg: proxy.hostEmbodiedKg,
      embodiedStatus: row.oneOf('embodied_status', DATA_FACTOR_STATUSES),
      sourceId,
      hostSourceId: row.optInt('host_vcpus') === null ? proxy.hostSourceId : sourceId,
      embodiedSourceId: proxy.embodiedSourceId,
      ...NO_GPU,
      note: [row.optText('note'), `host embodied: ${proxyKey} host (${proxy.family}, CCF/Teads) as proxy`]
        .filter(Boolean)
        .join('; '),
    };
    return type;
  });
}
