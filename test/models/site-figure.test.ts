import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isRankedPage,
  lowerMedian,
  servedSiteFigure,
  siteFigure,
  utcDay,
  windowStartDay,
} from '../../src/models/site-figure.js';

describe('lowerMedian', () => {
  it('is the middle value, or the lower of the two middle values (never their mean)', () => {
    expect(lowerMedian([])).toBeNull();
    expect(lowerMedian([7])).toBe(7);
    expect(lowerMedian([9, 1, 5])).toBe(5);
    expect(lowerMedian([9, 1, 5, 3])).toBe(3);
    expect(lowerMedian([0, 1e9])).toBe(0);
    expect(lowerMedian([1e9, 1_400_000])).toBe(1_400_000);
  });
});

/** A sample as the store hands it over, with the `first_view` the client sent (which counts for nothing). */
const s = (
  bytes: number,
  firstView: boolean | null = null,
  coverage: number | null = null,
  day = 20_000,
) => ({
  bytes,
  firstView,
  coverage,
  day,
});
const HONEST = [1_000_000, 1_100_000, 1_200_000, 1_300_000, 1_400_000];

describe('siteFigure', () => {
  it('is the lower median of every sample, first views or not; clients all samples', () => {
    // bytes 10, 1,000,000, 3,000,000 → 1,000,000; coverages 0.1, 0.7, 0.9 → 0.7
    expect(siteFigure([s(1_000_000, true, 0.9), s(3_000_000, null, 0.7), s(10, false, 0.1)])).toEqual({
      bytes: 1_000_000,
      coverage: 0.7,
      clients: 3,
      dayClients: 3,
    });
    // two: the lower (100), not the mean (200.5); coverage null when no sample gives one
    expect(siteFigure([s(100, false), s(301, false)])).toEqual({
      bytes: 100,
      coverage: null,
      clients: 2,
      dayClients: 2,
    });
    // coverage: the lower median of the samples that give one (0.5 of 0.5 and 0.9)
    expect(siteFigure([s(1, null, 0.9), s(2), s(3, null, 0.5)])).toEqual({
      bytes: 2,
      coverage: 0.5,
      clients: 3,
      dayClients: 3,
    });
    expect(siteFigure([])).toBeNull();
  });

  it('one first view of 1e9 does not set the figure of a page of returning visitors (was 1e9)', () => {
    const returning = HONEST.map((b) => s(b, false));
    // 1.0 1.1 [1.2] 1.3 1.4 1e9 MB: the lower middle of 6 is the 3rd, 1.2 MB
    expect(siteFigure([...returning, s(1e9, true, 1)])?.bytes).toBe(1_200_000);
    expect(siteFigure([s(1e9, true, 1), ...returning])?.bytes).toBe(1_200_000);
  });

  it('half the clients cannot raise it past the honest maximum (was 500.7 MB), only lower it to theirs', () => {
    // 1.0 1.1 1.2 1.3 [1.4] 1e9 ×5 MB: the 5th of 10 (the mean of the middle two was 500,700,000)
    expect(siteFigure([...HONEST.map((b) => s(b)), ...Array(5).fill(s(1e9, true))])?.bytes).toBe(1_400_000);
    // 0 ×5 then 1.0 … 1.4 MB: the 5th of 10 is 0
    expect(siteFigure([...HONEST.map((b) => s(b)), ...Array(5).fill(s(0, true))])?.bytes).toBe(0);
    // fewer than half: 0 ×4 then 1.0 … 1.4 MB, the 5th of 9 is 1.0 MB; 1e9 ×4: the 5th is 1.4 MB
    expect(siteFigure([...HONEST.map((b) => s(b)), ...Array(4).fill(s(0, true))])?.bytes).toBe(1_000_000);
    expect(siteFigure([...HONEST.map((b) => s(b)), ...Array(4).fill(s(1e9, true))])?.bytes).toBe(1_400_000);
  });

  it('dayClients: the most samples of one day (client keys are per day)', () => {
    // one address on 3 days is 3 keys, 1 a day; 2 on day 1, 1 on day 2, 3 on day 3
    expect(siteFigure([s(1, null, null, 1), s(1, null, null, 2), s(1, null, null, 3)])?.dayClients).toBe(1);
    const days = [1, 1, 2, 3, 3, 3].map((day) => s(5, null, null, day));
    expect(siteFigure(days)).toMatchObject({ clients: 6, dayClients: 3 });
  });

  it('one honest majority outvotes any single value', () => {
    const honest = HONEST.map((b) => s(b));
    // six values: the 3rd, 1.1 MB with a 0 among them, 1.2 MB with 1e9
    for (const attack of [0, 1e9])
      expect(siteFigure([...honest, s(attack)])?.bytes).toBe(attack === 0 ? 1_100_000 : 1_200_000);
  });
});

