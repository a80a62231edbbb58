import type { CpuProfileRow } from '../store.js';
import type { SeedInputs } from './inputs.js';
import { ARCHITECTURES, byKey, records } from './rows.js';

/**
 * `cpu-power.csv`: SPECpower min/max watts per vCPU with the memory per chip already inside them
 * (CCF), or TDP and threads for the Teads curve (the CPU alone).
 */
export function buildCpuProfiles(inputs: SeedInputs): CpuProfileRow[] {
  const cols = [
    'cpu_family',
    'cpu_architecture',
    'method',
    'min_w_per_vcpu',
    'max_w_per_vcpu',
    'tdp_w',
    'threads',
    'memory_gb_per_chip',
    'memory_source',
    'source',
  ];
  return records(inputs, 'cpu-power.csv', cols)
    .map((row) => {
      const method = row.oneOf('method', ['specpower', 'tdp-curve'] as const);
      const specpower = method === 'specpower';
      const profile: CpuProfileRow = {
        family: row.text('cpu_family'),
        architecture: row.oneOf('cpu_architecture', ARCHITECTURES),
        method,
        minWPerVcpu: specpower ? row.num('min_w_per_vcpu') : null,
        maxWPerVcpu: specpower ? row.num('max_w_per_vcpu') : null,
        tdpW: specpower ? null : row.num('tdp_w'),
        threads: specpower ? null : row.int('threads'),
        memoryGbPerChip: specpower ? row.num('memory_gb_per_chip') : null,
        sourceId: row.sourceId(),
        note: specpower
          ? `${row.text('source')}; memory per chip: ${row.text('memory_source')}`
          : row.text('source'),
      };
      const stray = specpower
        ? ['tdp_w', 'threads']
        : ['min_w_per_vcpu', 'max_w_per_vcpu', 'memory_gb_per_chip', 'memory_source'];
      for (const c of stray) if (row.raw(c)) throw row.error(`${c} must be blank for method ${method}`);
      return profile;
    })
    .sort(byKey((p) => p.family));
}
