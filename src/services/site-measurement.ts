import type { Catalog } from '../factors/catalog.js';
import type { SiteRanking, SiteRecord, SiteStore } from '../factors/site-store.js';
import { cleanerThan } from '../models/cleaner-than.js';
import type { WebsiteModel } from '../models/website.js';
import type { WebsiteRating } from '../models/website-rating.js';
import { estimateWebsite } from './website-estimate.js';

/** `POST /v1/sites/measurements`, with `url` already normalised. */
export interface SiteMeasurementRequest {
  url: string;
  bytes: number;
  model?: WebsiteModel | undefined;
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
}

function viewOf(row: SiteRecord, ranking: SiteRanking): SiteView {
  return {
    url: row.url,
    bytes: row.bytes,
    model: row.model as WebsiteModel,
    co2e_g: row.co2eG,
    rating: row.rating as WebsiteRating | null,
    cleaner_than: cleanerThan({ bytes: row.bytes, ...ranking }),
    measured_at: row.measuredAt,
    measurements: row.measurements,
  };
}

/**
 * Records a page's measured weight: its per-view estimate (the same as
 * `GET /v1/estimates/website?bytes=…&model=…`) replaces the stored one and the counter grows.
 * The ranking is read before the write (it excludes the page itself), so a failed read
 * writes nothing. `created` is true when the URL was not stored before.
 */
export async function recordSiteMeasurement(
  catalog: Catalog,
  store: SiteStore,
  req: SiteMeasurementRequest,
  now: Date,
): Promise<{ created: boolean; site: SiteView }> {
  const model = req.model ?? 'swd-v4';
  const estimate = estimateWebsite(catalog, { bytes: req.bytes, model });
  const co2eG = estimate.per_view.co2e_g;
  const ranking = await store.ranking(req.url, co2eG);
  const row = await store.record({
    url: req.url,
    bytes: req.bytes,
    model,
    co2eG,
    rating: estimate.rating,
    measuredAt: now.toISOString(),
  });
  return { created: row.measurements === 1, site: viewOf(row, ranking) };
}

/** A stored page with `cleaner_than` recomputed now, or null when the URL is unknown. */
export async function readSite(store: SiteStore, url: string): Promise<SiteView | null> {
  const row = await store.find(url);
  return row ? viewOf(row, row) : null;
}
