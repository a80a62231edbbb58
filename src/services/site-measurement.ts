import type { Catalog } from '../factors/catalog.js';
import type { SitePageRecord, SiteStore } from '../factors/site-store.js';
import { cleanerThan } from '../models/cleaner-than.js';
import { rankInHistogram } from '../models/site-buckets.js';
import {
  SITE_NEW_PAGES_PER_CLIENT_DAY,
  SITE_WINDOW_DAYS,
  type SiteSource,
  servedSiteFigure,
  utcDay,
  windowStartDay,
} from '../models/site-figure.js';
import type { WebsiteModel } from '../models/website.js';
import type { WebsiteRating } from '../models/website-rating.js';
import { siteClientKey } from './site-client-key.js';
import { LAB_CAPPED_COVERAGE } from './site-lab-result.js';
import { estimateWebsite } from './website-estimate.js';

/** `POST /v1/sites/measurements`, with `url` already normalised. */
export interface SiteMeasurementRequest {
  url: string;
  bytes: number;
  coverage?: number | undefined;
  first_view?: boolean | undefined;
}

/** The field figure of a page: lower median of its field samples of the window, one per client. */
export interface SiteFieldFigure {
  bytes: number;
  /** Lower median share of the page's resources whose size the widget could read (null: not given). */
  coverage: number | null;
  /** Field samples in the window: one per client and day. */
  clients: number;
}

/** The lab figure of a page: its latest lab test. */
export interface SiteLabFigure {
  bytes: number;
  /** When the test finished (ISO 8601). */
  tested_at: string;
  /** The test stopped at the byte cap: `bytes` is a lower bound. */
  bytes_capped: boolean;
}

/** A stored page as the API answers it. */
export interface SiteView {
  url: string;
  bytes: number;
  model: WebsiteModel;
  co2e_g: number;
  rating: WebsiteRating | null;
  cleaner_than: number;
  measured_at: string;
  measurements: number;
  source: SiteSource;
  coverage: number | null;
  clients: number;
  window_days: number;
  field?: SiteFieldFigure;
  lab?: SiteLabFigure;
}

/** A page answer and what names its state (for ETags). */
export interface SiteAnswer {
  site: SiteView;
  /** Row id, version and figure version of the page: together they change whenever the answer may. */
  pageId: number;
  version: string;
}

/**
 * The answer for a stored page under `model`, from its served figure (field or lab,
 * servedSiteFigure); null when the page has no figure yet. `coverage` is the served source's:
 * the field median, or 1 for a lab test (the browser sees every response) and LAB_CAPPED_COVERAGE
 * for one stopped at the byte cap (a lower bound).
 */
export function siteAnswerOf(catalog: Catalog, page: SitePageRecord, model: WebsiteModel): SiteAnswer | null {
  const served = servedSiteFigure(page);
  if (served === null || page.bucket === null) return null;
  const { bytes, source } = served;
  const labCapped = page.labCoverage !== null && page.labCoverage < 1;
  const estimate = estimateWebsite(catalog, { bytes, model });
  const rank = rankInHistogram({
    bytes,
    bucket: page.bucket,
    counted: page.ranked,
    pages: page.distributionPages,
    higherPages: page.higherPages,
    bucketPages: page.bucketPages,
  });
  const site: SiteView = {
    url: page.url,
    bytes,
    model,
    co2e_g: estimate.per_view.co2e_g,
    rating: estimate.rating,
    cleaner_than: cleanerThan({ bytes, ...rank }),
    measured_at: page.measuredAt,
    measurements: page.measurements,
    source,
    coverage: source === 'lab' ? (labCapped ? LAB_CAPPED_COVERAGE : 1) : page.fieldCoverage,
    clients: page.fieldClients,
    window_days: SITE_WINDOW_DAYS,
  };
  if (page.fieldBytes !== null)
    site.field = { bytes: page.fieldBytes, coverage: page.fieldCoverage, clients: page.fieldClients };
  if (page.labBytes !== null && page.labTestedAt !== null)
    site.lab = { bytes: page.labBytes, tested_at: page.labTestedAt, bytes_capped: labCapped };
  return { pageId: page.id, version: `${page.version}.${page.figureVersion}`, site };
}

/** Who measured, as the edge sees it: the rate limiter's key of the client address. */
export interface MeasurementClient {
  rateLimitKey: string;
  /** HMAC secret of the client keys (SITE_KEY_SECRET, else the one kept in the store). */
  secret: string;
}

/**
 * Records a field measurement as a sample of the page (one per client and day: a later one that
 * day replaces the client's own) and answers the page's recomputed figure under swd-v4.
 * `created` is true when the URL was not stored before. Null when the URL is new and the client
 * has created its 200 new pages of the day: nothing is stored.
 */
export async function recordSiteMeasurement(
  catalog: Catalog,
  store: SiteStore,
  req: SiteMeasurementRequest,
  client: MeasurementClient,
  now: Date,
): Promise<{ created: boolean; answer: SiteAnswer } | null> {
  const day = utcDay(now.getTime());
  const stored = await store.recordField({
    url: req.url,
    bytes: req.bytes,
    coverage: req.coverage ?? null,
    firstView: req.first_view ?? null,
    client: await siteClientKey(client.secret, client.rateLimitKey, day),
    day,
    windowStartDay: windowStartDay(day),
    newPagesPerDay: SITE_NEW_PAGES_PER_CLIENT_DAY,
    measuredAt: now.toISOString(),
  });
  if (!stored) return null;
  const { page, created } = stored;
  const answer = siteAnswerOf(catalog, page, 'swd-v4');
  if (!answer) throw new Error('a page without a figure after a field measurement');
  return { created, answer };
}

/** A stored page under `model`, or null when the URL is unknown (or has no figure). */
export async function readSite(
  catalog: Catalog,
  store: SiteStore,
  url: string,
  model: WebsiteModel,
): Promise<SiteAnswer | null> {
  const page = await store.find(url);
  return page ? siteAnswerOf(catalog, page, model) : null;
}
