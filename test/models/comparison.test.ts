import { describe, expect, it } from 'vitest';
import { compareToBaseline } from '../../src/models/comparison.js';

describe('compareToBaseline', () => {
  it('gives deltas against the first option, in grams and percent', () => {
    const { deltas } = compareToBaseline([200, 50, 300]);
    expect(deltas).toEqual([
      { delta_co2e_g: 0, delta_pct: 0 },
      { delta_co2e_g: -150, delta_pct: -75 },
      { delta_co2e_g: 100, delta_pct: 50 },
    ]);
  });

  it('ranks lowest first and keeps request order on ties', () => {
    expect(compareToBaseline([3, 1, 2, 1, 3]).ranking).toEqual([1, 3, 2, 0, 4]);
    expect(compareToBaseline([5, 5, 5]).ranking).toEqual([0, 1, 2]);
  });

  it('has no percent when the baseline is 0', () => {
    const { deltas } = compareToBaseline([0, 2]);
    expect(deltas).toEqual([
      { delta_co2e_g: 0, delta_pct: null },
      { delta_co2e_g: 2, delta_pct: null },
    ]);
  });
});
