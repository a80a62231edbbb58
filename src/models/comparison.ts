/** One option against the baseline (the first option). */
export interface BaselineDelta {
  delta_co2e_g: number;
  /** Percent of the baseline (−50 = half the baseline's CO2e); null when the baseline is 0. */
  delta_pct: number | null;
}

/**
 * Deltas of every option against the first one, and the ranking: option indexes from the lowest
 * CO2e to the highest, ties in the given order (a stable sort).
 */
export function compareToBaseline(co2eG: readonly number[]): { deltas: BaselineDelta[]; ranking: number[] } {
  const baseline = co2eG[0] ?? 0;
  const deltas = co2eG.map((value) => {
    const delta = value - baseline;
    return { delta_co2e_g: delta, delta_pct: baseline === 0 ? null : (delta / baseline) * 100 };
  });
  const ranking = co2eG.map((_, i) => i).sort((a, b) => (co2eG[a] as number) - (co2eG[b] as number));
  return { deltas, ranking };
}
