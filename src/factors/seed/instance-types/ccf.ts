import type { InstanceTypeRow } from '../../store.js';
import { NO_GPU } from '../ai/no-gpu.js';
import type { SeedInputs } from '../inputs.js';
import { type Row, records } from '../rows.js';
import type { CpuFamiliesOf } from './cpu-families.js';

type CcfFile = 'aws-ec2-instances.ccf.csv' | 'gcp-machine-types.ccf.csv' | 'azure-vm-sizes.ccf.csv';

interface CcfColumns {
  id: string;
  family: string;
  largest: string;
  note?: (row: Row) => string | null;
}

/** Families CCF counts as two physical chips whatever their size (AWSMemoryEstimatesBuilder). */
const TWO_CHIP_FAMILIES = new Set(['m5zn', 'z1d']);

/**
 * Physical chips of a host, as CCF counts them (`getPhysicalChips`): one per 96 vCPUs of the
 * largest type of the family, 2 for the m5zn and z1d families.
 */
export function hostChips(family: string | null, hostVcpus: number): number {
  return family !== null && TWO_CHIP_FAMILIES.has(family) ? 2 : Math.ceil(hostVcpus / 96);
}

/**
 * The host of every row: the largest type of its family, in vCPUs (the file's largest-vCPUs
 * column, which some type of the family must have) and in memory (the family's largest memory;
 * null when no type of the family has a known memory). The two differ only where CCF's family
 * label groups several real families (Azure "FX-series" holds the FX and Eav5 sizes).
 */
function withHosts(rows: InstanceTypeRow[], file: CcfFile): InstanceTypeRow[] {
  const memories = new Map<string | null, number[]>();
  const largest = new Set<string | null>();
  for (const r of rows) {
    if (r.vcpus === r.hostVcpus) largest.add(r.family);
    if (r.memoryGb !== null) memories.set(r.family, [...(memories.get(r.family) ?? []), r.memoryGb]);
  }
  return rows.map((r) => {
    if (!largest.has(r.family))
      throw new Error(`${file}: family ${r.family} has no type of ${r.hostVcpus} vCPUs`);
    const known = memories.get(r.family);
    return {
      ...r,
      hostMemoryGb: known ? Math.max(...known) : null,
      hostChips: hostChips(r.family, r.hostVcpus),
      hostChipsSourceId: 'ccf-coefficients',
    };
  });
}

/** One Cloud Carbon Footprint instance file (Teads host embodied, largest vCPUs of the family). */
function ccfFile(
  inputs: SeedInputs,
  file: CcfFile,
  providerId: string,
  cols: CcfColumns,
  families: CpuFamiliesOf,
): InstanceTypeRow[] {
  const rows = records(inputs, file, [
    cols.id,
    cols.family,
    'vcpus',
    'memory_gb',
    'host_embodied_tco2e',
    cols.largest,
    'processors',
  ]).map((row) => {
    const f = families(row, 'processors');
    return {
      providerId,
      id: row.text(cols.id),
      family: row.optText(cols.family),
      vcpus: row.int('vcpus'),
      vcpusStatus: 'published',
      memoryGb: row.optNum('memory_gb'),
      cpuFamilies: f.cpuFamilies,
      cpuArchitecture: f.architecture,
      hostVcpus: row.int(cols.largest),
      hostMemoryGb: null,
      hostChips: null,
      hostChipsSourceId: null,
      hostEmbodiedKg: row.kg('host_embodied_tco2e'),
      embodiedStatus: 'published',
      sourceId: 'ccf-teads-embodied',
      hostSourceId: 'ccf-teads-embodied',
      embodiedSourceId: 'ccf-teads-embodied',
      ...NO_GPU,
      note: cols.note ? cols.note(row) : null,
    };
  });
  return withHosts(rows, file);
}

/** AWS EC2, GCP and Azure instance types from the Cloud Carbon Footprint files. */
export function ccfInstanceTypes(inputs: SeedInputs, families: CpuFamiliesOf): InstanceTypeRow[] {
  return [
    ...ccfFile(
      inputs,
      'aws-ec2-instances.ccf.csv',
      'aws',
      {
        id: 'instance_type',
        family: 'family',
        largest: 'family_largest_vcpus',
        note: (row) => {
          const source = row.text('processors_source');
          return source === 'CCF INSTANCE_TYPE_COMPUTE_PROCESSOR_MAPPING' ? null : `processors: ${source}`;
        },
      },
      families,
    ),
    ...ccfFile(
      inputs,
      'gcp-machine-types.ccf.csv',
      'gcp',
      {
        id: 'machine_type',
        family: 'family',
        largest: 'family_largest_vcpus',
        note: (row) => `memory: ${row.text('memory_rule')}`,
      },
      families,
    ),
    ...ccfFile(
      inputs,
      'azure-vm-sizes.ccf.csv',
      'azure',
      { id: 'vm_size', family: 'series', largest: 'series_largest_vcpus' },
      families,
    ),
  ];
}
