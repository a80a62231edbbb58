import type { InstanceTypeRow } from '../../store.js';
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

/** One Cloud Carbon Footprint instance file (Teads host embodied, largest vCPUs of the family). */
function ccfFile(
  inputs: SeedInputs,
  file: CcfFile,
  providerId: string,
  cols: CcfColumns,
  families: CpuFamiliesOf,
): InstanceTypeRow[] {
  return records(inputs, file, [
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
      hostEmbodiedKg: row.kg('host_embodied_tco2e'),
      embodiedStatus: 'published',
      sourceId: 'ccf-teads-embodied',
      hostSourceId: 'ccf-teads-embodied',
      embodiedSourceId: 'ccf-teads-embodied',
      note: cols.note ? cols.note(row) : null,
    };
  });
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
