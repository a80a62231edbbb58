import { DATA_FACTOR_STATUSES } from '../../../models/factor.js';
import type { CpuProfileRow, InstanceTypeRow } from '../../store.js';
import { NO_GPU } from '../ai/no-gpu.js';
import type { SeedInputs } from '../inputs.js';
import { PROVIDERS } from '../providers.js';
import { records } from '../rows.js';

/**
 * `heroku-dynos.csv`: dyno shapes on the AWS m5 host (taken from the seeded m5.large row: vCPUs,
 * memory, chips, embodied). Heroku publishes no CPU: `cpu_families` stays null, so the provider's
 * default profile applies with status `default`.
 */
export function herokuInstanceTypes(
  inputs: SeedInputs,
  profiles: readonly CpuProfileRow[],
  seeded: readonly InstanceTypeRow[],
): InstanceTypeRow[] {
  const m5 = seeded.find((r) => r.providerId === 'aws' && r.id === 'm5.large');
  if (!m5) throw new Error('aws-ec2-instances.ccf.csv: m5.large (the Heroku host) is missing');
  const herokuCpu = PROVIDERS.find((p) => p.id === 'heroku')?.cpuProfileX86 ?? '';
  if (profiles.find((p) => p.family === herokuCpu)?.architecture !== 'x86_64')
    throw new Error(`Heroku CPU profile ${herokuCpu} is not an x86_64 row of cpu-power.csv`);
  if (m5.hostMemoryGb === null) throw new Error('aws-ec2-instances.ccf.csv: the m5 host memory is unknown');
  return records(inputs, 'heroku-dynos.csv', [
    'dyno_type',
    'memory_gb',
    'vcpus',
    'tenancy',
    'vcpus_status',
    'note',
  ]).map((row) => ({
    providerId: 'heroku',
    id: row.text('dyno_type'),
    family: null,
    vcpus: row.int('vcpus'),
    vcpusStatus: row.oneOf('vcpus_status', DATA_FACTOR_STATUSES),
    memoryGb: row.num('memory_gb'),
    cpuFamilies: null,
    cpuArchitecture: 'x86_64',
    hostVcpus: m5.hostVcpus,
    hostMemoryGb: m5.hostMemoryGb,
    hostChips: m5.hostChips,
    hostChipsSourceId: m5.hostChipsSourceId,
    hostEmbodiedKg: m5.hostEmbodiedKg,
    embodiedStatus: 'proxy',
    sourceId: 'heroku-dyno-types',
    hostSourceId: m5.hostSourceId,
    embodiedSourceId: m5.embodiedSourceId,
    ...NO_GPU,
    note: `${row.text('note')}; host: AWS m5 (m5.large, CCF/Teads) as proxy`,
  }));
}
