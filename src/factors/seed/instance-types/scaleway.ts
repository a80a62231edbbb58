import { DATA_FACTOR_STATUSES } from '../../../models/factor.js';
import type { InstanceTypeRow } from '../../store.js';
import { NO_GPU } from '../ai/no-gpu.js';
import type { SeedInputs } from '../inputs.js';
import { records } from '../rows.js';
import type { CpuFamiliesOf } from './cpu-families.js';

/**
 * `scaleway-instances.csv`: shapes, host CPUs and host memory and sockets from Boavizta (its
 * Scaleway server archetypes); host embodied values are CCF/Teads AWS hosts used as proxies
 * (status from the row).
 */
export function scalewayInstanceTypes(inputs: SeedInputs, families: CpuFamiliesOf): InstanceTypeRow[] {
  return records(inputs, 'scaleway-instances.csv', [
    'instance_type',
    'vcpus',
    'memory_gb',
    'platform',
    'cpu_family',
    'cpu_architecture',
    'host_vcpus',
    'host_memory_gb',
    'host_chips',
    'host_embodied_tco2e',
    'embodied_status',
    'note',
    'source',
  ]).map((row) => {
    const f = families(row, 'cpu_family');
    if (f.cpuFamilies === null) throw row.error('a Scaleway instance must name its CPU family');
    if (row.text('cpu_architecture') !== f.architecture)
      throw row.error(`cpu_architecture disagrees with cpu-power.csv (${f.architecture})`);
    return {
      providerId: 'scaleway',
      id: row.text('instance_type'),
      family: row.optText('platform'),
      vcpus: row.int('vcpus'),
      vcpusStatus: 'published',
      memoryGb: row.optNum('memory_gb'),
      cpuFamilies: f.cpuFamilies,
      cpuArchitecture: f.architecture,
      hostVcpus: row.int('host_vcpus'),
      // Boavizta's host archetype (server.csv): RAM.units · RAM.capacity and CPU.units.
      hostMemoryGb: row.num('host_memory_gb'),
      hostChips: row.int('host_chips'),
      // Boavizta's socket count, not CCF's heuristic (which would say ceil(host vCPUs / 96)).
      hostChipsSourceId: row.sourceId(),
      hostEmbodiedKg: row.kg('host_embodied_tco2e'),
      embodiedStatus: row.oneOf('embodied_status', DATA_FACTOR_STATUSES),
      sourceId: row.sourceId(),
      // Host shapes come from Boavizta; embodied values are CCF/Teads AWS hosts used as proxies.
      hostSourceId: row.sourceId(),
      embodiedSourceId: 'ccf-teads-embodied',
      ...NO_GPU,
      note: row.optText('note'),
    };
  });
}
