import type { SitePageRecord, SiteStore } from '../factors/site-store.js';
import { utcDay, windowStartDay } from '../models/site-figure.js';

/** What a finished lab test contributes to its page (a lab test's `result`). */
export interface LabResultFigure {
  bytes: number;
  /** When the test finished (ISO 8601). */
  tested_at: string;
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
  });
}
