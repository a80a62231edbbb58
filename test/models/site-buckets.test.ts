import { describe, expect, it } from 'vitest';
import { cleanerThan, countStrictlyHigher } from '../../src/models/cleaner-than.js';
import {
  rankInHistogram,
  SITE_BUCKET_COUNT,
  shareAboveInBucket,
  siteBucketEdgeBytes,
  siteBucketOf,
} from '../../src/models/site-buckets.js';
import { mulberry32 } from '../helpers/co2js.js';

describe('page-weight buckets', () => {
  it('are 1,201: [0, 1000), then 200 log-spaced per decade up to 1e9, strictly increasing', () => {
    expect(SITE_BUCKET_COUNT).toBe(1201);
    expect(siteBucketEdgeBytes(0)).toBe(0);
    expect(siteBucketEdgeBytes(1)).toBe(1000);
    expect(siteBucketEdgeBytes(201)).toBe(10_000);
    expect(siteBucketEdgeBytes(1001)).toBe(100_000_000);
    expect(siteBucketEdgeBytes(1201)).toBe(1e9);
    for (let i = 1; i <= SITE_BUCKET_COUNT; i++) {
      const ratio = siteBucketEdgeBytes(i + 1) / siteBucketEdgeBytes(i);
      expect(ratio, `bucket ${i}`).toBeGreaterThan(1.01);
      expect(ratio, `bucket ${i}`).toBeLessThan(1.013); // 10^(1/200) = 1.01158, ± rounding
    }
  });

  it('place a weight in the bucket whose edges hold it', () => {
    expect(siteBucketOf(0)).toBe(0);
    expect(siteBucketOf(999)).toBe(0);
    expect(siteBucketOf(1000)).toBe(1);
    expect(siteBucketOf(1011)).toBe(1);
    expect(siteBucketOf(1012)).toBe(2);
    expect(siteBucketOf(1e9)).toBe(1200);
    const random = mulberry32(7);
    for (let n = 0; n < 2000; n++) {
      const bytes = Math.round(10 ** (random() * 9));
      const b = siteBucketOf(bytes);
      expect(siteBucketEdgeBytes(b)).toBeLessThanOrEqual(bytes);
      if (b < SITE_BUCKET_COUNT - 1) expect(siteBucketEdgeBytes(b + 1)).toBeGreaterThan(bytes);
    }
  });

  it('spread a bucket evenly: the share above runs from 1 at its lower edge to 0 at its upper edge', () => {
    expect(shareAboveInBucket(0, 0)).toBe(1);
    expect(shareAboveInBucket(250, 0)).toBe(0.75);
    expect(shareAboveInBucket(1000, 1)).toBe(1);
    expect(shareAboveInBucket(1012, 1)).toBe(0);
    // the geometric middle of [1000, 1012) is half-way in log space
    expect(shareAboveInBucket(Math.sqrt(1000 * 1012), 1)).toBeCloseTo(0.5, 12);
    expect(shareAboveInBucket(1e9, 1200)).toBe(0);
  });
});

