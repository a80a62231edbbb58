import {
  DATA_FACTOR_STATUSES,
  type DataFactorStatus,
  type Factor,
  type Ranged,
} from '../../models/factor.js';

/** Relative ranges of docs/methodology.md, "Factors and their ranges". */
export const RANGE_PCT = {
  grid: 0.15,
  puePublished: 0.05,
  pueOther: 0.1,
  wue: 0.2,
  ewif: 0.3,
  memoryPower: 0.2,
  embodiedMeasured: 0.3,
  embodiedOther: 0.5,
  /** Storage power and network energy: single published values, no published range. */
  unranged: 0.5,
  /** GPU power (published or derived idle and full-load figures). */
  gpuPower: 0.2,
} as const;

/** What a catalog factor is made of; `source` is a `sources` id (null: none). */
export interface FactorFields {
  name: string;
  value: Ranged;
  unit: string;
  source: string | null;
  year: number | null;
  status: DataFactorStatus;
}

/**
 * A catalog factor, frozen: catalog factors are shared by every answer (and serialized once,
 * see http/json.ts).
 */
export function factor({ name, value, unit, source, year, status }: FactorFields): Factor {
  return Object.freeze({
    name,
    value: value.value,
    low: value.low,
    high: value.high,
    unit,
    source_id: source,
    year,
    status,
  });
}

/** A stored status, or `fallback` when the column is empty or holds something else. */
export function asStatus(s: string | null | undefined, fallback: DataFactorStatus): DataFactorStatus {
  return (DATA_FACTOR_STATUSES as readonly string[]).includes(s ?? '') ? (s as DataFactorStatus) : fallback;
}

/** Lookup key of a name: trimmed, lower case. */
export const key = (s: string) => s.trim().toLowerCase();
