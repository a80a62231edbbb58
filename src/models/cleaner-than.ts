/** Median page weight, bytes: 2,311 KiB (HTTP Archive Web Almanac 2024, mobile). */
export const PAGE_WEIGHT_MEDIAN_BYTES = 2_366_464;
/** σ of ln(page weight): from a p90/median ratio of about 3.2 (ln 3.2 / 1.2816 ≈ 0.91). */
export const PAGE_WEIGHT_LN_SIGMA = 0.91;
/** Number of other stored pages from which the empirical share gets full weight. */
export const CLEANER_THAN_FULL_WEIGHT_PAGES = 1000;

/** What `cleanerThan` needs: the page's weight, and n and k from the page-weight histogram (site-buckets.ts). */
export interface CleanerThanInput {
  /** Transfer size of the page, bytes (≥ 0). */
  bytes: number;
  /** n: other stored pages (the page itself excluded). */
  otherPages: number;
  /** k: other stored pages whose per-view co2e is strictly higher than this page's (exact within one bucket). */
  otherPagesHigher: number;
}

// W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969)
// 631–638; coefficients of netlib SPECFUN CALERF (latest modification 19 March 1990), each written
// as the shortest literal of the double nearest to Cody's 18-digit value (the same doubles).
const A = [3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315];
const B = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
const C = [
  0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769,
  1712.0476126340707, 2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8,
];
const D = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597,
  4362.619090143247, 3439.3676741437216, 1230.3393548037495,
];
const P = [
  0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 0.0006587491615298378,
  0.016315387137302097,
];
const Q = [
  2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918,
];
/** 1/√π */
const SQRT_PI_INV = 0.5641895835477563;
const THRESH = 0.46875;
const X_SMALL = 1.11e-16;
const X_BIG = 26.543;

/** exp(−y²) split as exp(−ŷ²)·exp(−(y−ŷ)(y+ŷ)), ŷ = y truncated to 1/16 (Cody's trick against cancellation). */
function expMinusSquare(y: number): number {
  const ySixteenth = Math.trunc(y * 16) / 16;
  const del = (y - ySixteenth) * (y + ySixteenth);
  return Math.exp(-ySixteenth * ySixteenth) * Math.exp(-del);
}

/**
 * Complementary error function erfc(x) = 1 − erf(x), relative error ≲ 1e-15 in double precision.
 *
 * W. J. Cody's near-minimax rational approximations on |x| ≤ 0.46875, 0.46875 < |x| ≤ 4 and
 * |x| > 4; erfc(−x) = 2 − erfc(x); erfc(x) = 0 for x ≥ 26.543 (underflow).
 *
 * @see https://www.netlib.org/specfun/erf (CALERF)
 * @see https://doi.org/10.1090/S0025-5718-1969-0247736-4 (Cody 1969)
 */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const y = Math.abs(x);
  if (y <= THRESH) {
    const ySq = y > X_SMALL ? y * y : 0;
    let num = (A[4] as number) * ySq;
    let den = ySq;
    for (let i = 0; i < 3; i++) {
      num = (num + (A[i] as number)) * ySq;
      den = (den + (B[i] as number)) * ySq;
    }
    return 1 - (x * (num + (A[3] as number))) / (den + (B[3] as number));
  }
  let result: number;
  if (y <= 4) {
    let num = (C[8] as number) * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + (C[i] as number)) * y;
      den = (den + (D[i] as number)) * y;
    }
    result = ((num + (C[7] as number)) / (den + (D[7] as number))) * expMinusSquare(y);
  } else if (y >= X_BIG) {
    result = 0;
  } else {
    const ySqInv = 1 / (y * y);
    let num = (P[5] as number) * ySqInv;
    let den = ySqInv;
    for (let i = 0; i < 4; i++) {
      num = (num + (P[i] as number)) * ySqInv;
      den = (den + (Q[i] as number)) * ySqInv;
    }
    const r = (ySqInv * (num + (P[4] as number))) / (den + (Q[4] as number));
    result = ((SQRT_PI_INV - r) / y) * expMinusSquare(y);
  }
  return x < 0 ? 2 - result : result;
}

/**
 * Standard normal cumulative distribution Φ(z) = ½·erfc(−z/√2), via Cody's erfc.
 *
 * @see https://www.netlib.org/specfun/erf
 */
export function standardNormalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/**
 * Share of pages heavier than `bytes` under a log-normal page weight (median 2,366,464 bytes,
 * σ = 0.91): `1 − Φ((ln bytes − ln 2 366 464) / 0.91)`, computed as ½·erfc(z/√2) so that the
 * upper tail keeps its precision. `bytes = 0` → 1.
 *
 * @see https://almanac.httparchive.org/en/2024/page-weight
 */
export function referenceCleanerThan(bytes: number): number {
  if (bytes <= 0) return 1;
  const z = (Math.log(bytes) - Math.log(PAGE_WEIGHT_MEDIAN_BYTES)) / PAGE_WEIGHT_LN_SIGMA;
  return 0.5 * erfc(z / Math.SQRT2);
}

/**
 * Share of pages a page is cleaner than, in [0,1] rounded to 2 decimals.
 *
 * ```
 * w            = min(n, 1000) / 1000
 * empirical    = k / n                      (0 when n = 0, where its weight is 0 anyway)
 * reference    = 1 − Φ((ln bytes − ln 2 366 464) / 0.91),   bytes = 0 → 1
 * cleaner_than = round2(w · empirical + (1 − w) · reference)
 * ```
 * n = other stored pages, k = those with a strictly higher per-view co2e, read from the page-weight
 * histogram (`rankInHistogram`, exact within one bucket) rather than counted over the table.
 *
 * @see https://almanac.httparchive.org/en/2024/page-weight
 */
export function cleanerThan(input: CleanerThanInput): number {
  const n = input.otherPages;
  const weight = Math.min(n, CLEANER_THAN_FULL_WEIGHT_PAGES) / CLEANER_THAN_FULL_WEIGHT_PAGES;
  const empirical = n > 0 ? input.otherPagesHigher / n : 0;
  const share = weight * empirical + (1 - weight) * referenceCleanerThan(input.bytes);
  return Math.round(Math.min(1, Math.max(0, share)) * 100) / 100;
}

/** Counts the other pages with a strictly higher per-view co2e: the exact k the histogram estimates. */
export function countStrictlyHigher(selfCo2eG: number, otherCo2eG: readonly number[]): number {
  let higher = 0;
  for (const other of otherCo2eG) if (other > selfCo2eG) higher++;
  return higher;
}