describe('rankInHistogram against an exact count', () => {
  /** A histogram of `weights` and, for each page, the estimate next to the exact count. */
  function compare(weights: number[]) {
    const counts = new Array<number>(SITE_BUCKET_COUNT).fill(0);
    for (const w of weights) counts[siteBucketOf(w)] = (counts[siteBucketOf(w)] ?? 0) + 1;
    const above = new Array<number>(SITE_BUCKET_COUNT + 1).fill(0);
    for (let b = SITE_BUCKET_COUNT - 1; b >= 0; b--) above[b] = (above[b + 1] ?? 0) + (counts[b + 1] ?? 0);
    return weights.map((bytes, i) => {
      const bucket = siteBucketOf(bytes);
      const estimate = rankInHistogram({
        bytes,
        bucket,
        counted: true,
        pages: weights.length,
        higherPages: above[bucket] as number,
        bucketPages: counts[bucket] as number,
      });
      const others = weights.filter((_, j) => j !== i);
      return {
        bytes,
        bucketPages: counts[bucket] as number,
        estimate,
        exact: countStrictlyHigher(bytes, others),
      };
    });
  }

  it('is exact up to the pages of the own bucket, and close on average (5,000 log-normal pages)', () => {
    const random = mulberry32(2024);
    const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const weights = Array.from({ length: 5000 }, () =>
      Math.min(1e9, Math.round(Math.exp(Math.log(2_366_464) + 0.91 * gauss()))),
    );
    const rows = compare(weights);
    let worstBucketShare = 0;
    let sumError = 0;
    for (const r of rows) {
      expect(r.estimate.otherPages).toBe(4999);
      expect(Math.abs(r.estimate.otherPagesHigher - r.exact)).toBeLessThanOrEqual(r.bucketPages - 1);
      worstBucketShare = Math.max(worstBucketShare, r.bucketPages / 5000);
      sumError += Math.abs(r.estimate.otherPagesHigher - r.exact);
      // cleaner_than (n ≥ 1000: the empirical share alone) within one bucket's share, plus rounding
      const shown = cleanerThan({ bytes: r.bytes, ...r.estimate });
      const exact = cleanerThan({ bytes: r.bytes, otherPages: 4999, otherPagesHigher: r.exact });
      expect(Math.abs(shown - exact)).toBeLessThanOrEqual((r.bucketPages - 1) / 4999 + 0.01 + 1e-9);
    }
    console.log(
      `histogram rank on 5,000 log-normal pages: mean |k − k_exact| = ${(sumError / 5000).toFixed(2)} pages, ` +
        `largest bucket ${(worstBucketShare * 100).toFixed(2)} % of the pages`,
    );
    expect(sumError / 5000).toBeLessThan(3);
  });

  it('counts ties as not higher only within the bucket error (and exactly across buckets)', () => {
    const rows = compare([1_000_000, 1_000_000, 1_000_000, 2_000_000, 500_000]);
    const tie = rows[0] as (typeof rows)[number];
    expect(tie.exact).toBe(1);
    // two other pages of the same weight in the bucket, the one of 2 MB above it
    expect(tie.estimate.otherPagesHigher).toBeGreaterThanOrEqual(1);
    expect(tie.estimate.otherPagesHigher).toBeLessThanOrEqual(3);
    expect((rows[3] as (typeof rows)[number]).estimate.otherPagesHigher).toBe(0);
    expect((rows[4] as (typeof rows)[number]).estimate.otherPagesHigher).toBe(4);
  });

  it('alone in the histogram: n = 0, k = 0', () => {
    expect(
      rankInHistogram({
        bytes: 5000,
        bucket: siteBucketOf(5000),
        counted: true,
        pages: 1,
        higherPages: 0,
        bucketPages: 1,
      }),
    ).toEqual({ otherPages: 0, otherPagesHigher: 0 });
  });

  it('a page not counted (not ranked) ranks against every counted page, its own bucket whole', () => {
    // 10 counted pages, 3 above the bucket, 4 in it; a weight at the bucket's geometric middle
    // (log-share 0.5 of the bucket above it): k = 3 + 4 × 0.5 = 5 of n = 10
    const bucket = 700;
    const middle = Math.sqrt(siteBucketEdgeBytes(bucket) * siteBucketEdgeBytes(bucket + 1));
    const at = { bytes: middle, bucket, pages: 10, higherPages: 3, bucketPages: 4 };
    const notCounted = rankInHistogram({ ...at, counted: false });
    expect(notCounted.otherPages).toBe(10);
    expect(notCounted.otherPagesHigher).toBeCloseTo(5, 9);
    // counted, the page itself is one of the 10 and of the bucket's 4: n = 9, k = 3 + 3 × 0.5 = 4.5
    const counted = rankInHistogram({ ...at, counted: true });
    expect(counted.otherPages).toBe(9);
    expect(counted.otherPagesHigher).toBeCloseTo(4.5, 9);
    // an empty histogram: nothing to rank against
    expect(
      rankInHistogram({ bytes: 5000, bucket: 1, counted: false, pages: 0, higherPages: 0, bucketPages: 0 }),
    ).toEqual({ otherPages: 0, otherPagesHigher: 0 });
  });
});
