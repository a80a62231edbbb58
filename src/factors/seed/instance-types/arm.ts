import type { InstanceTypeRow } from '../../store.js';
import { NO_GPU } from '../ai/no-gpu.js';
import type { SeedInputs } from '../inputs.js';
import { records } from '../rows.js';
import { hostChips } from './ccf.js';
import type { CpuFamiliesOf } from './cpu-families.js';

/** Providers whose current ARM families `arm-instances.csv` adds beside the CCF copies. */
const ARM_PROVIDERS = new Set(['aws', 'gcp', 'azure']);

/**
 * `arm-instances.csv`: current ARM families that Cloud Carbon Footprint does not list (AWS
 * Graviton3/4, GCP Tau T2A and C4A, Azure Dpsv5/Dplsv5/Epsv5 and their Cobalt 100 successors),
 * each shape cited to its provider's page.
 *
 * Hosts follow the CCF files' rules: host vCPUs and memory are those of the largest type of the
 * family (provider and `family` column), chips CCF's heuristic ceil(host vCPUs / 96). CCF/Teads
 * publish no embodied figure for these hosts: each row names, in `embodied_proxy`, the seeded
 * CCF type (`provider/id`) whose host embodied value it borrows (status `proxy`).
 */
export function armInstanceTypes(
  inputs: SeedInputs,
  families: CpuFamiliesOf,
  seeded: readonly InstanceTypeRow[],
): InstanceTypeRow[] {
  const parsed = records(inputs, 'arm-instances.csv', [
    'provider',
    'instance_type',
    'family',
    'vcpus',
    'memory_gb',
    'cpu_family',
    'cpu_architecture',
    'embodied_proxy',
    'source',
    'note',
  ]).map((row) => {
    const providerId = row.text('provider');
    if (!ARM_PROVIDERS.has(providerId)) throw row.error(`provider ${providerId} is not aws, gcp or azure`);
    const f = families(row, 'cpu_family');
    if (f.cpuFamilies === null) throw row.error('an ARM instance must name its CPU family');
    if (f.architecture !== 'arm64' || row.text('cpu_architecture') !== 'arm64')
      throw row.error(`cpu_architecture must be arm64 here and in cpu-power.csv (${f.architecture})`);
    const proxyKey = row.text('embodied_proxy');
    const proxy = seeded.find((r) => `${r.providerId}/${r.id}` === proxyKey);
    if (!proxy) throw row.error(`embodied_proxy ${proxyKey} is not a seeded instance type`);
    const type: InstanceTypeRow = {
      providerId,
      id: row.text('instance_type'),
      family: row.text('family'),
      vcpus: row.int('vcpus'),
      vcpusStatus: 'published',
      memoryGb: row.num('memory_gb'),
      cpuFamilies: f.cpuFamilies,
      cpuArchitecture: f.architecture,
      hostVcpus: 0,
      hostMemoryGb: null,
      hostChips: null,
      hostChipsSourceId: null,
      hostEmbodiedKg: proxy.hostEmbodiedKg,
      embodiedStatus: 'proxy',
      sourceId: row.sourceId(),
      hostSourceId: row.sourceId(),
      embodiedSourceId: proxy.embodiedSourceId,
      ...NO_GPU,
      note: `${row.text('note')}; host embodied: ${proxyKey} host (${proxy.family}, CCF/Teads) as proxy`,
    };
    return { type, proxyChips: proxy.hostChips };
  });
  // The host of each family: its largest type in vCPUs and in memory.
  const hosts = new Map<string, { vcpus: number; memoryGb: number }>();
  for (const { type: r } of parsed) {
    const k = `${r.providerId}/${r.family}`;
    const h = hosts.get(k) ?? { vcpus: 0, memoryGb: 0 };
    hosts.set(k, { vcpus: Math.max(h.vcpus, r.vcpus), memoryGb: Math.max(h.memoryGb, r.memoryGb ?? 0) });
  }
  return parsed.map(({ type: r, proxyChips }) => {
    const host = hosts.get(`${r.providerId}/${r.family}`) as { vcpus: number; memoryGb: number };
    const chips = hostChips(r.family, host.vcpus);
    return {
      ...r,
      hostVcpus: host.vcpus,
      hostMemoryGb: host.memoryGb,
      hostChips: chips,
      hostChipsSourceId: 'ccf-coefficients',
      note:
        proxyChips !== null && proxyChips !== chips
          ? `${r.note}; the proxy host has ${proxyChips} chip(s), this one ${chips} (embodied not scaled)`
          : r.note,
    };
  });
}
