import {
  fitSpecpowerFromTdp,
  type SpecpowerFit,
  type SpecpowerTdpPair,
  specpowerFromTdp,
} from '../../models/cpu-power.js';
import type { CpuProfileRow } from '../store.js';
import type { SeedInputs } from './inputs.js';
import { ARCHITECTURES, byKey, type Row, records } from './rows.js';

/**
 * How a row's min/max watts were obtained (docs/methodology.md, "One power basis"): `derived` and
 * `estimated` rows get them from their TDP through the fit, `estimated` when that TDP is itself an
 * estimate (no manufacturer publishes it).
 */
export const CPU_POWER_STATUSES = ['published', 'proxy', 'derived', 'estimated'] as const;
const MEMORY_STATUSES = ['published', 'proxy'] as const;

const COLUMNS = [
  'cpu_family',
  'cpu_architecture',
  'min_w_per_vcpu',
  'max_w_per_vcpu',
  'status',
  'source',
  'tdp_w',
  'threads',
  'tdp_source',
  'fit',
  'memory_gb_per_chip',
  'memory_status',
  'memory_source',
];

interface TdpPart {
  tdpW: number;
  threads: number;
  sourceId: CpuProfileRow['sourceId'];
  text: string;
}

function tdpPart(row: Row): TdpPart | null {
  const tdpW = row.optNum('tdp_w');
  const threads = row.optInt('threads');
  if (tdpW === null && threads === null) {
    if (row.raw('tdp_source')) throw row.error('tdp_source must be blank without tdp_w and threads');
    return null;
  }
  if (tdpW === null || threads === null) throw row.error('tdp_w and threads go together');
  return { tdpW, threads, sourceId: row.sourceId('tdp_source'), text: row.text('tdp_source') };
}

/**
 * The fit that brings TDP curves onto the SPECpower basis, over the rows marked `fit` (one CPU per
 * CCF microarchitecture: its SPECpower coefficients and the TDP of the part AWS runs; docs/methodology.md,
 * "One power basis").
 */
export function cpuPowerFit(inputs: SeedInputs): SpecpowerFit {
  const pairs: SpecpowerTdpPair[] = [];
  for (const row of records(inputs, 'cpu-power.csv', COLUMNS)) {
    const tdp = tdpPart(row);
    const fit = row.raw('fit');
    if (fit !== '' && fit !== 'yes')
      throw row.error(`fit must be 'yes' or blank, not ${JSON.stringify(fit)}`);
    if (fit !== 'yes') continue;
    if (row.raw('status') !== 'published' || !tdp)
      throw row.error('a fit row needs published min/max and a TDP');
    pairs.push({
      family: row.text('cpu_family'),
      minW: row.num('min_w_per_vcpu'),
      maxW: row.num('max_w_per_vcpu'),
      tdpW: tdp.tdpW,
      threads: tdp.threads,
    });
  }
  return fitSpecpowerFromTdp(pairs);
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

/**
 * `cpu-power.csv` (methodology 3): every CPU on the SPECpower basis. `published` and `proxy` rows
 * give CCF's SPECpower-derived min/max watts per vCPU; `derived` rows leave them blank and get them
 * from their TDP curve through the fit. A TDP (with its threads and source) on any row is the
 * cross-check the estimate's range spans. `memory_gb_per_chip` is the SPECpower servers' memory per
 * chip already inside the watts (CCF), or a stated proxy.
 */
export function buildCpuProfiles(inputs: SeedInputs): CpuProfileRow[] {
  const fit = cpuPowerFit(inputs);
  const fitText =
    `fitted on ${fit.families.length} CPUs with both figures: min = ${round(fit.idleRatio, 4)} · curve(0), ` +
    `max = ${round(fit.fullRatio, 4)} · curve(1)`;
  return records(inputs, 'cpu-power.csv', COLUMNS)
    .map((row) => {
      const status = row.oneOf('status', CPU_POWER_STATUSES);
      const tdp = tdpPart(row);
      let minW: number;
      let maxW: number;
      let powerNote: string;
      const fitted = status === 'derived' || status === 'estimated';
      if (fitted) {
        if (!tdp) throw row.error(`a ${status} row needs tdp_w, threads and tdp_source`);
        if (row.raw('min_w_per_vcpu') || row.raw('max_w_per_vcpu'))
          throw row.error(
            `min_w_per_vcpu and max_w_per_vcpu are computed for a ${status} row: leave them blank`,
          );
        ({ minW, maxW } = specpowerFromTdp(tdp.tdpW, tdp.threads, fit));
        powerNote = `SPECpower basis from the TDP curve (${tdp.tdpW} W, ${tdp.threads} threads; ${tdp.text}), ${fitText}`;
      } else {
        minW = row.num('min_w_per_vcpu');
        maxW = row.num('max_w_per_vcpu');
        powerNote = row.text('source');
      }
      const memoryStatus = row.oneOf('memory_status', MEMORY_STATUSES);
      const profile: CpuProfileRow = {
        family: row.text('cpu_family'),
        architecture: row.oneOf('cpu_architecture', ARCHITECTURES),
        method: 'specpower',
        minWPerVcpu: minW,
        maxWPerVcpu: maxW,
        tdpW: tdp?.tdpW ?? null,
        threads: tdp?.threads ?? null,
        memoryGbPerChip: row.num('memory_gb_per_chip'),
        // A derived row's watts rest on its TDP: that source is the one the power factor names.
        sourceId: fitted && tdp ? tdp.sourceId : row.sourceId('source'),
        note:
          `${powerNote}; memory per chip: ${row.text('memory_source')}` +
          (tdp && !fitted ? `; TDP cross-check: ${tdp.text}` : ''),
        status,
        memoryStatus,
        memorySourceId: row.sourceId('memory_source'),
        tdpSourceId: tdp?.sourceId ?? null,
      };
      return profile;
    })
    .sort(byKey((p) => p.family));
}
