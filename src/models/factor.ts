/**
 * How a factor value was obtained: the one list the zod schemas, the seed and the catalog use.
 * `input` is a number the caller gave; the others are what stored factor data can carry.
 */
export const FACTOR_STATUSES = ['published', 'derived', 'proxy', 'estimated', 'default', 'input'] as const;
export type FactorStatus = (typeof FACTOR_STATUSES)[number];

/** The statuses stored factor data can carry (every status but `input`). */
export const DATA_FACTOR_STATUSES = FACTOR_STATUSES.filter(
  (s): s is Exclude<FactorStatus, 'input'> => s !== 'input',
);
export type DataFactorStatus = (typeof DATA_FACTOR_STATUSES)[number];

/** One factor used by an estimate, with its range and provenance. */
export interface Factor {
  name: string;
  value: number;
  low: number;
  high: number;
  unit: string;
  source_id: string | null;
  year: number | null;
  status: FactorStatus;
}

/** A number with the range it may take. */
export interface Ranged {
  value: number;
  low: number;
  high: number;
}

/**
 * A central value with a symmetric relative range: `value · (1 ± pct)`.
 * `floor` bounds the low end (PUE can never be below 1.0).
 */
export function ranged(value: number, pct: number, floor = Number.NEGATIVE_INFINITY): Ranged {
  return { value, low: Math.max(floor, value * (1 - pct)), high: value * (1 + pct) };
}

/** A number without uncertainty (lifespan, a caller's input). */
export function exact(value: number): Ranged {
  return { value, low: value, high: value };
}

/** Builds a `factors[]` entry for a number the caller gave. */
export function inputFactor(name: string, value: number, unit: string): Factor {
  return { name, value, low: value, high: value, unit, source_id: null, year: null, status: 'input' };
}

/** The three evaluation points of a monotonic formula. */
export type Bound = 'value' | 'low' | 'high';
export const BOUNDS: readonly Bound[] = ['value', 'low', 'high'];
