import { describe, expect, it } from 'vitest';
import {
  cleanerThan,
  countStrictlyHigher,
  erfc,
  referenceCleanerThan,
  standardNormalCdf,
} from '../../src/models/cleaner-than.js';
import { expectRel } from '../helpers/numbers.js';

describe('standardNormalCdf (Cody erfc)', () => {
  it('matches known values to ~1e-15', () => {
    expect(standardNormalCdf(0)).toBe(0.5);
    expectRel(standardNormalCdf(1), 0.8413447460685429, 1e-15);
    expectRel(standardNormalCdf(-1.96), 0.024997895148220435, 1e-15);
    expectRel(standardNormalCdf(3), 0.9986501019683699, 1e-15);
    // far tails (values from mpmath, 40 digits)
    expectRel(standardNormalCdf(-5), 2.866515718791939e-7, 1e-14);
    expectRel(standardNormalCdf(-8), 6.220960574271784e-16, 1e-13);
  });

  it('erfc across its three intervals and for negative arguments', () => {
    // erfc(0.3) (first interval), erfc(2) (second), erfc(5) (third), erfc(-1) = 2 − erfc(1)
    expectRel(erfc(0.3), 0.6713732405408726, 1e-15);
    expectRel(erfc(2), 0.004677734981047266, 1e-15);
    expectRel(erfc(5), 1.537459794428035e-12, 1e-15);
    expectRel(erfc(-1), 1.8427007929497148, 1e-15);
    expect(erfc(30)).toBe(0);
    expect(erfc(-30)).toBe(2);
  });
});

describe('referenceCleanerThan', () => {
  it('is 0.5 at the median page weight and 1 at 0 bytes', () => {
    expect(referenceCleanerThan(2_366_464)).toBe(0.5);
    expect(referenceCleanerThan(0)).toBe(1);
  });

  it('log-normal tail at other weights', () => {
    // 1e6 bytes: z = ln(1e6 / 2366464) / 0.91 = −0.9465899537…, 1 − Φ(z) = 0.8280761174299452
    expectRel(referenceCleanerThan(1e6), 0.8280761174299452, 1e-13);
    // 1e7 bytes: z = 1.5837233352…, 1 − Φ(z) = 0.05662834605361455
    expectRel(referenceCleanerThan(1e7), 0.05662834605361455, 1e-13);
  });
});

describe('cleanerThan', () => {
  const median = 2_366_464;

  it('no other page: the reference alone', () => {
    expect(cleanerThan({ bytes: median, otherPages: 0, otherPagesHigher: 0 })).toBe(0.5);
    expect(cleanerThan({ bytes: 0, otherPages: 0, otherPagesHigher: 0 })).toBe(1);
    expect(cleanerThan({ bytes: 1e6, otherPages: 0, otherPagesHigher: 0 })).toBe(0.83);
    expect(cleanerThan({ bytes: 1e7, otherPages: 0, otherPagesHigher: 0 })).toBe(0.06);
  });

  it('weights the empirical share by min(n, 1000) / 1000', () => {
    // n = 500: w = 0.5 → 0.5 · 400/500 + 0.5 · 0.5 = 0.4 + 0.25 = 0.65
    expect(cleanerThan({ bytes: median, otherPages: 500, otherPagesHigher: 400 })).toBe(0.65);
    // n = 1000: w = 1 → 300/1000 = 0.3
    expect(cleanerThan({ bytes: median, otherPages: 1000, otherPagesHigher: 300 })).toBe(0.3);
    // n = 5000: w capped at 1 → 1000/5000 = 0.2
    expect(cleanerThan({ bytes: median, otherPages: 5000, otherPagesHigher: 1000 })).toBe(0.2);
    // n = 100: w = 0.1 → 0.1 · 0 + 0.9 · 0.5 = 0.45
    expect(cleanerThan({ bytes: median, otherPages: 100, otherPagesHigher: 0 })).toBe(0.45);
    // bytes 1e6, n = 250: 0.25 · 1 + 0.75 · 0.8280761174 = 0.25 + 0.6210570881 = 0.871… → 0.87
    expect(cleanerThan({ bytes: 1e6, otherPages: 250, otherPagesHigher: 250 })).toBe(0.87);
  });

  it('rounds to 2 decimals', () => {
    // 334/1000 = 0.334 → 0.33; 336/1000 = 0.336 → 0.34; 1 and 0 stay
    expect(cleanerThan({ bytes: median, otherPages: 1000, otherPagesHigher: 334 })).toBe(0.33);
    expect(cleanerThan({ bytes: median, otherPages: 1000, otherPagesHigher: 336 })).toBe(0.34);
    expect(cleanerThan({ bytes: median, otherPages: 1000, otherPagesHigher: 1000 })).toBe(1);
    expect(cleanerThan({ bytes: median, otherPages: 1000, otherPagesHigher: 0 })).toBe(0);
  });

  it('countStrictlyHigher ignores ties', () => {
    expect(countStrictlyHigher(0.2, [0.1, 0.2, 0.3, 0.25, 0.2])).toBe(2);
    expect(countStrictlyHigher(0.2, [])).toBe(0);
  });
});