describe('siteFigure against adversarial minorities (property)', () => {
  const flag = fc.constantFrom<boolean | null>(true, false, null);
  const honestSample = fc.record({
    bytes: fc.integer({ min: 0, max: 1e9 }),
    coverage: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    firstView: flag,
    day: fc.integer({ min: 0, max: 29 }),
  });
  const hostileSample = fc.record({
    bytes: fc.oneof(fc.constant(0), fc.constant(1e9), fc.integer({ min: 0, max: 1e9 })),
    coverage: fc.option(fc.constantFrom<number>(0, 1), { nil: null }),
    firstView: flag,
    day: fc.integer({ min: 0, max: 29 }),
  });
  /** Honest samples, the others' samples, and where the others' go among them. */
  const crowd = (others: (honest: number) => number) =>
    fc
      .array(honestSample, { minLength: 1, maxLength: 25 })
      .chain((honest) =>
        fc.tuple(
          fc.constant(honest),
          fc.array(hostileSample, { minLength: others(honest.length), maxLength: others(honest.length) }),
          fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
        ),
      )
      .map(([honest, hostile, order]) => {
        const all = [...honest, ...hostile];
        // a deterministic shuffle of the samples by the generated order
        const shuffled = all
          .map((sample, i) => ({ sample, key: (order[i % order.length] as number) * 64 + i }))
          .sort((a, b) => a.key - b.key)
          .map((x) => x.sample);
        return { honest, hostile, samples: shuffled };
      });
  const range = (values: number[]) => [Math.min(...values), Math.max(...values)] as const;

  it('fewer than half of the clients, whatever their bytes, flags and coverage, stay inside the honest range', () => {
    fc.assert(
      fc.property(
        crowd((h) => h - 1),
        fc.integer({ min: 0, max: 24 }),
        ({ honest, hostile, samples }, drop) => {
          // every size of minority from 0 to h − 1 (the generator gives h − 1; drop some)
          const kept = hostile.slice(0, Math.max(0, hostile.length - drop));
          const all = samples.filter((x) => honest.includes(x) || kept.includes(x));
          const figure = siteFigure(all);
          const [lo, hi] = range(honest.map((x) => x.bytes));
          expect(figure?.bytes).toBeGreaterThanOrEqual(lo);
          expect(figure?.bytes).toBeLessThanOrEqual(hi);
          if (honest.every((x) => x.coverage !== null)) {
            const [clo, chi] = range(honest.map((x) => x.coverage as number));
            expect(figure?.coverage).toBeGreaterThanOrEqual(clo);
            expect(figure?.coverage).toBeLessThanOrEqual(chi);
          }
          expect(figure?.clients).toBe(all.length);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('exactly half of the clients cannot raise it above the honest maximum', () => {
    fc.assert(
      fc.property(
        crowd((h) => h),
        ({ honest, samples }) => {
          expect(siteFigure(samples)?.bytes).toBeLessThanOrEqual(Math.max(...honest.map((x) => x.bytes)));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('isRankedPage', () => {
  it('ranks a page from a field figure of 3 distinct clients of one day', () => {
    expect(isRankedPage({ fieldBytes: 1_000_000, dayClients: 3 })).toBe(true);
    expect(isRankedPage({ fieldBytes: 0, dayClients: 30 })).toBe(true);
    expect(isRankedPage({ fieldBytes: 1_000_000, dayClients: 2 })).toBe(false);
    // a field figure whose samples all left the window, or none at all
    expect(isRankedPage({ fieldBytes: 1_000_000, dayClients: 0 })).toBe(false);
    expect(isRankedPage({ fieldBytes: null, dayClients: 0 })).toBe(false);
  });
});

describe('days', () => {
  it('counts UTC days since 1970 and windows of 30 days', () => {
    expect(utcDay(0)).toBe(0);
    expect(utcDay(Date.parse('2026-05-04T23:59:59.999Z'))).toBe(20577);
    expect(utcDay(Date.parse('2026-05-05T00:00:00.000Z'))).toBe(20578);
    expect(windowStartDay(20578)).toBe(20549);
  });
});

describe('servedSiteFigure', () => {
  it('serves the field figure from 3 clients, else the lab test, else the field figure', () => {
    const page = (fieldBytes: number | null, fieldClients: number, labBytes: number | null) => ({
      fieldBytes,
      fieldClients,
      labBytes,
    });
    expect(servedSiteFigure(page(2_000_000, 3, 900_000))).toEqual({ source: 'field', bytes: 2_000_000 });
    expect(servedSiteFigure(page(2_000_000, 2, 900_000))).toEqual({ source: 'lab', bytes: 900_000 });
    expect(servedSiteFigure(page(null, 0, 900_000))).toEqual({ source: 'lab', bytes: 900_000 });
    // a field figure whose samples all left the window (0 clients) gives way to a lab test
    expect(servedSiteFigure(page(2_000_000, 0, 900_000))).toEqual({ source: 'lab', bytes: 900_000 });
    expect(servedSiteFigure(page(2_000_000, 1, null))).toEqual({ source: 'field', bytes: 2_000_000 });
    expect(servedSiteFigure(page(0, 5, 900_000))).toEqual({ source: 'field', bytes: 0 });
    expect(servedSiteFigure(page(null, 0, null))).toBeNull();
  });
});
