import type { Ranged } from './factor.js';

/** A CPU power profile per vCPU, as in `cpu-power.csv`. */
export type CpuPowerProfile =
  | { method: 'specpower'; minW: number; maxW: number }
  | { method: 'tdp-curve'; tdpW: number; threads: number };

/** Relative uncertainty of a profile's power: SPECpower-derived ±20%, TDP curve ±30%. */
export const CPU_POWER_RANGE_PCT = { specpower: 0.2, 'tdp-curve': 0.3 } as const;

/** Teads curve points (utilization, share of TDP per thread). */
const TEADS_CURVE: readonly (readonly [number, number])[] = [
  [0, 0.12],
  [0.1, 0.32],
  [0.5, 0.75],
  [1, 1.02],
];

/**
 * Power of one vCPU at utilization `u` (0..1), in watts.
 *
 * - specpower: `P(u) = min + u · (max − min)` (Cloud Carbon Footprint).
 * - tdp-curve: `t = tdp / threads`, then linear interpolation through the Teads curve
 *   (0, 0.12t), (0.10, 0.32t), (0.50, 0.75t), (1.00, 1.02t).
 *
 * @see https://www.cloudcarbonfootprint.org/docs/methodology/#energy-estimate-watt-hours
 * @see https://doc.api.boavizta.org/Explanations/components/cpu/ (Teads curve)
 */
export function cpuPowerPerVcpuW(profile: CpuPowerProfile, utilization: number): number {
  if (profile.method === 'specpower') {
    return profile.minW + utilization * (profile.maxW - profile.minW);
  }
  return tdpCurvePerThreadW(profile.tdpW, profile.threads, utilization);
}

/**
 * The CPU alone, per hardware thread, at utilization `u` (0..1), in watts: `t = tdp / threads`,
 * then linear interpolation through Teads' measured points (0, 0.12t), (0.10, 0.32t),
 * (0.50, 0.75t), (1.00, 1.02t). Boavizta fits a logarithmic model through the same points (up to
 * 9 % apart between them); the points themselves are Teads'.
 *
 * @see https://medium.com/teads-engineering/building-an-aws-ec2-carbon-emissions-dataset-3f0fd76c98ac
 */
export function tdpCurvePerThreadW(tdpW: number, threads: number, utilization: number): number {
  return (tdpW / threads) * teadsShare(utilization);
}

/** A CPU with both a SPECpower-derived profile and a TDP, as the fit uses it. */
export interface SpecpowerTdpPair {
  family: string;
  minW: number;
  maxW: number;
  tdpW: number;
  threads: number;
}

/** The ratios that bring a TDP curve onto the SPECpower basis, with what they rest on. */
export interface SpecpowerFit {
  /** median of `min_w / curve(0)` */
  idleRatio: number;
  /** median of `max_w / curve(1)` */
  fullRatio: number;
  idleRange: [number, number];
  fullRange: [number, number];
  families: string[];
}

function medianOf(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * Fits the SPECpower basis on the CPUs that have both a SPECpower profile and a TDP:
 * ```
 * idle_ratio = median over CPUs of  min_w_per_vcpu / curve(0)      curve(u) = tdp/threads · teads(u)
 * full_ratio = median over CPUs of  max_w_per_vcpu / curve(1)
 * ```
 * @see docs/methodology.md, "One power basis"
 */
export function fitSpecpowerFromTdp(pairs: readonly SpecpowerTdpPair[]): SpecpowerFit {
  if (pairs.length === 0) throw new RangeError('the fit needs at least one CPU with both figures');
  const idle = pairs.map((p) => p.minW / tdpCurvePerThreadW(p.tdpW, p.threads, 0));
  const full = pairs.map((p) => p.maxW / tdpCurvePerThreadW(p.tdpW, p.threads, 1));
  return {
    idleRatio: medianOf(idle),
    fullRatio: medianOf(full),
    idleRange: [Math.min(...idle), Math.max(...idle)],
    fullRange: [Math.min(...full), Math.max(...full)],
    families: pairs.map((p) => p.family),
  };
}

/**
 * A CPU without SPECpower results on the SPECpower basis: its TDP curve at idle and full load times
 * the fitted ratios, `min = idle_ratio · curve(0)`, `max = full_ratio · curve(1)` (W per vCPU).
 */
export function specpowerFromTdp(
  tdpW: number,
  threads: number,
  fit: Pick<SpecpowerFit, 'idleRatio' | 'fullRatio'>,
): { minW: number; maxW: number } {
  return {
    minW: fit.idleRatio * tdpCurvePerThreadW(tdpW, threads, 0),
    maxW: fit.fullRatio * tdpCurvePerThreadW(tdpW, threads, 1),
  };
}

function teadsShare(u: number): number {
  for (let i = 1; i < TEADS_CURVE.length; i++) {
    const [x1, y1] = TEADS_CURVE[i] as readonly [number, number];
    if (u <= x1 || i === TEADS_CURVE.length - 1) {
      const [x0, y0] = TEADS_CURVE[i - 1] as readonly [number, number];
      return y0 + ((u - x0) * (y1 - y0)) / (x1 - x0);
    }
  }
  /* c8 ignore next */
  return 0;
}

/**
 * Power per vCPU of an instance that may run on several CPU families: the mean of each
 * family's `P(u)`, with low/high the mean of each family's range (±20% specpower, ±30% curve).
 * For specpower-only lists this equals `P(u)` of the mean min and mean max.
 */
export function meanCpuPowerPerVcpuW(profiles: readonly CpuPowerProfile[], utilization: number): Ranged {
  if (profiles.length === 0) throw new RangeError('at least one CPU profile is required');
  let value = 0;
  let low = 0;
  let high = 0;
  for (const profile of profiles) {
    const watts = cpuPowerPerVcpuW(profile, utilization);
    const pct = CPU_POWER_RANGE_PCT[profile.method];
    value += watts;
    low += watts * (1 - pct);
    high += watts * (1 + pct);
  }
  const n = profiles.length;
  return { value: value / n, low: low / n, high: high / n };
}
