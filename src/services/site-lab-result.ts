import type { SitePageRecord, SiteStore } from '../factors/site-store.js';
import { utcDay, windowStartDay } from '../models/site-figure.js';

/**
 * The coverage of a lab figure stopped at the byte cap: the test saw an unknown share of the page,
 * so its figure is a lower bound (under 0.8), as a widget measurement whose resource list overflowed
 * (src/badge/browser/widget.ts) is at most 0.5.
 */
export const LAB_CAPPED_COVERAGE = 0.5;

/** What a finished lab test contributes to its page (a lab test's `result`). */
export interface LabResultFigure {
  bytes: number;
  /** When the test finished (ISO 8601). */
  tested_at: string;
  /** The test stopped at the byte cap: `bytes` is a lower bound (absent: false). */
  bytes_capped?: boolean;
}

/**
 * Keeps a finished lab test as the `lab` sample of its page for the test's UTC day (a later test
 * that day replaces it) and recomputes the page's served figure; creates the page when the URL
 * was never measured. `url` is the test's, normalised like a measurement's.
 */
export function recordSiteLabResult(
  store: SiteStore,
  url: string,
  result: LabResultFigure,
): Promise<SitePageRecord> {
  const day = utcDay(Date.parse(result.tested_at));
  return store.recordLab({
    url,
    bytes: result.bytes,
    day,
    windowStartDay: windowStartDay(day),
    testedAt: result.tested_at,
    coverage: result.bytes_capped === true ? LAB_CAPPED_COVERAGE : 1,
  });
}
