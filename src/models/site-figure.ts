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
 * Lower median of a list: its middle value, and for an even count the lower of its two middle
 * values (never their mean). Null for an empty list.
 *
 * ```
 * lowerMedian(x₁ ≤ … ≤ xₙ) = x₍⌈n/2⌉₎
 * ```
 * Why the lower middle: with h honest values and a < h others (a < n/2), at least one honest value
 * is ≤ x₍⌈n/2⌉₎ (⌈n/2⌉ > a values are) and at least one is ≥ it (⌊n/2⌋ + 1 > a values are), so the
 * others cannot move it outside the range of the honest values, whatever they send. A mean of the
 * two middle values can be moved anywhere by half of them: (1.4 MB + 1e9) / 2 = 500.7 MB. With
 * exactly half, the others can pull it down to their own values, never up past the honest maximum.
 */
export function lowerMedian(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1] as number;
}

/** One field sample as the figure needs it (one per client key: one client, one day). */
export interface FigureSample {
  bytes: number;
  coverage: number | null;
  /** UTC day number of the sample: client keys change every day, so only one day's are known distinct. */
  day: number;
}

/**
 * A page's field figure from its field samples of the window, one per client key:
 *
 * ```
 * bytes    = lowerMedian(bytes of every sample)
 * coverage = lowerMedian(coverage of every sample that gives one)      null when none does
 * clients  = number of samples (one per client key and day)
 * dayClients = the most samples of one UTC day (clients known to be distinct addresses)
 * ```
 * Every sample counts, whatever its `first_view`: a selection by a flag the client sets (first
 * views only, or the side the majority of samples is on) lets a minority that sends the flag be
 * most of the samples that count. One hostile `first_view: true` sample against repeat-view
 * visitors set the figure alone; no rule choosing by the flag keeps the minority bound (for an odd
 * count, the median of every value is the only figure inside the honest range whichever minority
 * lied). Repeat views count cached resources at their encoded body size, the size a first view
 * transfers (docs/badge.md), so they measure the same page weight. Null when there is no sample.
 */
export function siteFigure(
  samples: readonly FigureSample[],
): { bytes: number; coverage: number | null; clients: number; dayClients: number } | null {
  if (samples.length === 0) return null;
  const coverages = samples.flatMap((s) => (s.coverage === null ? [] : [s.coverage]));
  const perDay = new Map<number, number>();
  for (const s of samples) perDay.set(s.day, (perDay.get(s.day) ?? 0) + 1);
  return {
    bytes: Math.round(lowerMedian(samples.map((s) => s.bytes)) as number),
    coverage: lowerMedian(coverages),
    clients: samples.length,
    dayClients: Math.max(...perDay.values()),
  };
}

/** Where a page's served figure comes from: its visitors (`field`) or a lab test (`lab`). */
export const SITE_SOURCES = ['field', 'lab'] as const;
export type SiteSource = (typeof SITE_SOURCES)[number];

/** Field clients in the window from which the field figure is served rather than a lab test. */
export const SITE_FIELD_CLIENTS_OVER_LAB = 3;

/**
 * Distinct clients from which a page is ranked: counted in the page-weight distribution that
 * `cleaner_than` reads. They must be clients of one UTC day of the window: client keys change
 * every day, so one address measuring its own page on three days holds three keys, while three
 * keys of one day are three addresses (IPv4, or IPv6 /64). A page that is not ranked (fewer
 * clients, or only a lab test) still gets its own `cleaner_than`, but moves nobody else's: one
 * client's new pages are never ranked, on any number of days.
 */
export const SITE_RANKED_MIN_CLIENTS = 3;

/**
 * Whether a page is ranked: it has a field figure, and at least 3 distinct clients measured it on
 * one UTC day of the window (`dayClients` of siteFigure).
 */
export function isRankedPage(page: { fieldBytes: number | null; dayClients: number }): boolean {
  return page.fieldBytes !== null && page.dayClients >= SITE_RANKED_MIN_CLIENTS;
}

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
