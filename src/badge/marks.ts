/** A figure whose median coverage is below this is shown as a lower bound ("≥"). */
export const LOWER_BOUND_COVERAGE = 0.8;
/** A figure from fewer field samples than this in the window is marked "few samples". */
export const FEW_SAMPLES_BELOW = 3;

/** What a page's badge marks, from its coverage (null: unknown), its samples and its source. */
export interface SiteMarks {
  lowerBound: boolean;
  fewSamples: boolean;
}

/**
 * The marks of a page's served figure (shared by the SVG badge and the widget). A lab figure
 * (`source: "lab"`) is never "few samples": it is one complete measurement, not a median of visits.
 */
export function siteMarks(
  coverage: number | null | undefined,
  clients: number,
  source: string | undefined = 'field',
): SiteMarks {
  return {
    lowerBound: typeof coverage === 'number' && coverage < LOWER_BOUND_COVERAGE,
    fewSamples: source !== 'lab' && clients < FEW_SAMPLES_BELOW,
  };
}
