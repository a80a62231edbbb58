/** Days of field samples a page's figure is computed from (today and the 29 days before). */
export const SITE_WINDOW_DAYS = 30;
/** A page without any accepted measurement for this many days is dropped. */
export const SITE_PAGE_RETENTION_DAYS = 400;
/**
 * Field samples kept per page and UTC day: the ones whose client keys are lowest. Client keys are
 * keyed hashes, so this keeps a uniform random choice of that day's clients (a bottom-k sample) and
 * bounds the rows a figure is computed from to 32 × 30 = 960.
 */
export const SITE_FIELD_SAMPLES_PER_DAY = 32;

/**
 * New pages one client may create per UTC day (measurements of stored pages are not limited by
 * it): bounds what one address adds to the store to 200 pages a day.
 */
export const SITE_NEW_PAGES_PER_CLIENT_DAY = 200;

const MS_PER_DAY = 86_400_000;

/** UTC day number of an instant: whole days since 1970-01-01. */
export function utcDay(epochMs: number): number {
  return Math.floor(epochMs / MS_PER_DAY);
}

/** First UTC day of the window ending on `today`. */
export function windowStartDay(today: number): number {
  return today - SITE_WINDOW_DAYS + 1;
}

/**
 * Median of a list: the middle value, or the mean of the two middle values of an even count.
 * Null for an empty list. (The store computes the same in SQL; this is its reference.)
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = (sorted.length - 1) >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid] as number) + (sorted[mid + 1] as number)) / 2;
}

/** One field sample as the figure needs it. */
export interface FigureSample {
  bytes: number;
  coverage: number | null;
  firstView: boolean | null;
}

/**
 * A page's served figure from its field samples of the window:
 *
 * ```
 * S        = samples whose first_view is not false (every sample when none is)
 * bytes    = round(median(bytes of S))
 * coverage = median(coverage of S, where given)      null when none is given
 * clients  = number of samples (one per client key and day)
 * ```
 * Null when there is no sample.
 */
export function siteFigure(
  samples: readonly FigureSample[],
): { bytes: number; coverage: number | null; clients: number } | null {
  if (samples.length === 0) return null;
  const firstViews = samples.filter((s) => s.firstView !== false);
  const set = firstViews.length > 0 ? firstViews : samples;
  const coverages = set.flatMap((s) => (s.coverage === null ? [] : [s.coverage]));
  return {
    bytes: Math.round(median(set.map((s) => s.bytes)) as number),
    coverage: median(coverages),
    clients: samples.length,
  };
}

/** Where a page's served figure comes from: its visitors (`field`) or a lab test (`lab`). */
export const SITE_SOURCES = ['field', 'lab'] as const;
export type SiteSource = (typeof SITE_SOURCES)[number];

/** Field clients in the window from which the field figure is served rather than a lab test. */
export const SITE_FIELD_CLIENTS_OVER_LAB = 3;

/** What a page holds: its field figure (null: none), the clients of the window, its latest lab test. */
export interface SiteFigures {
  fieldBytes: number | null;
  fieldClients: number;
  labBytes: number | null;
}

/**
 * The figure a page serves (docs/methodology.md §7):
 *
 * ```
 * source = field   when fieldClients ≥ 3
 *          lab     else, when the page has a lab test
 *          field   else, when it has a field figure
 * bytes  = that source's figure
 * ```
 * Null when the page has neither figure.
 */
export function servedSiteFigure(page: SiteFigures): { source: SiteSource; bytes: number } | null {
  if (page.fieldBytes !== null && page.fieldClients >= SITE_FIELD_CLIENTS_OVER_LAB)
    return { source: 'field', bytes: page.fieldBytes };
  if (page.labBytes !== null) return { source: 'lab', bytes: page.labBytes };
  if (page.fieldBytes !== null) return { source: 'field', bytes: page.fieldBytes };
  return null;
}
