/** Bytes below which every page falls in bucket 0, `[0, 1,000)` (ranked linearly within it). */
export const SITE_BUCKET_FLOOR_BYTES = 1_000;
/** Log-spaced buckets per decade of bytes above the floor: each is 10^(1/200) ≈ 1.16 % wide. */
export const SITE_BUCKETS_PER_DECADE = 200;
/** Decades above the floor: 1,000 bytes to 1e9 bytes (the largest measurement accepted). */
export const SITE_BUCKET_DECADES = 6;
/** Upper end of the last bucket, bytes. */
export const SITE_BUCKET_CEILING_BYTES = 1e9;
/** 1,201 buckets: bucket 0 and 1,200 log-spaced ones. */
export const SITE_BUCKET_COUNT = 1 + SITE_BUCKETS_PER_DECADE * SITE_BUCKET_DECADES;
/**
 * Buckets per group: the store also counts pages per group of 40 buckets (31 groups), so the
 * pages above a bucket are read from at most 31 group counts and 39 bucket counts.
 */
export const SITE_BUCKETS_PER_GROUP = 40;

/**
 * Lower edge of bucket `i`, bytes: `edge(0) = 0`, `edge(i) = round(1000 · 10^((i − 1) / 200))` for
 * i ≥ 1, and `edge(1201) = 1e9` (the ceiling). Bucket `i` holds `[edge(i), edge(i + 1))`; the last
 * one also holds the ceiling itself. The database seeds its `site_buckets` rows from these values
 * (drizzle/0005_site_samples.sql; a test compares them).
 */
export function siteBucketEdgeBytes(i: number): number {
  if (i <= 0) return 0;
  return Math.round(SITE_BUCKET_FLOOR_BYTES * 10 ** ((i - 1) / SITE_BUCKETS_PER_DECADE));
}

/** Bucket of a page weight (the database computes the same from its seeded edges). */
export function siteBucketOf(bytes: number): number {
  let lo = 0;
  let hi = SITE_BUCKET_COUNT - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (siteBucketEdgeBytes(mid) <= bytes) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Share of a bucket's pages assumed heavier than `bytes`, pages being spread evenly within the
 * bucket: linearly in bucket 0, `ln(hi / bytes) / ln(hi / lo)` in a log-spaced bucket `[lo, hi)`.
 * Clamped to [0, 1].
 */
export function shareAboveInBucket(bytes: number, bucket: number): number {
  const lo = siteBucketEdgeBytes(bucket);
  const hi = siteBucketEdgeBytes(bucket + 1);
  const share = bucket === 0 ? (hi - bytes) / (hi - lo) : Math.log(hi / bytes) / Math.log(hi / lo);
  return Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
}

/** What the histogram says about one page, counted in it or not (only ranked pages are). */
export interface HistogramPosition {
  /** The page's served weight, bytes. */
  bytes: number;
  /** The bucket of that weight. */
  bucket: number;
  /** Whether the page itself is counted in the histogram (a ranked page, SITE_RANKED_MIN_CLIENTS). */
  counted: boolean;
  /** Pages counted in the histogram (this one included when counted). */
  pages: number;
  /** Pages in buckets above this page's bucket. */
  higherPages: number;
  /** Pages in this page's bucket (this one included when counted). */
  bucketPages: number;
}

/**
 * n and k of `cleanerThan` from the histogram instead of a count over the table:
 *
 * ```
 * self = 1 when the page is counted in the histogram, else 0
 * n    = pages − self
 * k    = higherPages + (bucketPages − self) · shareAboveInBucket(bytes, bucket)
 * ```
 * k is exact up to the other pages of the page's own bucket: |k − k_exact| ≤ bucketPages − self.
 * Page weights rank like their per-view CO2e under every website model (each is proportional to
 * bytes), so a bytes histogram is a CO2e histogram.
 */
export function rankInHistogram(p: HistogramPosition): { otherPages: number; otherPagesHigher: number } {
  const self = p.counted ? 1 : 0;
  const others = Math.max(0, p.pages - self);
  const sameBucketOthers = Math.max(0, p.bucketPages - self);
  return {
    otherPages: others,
    otherPagesHigher: Math.min(
      others,
      p.higherPages + sameBucketOthers * shareAboveInBucket(p.bytes, p.bucket),
    ),
  };
}
