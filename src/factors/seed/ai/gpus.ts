import { DATA_FACTOR_STATUSES } from '../../../models/factor.js';
import type { GpuModelRow, InstanceTypeRow } from '../../store.js';
import type { SeedInputs } from '../inputs.js';
import type { CpuFamiliesOf } from '../instance-types/cpu-families.js';
import { records } from '../rows.js';

/** Status of a figure from the prefix its source text carries (`estimated:`, `derived:`), else published. */
const statusOf = (text: string) =>
  /^estimated\b/i.test(text) ? 'estimated' : /^derived\b/i.test(text) ? 'derived' : 'published';

/**
 * `gpu-models.csv`: per GPU or accelerator model, its full-load and idle power (W) and embodied
 * emissions per board, each with its status and source (docs/methodology.md, "GPUs").
 */
export function gpuModels(inputs: SeedInputs): GpuModelRow[] {
  return records(inputs, 'gpu-models.csv', [
    'gpu_model',
    'tdp_w',
    'tdp_source',
    'idle_w',
    'idle_status',
    'idle_source',
    'memory_gb',
    'embodied_kgco2e',
    'embodied_status',
    'embodied_source',
    'note',
  ]).map((row) => {
    const maxW = row.num('tdp_w');
    const idleW = row.num('idle_w');
    if (idleW < 0 || idleW > maxW) throw row.error(`idle ${idleW} W outside 0..${maxW} W`);
    return {
      model: row.text('gpu_model'),
      maxW,
      maxStatus: statusOf(row.text('tdp_source')),
      maxSourceId: row.sourceId('tdp_source'),
      idleW,
      idleStatus: row.oneOf('idle_status', DATA_FACTOR_STATUSES),
      idleSourceId: row.sourceId('idle_source'),
      memoryGb: row.optNum('memory_gb'),
      embodiedKg: row.num('embodied_kgco2e'),
      embodiedStatus: row.oneOf('embodied_status', DATA_FACTOR_STATUSES),
      embodiedSourceId: row.sourceId('embodied_source'),
      note: row.optText('note'),
    };
  });
}

/**
 * `gpu-instances.csv`: the GPUs of every GPU instance type. A type already seeded gets its GPU
 * model and count; a type the other files lack is added, its shape from the row, its host the
 * largest type of its family among those rows (vCPUs, memory; chips ceil(vCPUs / 96)) with the
 * non-GPU embodied emissions of the AWS m5 host per vCPU (status proxy); its own GPUs' embodied
 * emissions come from `gpu_models` (a GPU is not shared).
 */
export function withGpuInstances(
  inputs: SeedInputs,
  seeded: InstanceTypeRow[],
  models: readonly GpuModelRow[],
  families: CpuFamiliesOf,
): InstanceTypeRow[] {
  const known = new Set(models.map((m) => m.model));
  const byKey = new Map(seeded.map((t) => [`${t.providerId}/${t.id}`, t]));
  const m5 = byKey.get('aws/m5.large');
  if (!m5) throw new Error('gpu-instances.csv: the AWS m5 host is not seeded');
  const added: InstanceTypeRow[] = [];
  for (const row of records(inputs, 'gpu-instances.csv', [
    'provider',
    'instance_type',
    'gpu_model',
    'gpu_count',
    'in_catalog',
    'vcpus',
    'memory_gb',
    'cpu_family',
    'source',
    'note',
  ])) {
    const model = row.text('gpu_model');
    if (!known.has(model)) throw row.error(`gpu_model ${model} is not a row of gpu-models.csv`);
    const gpuCount = row.num('gpu_count');
    if (gpuCount <= 0) throw row.error('gpu_count must be positive');
    const providerId = row.text('provider');
    const id = row.text('instance_type');
    const gpu = { gpuModel: model, gpuCount, gpuSourceId: row.sourceId() };
    const existing = byKey.get(`${providerId}/${id}`);
    if (row.oneOf('in_catalog', ['yes', 'no'] as const) === 'yes') {
      if (!existing) throw row.error(`${providerId}/${id} is not a seeded instance type`);
      Object.assign(existing, gpu);
      continue;
    }
    if (existing) throw row.error(`${providerId}/${id} is already seeded: in_catalog must be yes`);
    const f = families(row, 'cpu_family');
    const vcpus = row.int('vcpus');
    const type: InstanceTypeRow = {
      providerId,
      id,
      family: gpuFamily(providerId, id),
      vcpus,
      vcpusStatus: 'published',
      memoryGb: row.num('memory_gb'),
      cpuFamilies: f.cpuFamilies,
      cpuArchitecture: f.architecture,
      hostVcpus: vcpus,
      hostMemoryGb: row.num('memory_gb'),
      hostChips: null,
      hostChipsSourceId: 'ccf-coefficients',
      hostEmbodiedKg: 0,
      embodiedStatus: 'proxy',
      sourceId: row.sourceId(),
      hostSourceId: row.sourceId(),
      embodiedSourceId: m5.embodiedSourceId,
      note: row.optText('note'),
      ...gpu,
    };
    added.push(type);
    byKey.set(`${providerId}/${id}`, type);
  }
  // Each added type's host: the largest added type of its family.
  const hosts = new Map<string, { vcpus: number; memoryGb: number }>();
  for (const t of added) {
    const k = `${t.providerId}/${t.family}`;
    const h = hosts.get(k) ?? { vcpus: 0, memoryGb: 0 };
    hosts.set(k, { vcpus: Math.max(h.vcpus, t.vcpus), memoryGb: Math.max(h.memoryGb, t.memoryGb ?? 0) });
  }
  for (const t of added) {
    const h = hosts.get(`${t.providerId}/${t.family}`) as { vcpus: number; memoryGb: number };
    t.hostVcpus = h.vcpus;
    t.hostMemoryGb = h.memoryGb;
    t.hostChips = Math.ceil(h.vcpus / 96);
    t.hostEmbodiedKg = (m5.hostEmbodiedKg * h.vcpus) / m5.hostVcpus;
    t.note = [
      t.note,
      `host = the largest type of the ${t.family} family (${h.vcpus} vCPU); non-GPU host embodied: the AWS m5 host per vCPU (CCF/Teads) as proxy`,
    ]
      .filter(Boolean)
      .join('; ');
  }
  return added;
}

/**
 * The family of a GPU type the other files lack, the group whose largest type is its host:
 * AWS `g6.xlarge` → `g6`, Scaleway `L4-1-24G` → `L4`, GCP `a3-highgpu-1g` → `a3-highgpu`,
 * Azure `NC24ads A100 v4` → `NCads A100 v4`.
 */
function gpuFamily(providerId: string, id: string): string {
  if (providerId === 'aws') return id.split('.')[0] as string;
  if (providerId === 'gcp') return id.split('-').slice(0, 2).join('-');
  if (providerId === 'azure') return id.replace(/^([A-Za-z]+)\d+/, '$1');
  return id.split('-')[0] as string;
}
