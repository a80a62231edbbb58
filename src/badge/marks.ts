/** A figure whose median coverage is below this is shown as a lower bound ("≥"). */
export const LOWER_BOUND_COVERAGE = 0.8;
/** A figure from fewer field samples than this in the window is marked "few samples". */
export const FEW_SAMPLES_BELOW = 3;

/** What a page's badge marks, from its median coverage (null: unknown) and its samples. */
export interface SiteMarks {
  lowerBound: boolean;
  fewSamples: boolean;
}

/** The marks of a page's figure (shared by the SVG badge and the widget). */
export function siteMarks(coverage: number | null | undefined, clients: number): SiteMarks {
  return {
    lowerBound: typeof coverage === 'number' && coverage < LOWER_BOUND_COVERAGE,
    fewSamples: clients < FEW_SAMPLES_BELOW,
  };
}
