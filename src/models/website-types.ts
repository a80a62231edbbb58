import type { Footprint } from './estimate.js';

/**
 * The types every website model shares (website.ts dispatches to the models, which only need
 * these: no model imports website.ts).
 */

/** The website models, as named in the HTTP contract. */
export type WebsiteModel = 'swd-v4' | 'swd-v3' | 'onebyte';
export const WEBSITE_MODELS: readonly WebsiteModel[] = ['swd-v4', 'swd-v3', 'onebyte'];

/** One value per SWD system segment (named as CO2.js's `gridIntensity` option). */
export interface SegmentValues<T> {
  dataCenter: T;
  network: T;
  device: T;
}

/** What one page view transfers and how it is cached. Ratios in [0,1] (validated by the caller). */
export interface WebsiteViewInput {
  /** Transfer size of one page view, bytes. */
  bytes: number;
  greenHosting: boolean;
  /** Share of data-centre operational emissions removed by green hosting (swd-v4; default 0). */
  greenHostingFactor?: number;
  /** Default: 1 (swd-v4), 0.75 (swd-v3). */
  firstVisitRatio?: number;
  /** Default: 0 (swd-v4), 0.25 (swd-v3). */
  returnVisitRatio?: number;
  /** Default: 0 (swd-v4), 0.02 (swd-v3). */
  dataReloadRatio?: number;
}

/** CO2e of one segment of a page view, grams. */
export interface WebsiteSegment {
  operational_co2e_g: number;
  embodied_co2e_g: number;
}

/** Segments of one page view; they add up to `per_view.co2e_g`. `production` only for swd-v3. */
export interface WebsiteSegments {
  data_center: WebsiteSegment;
  network: WebsiteSegment;
  user_device: WebsiteSegment;
  production?: WebsiteSegment;
}

/** One page view evaluated with every factor at one bound. */
export interface WebsiteView extends Footprint {
  segments: WebsiteSegments;
  /** swd-v3 only: the energy of hardware production (not in `energy_kwh`). */
  production_energy_kwh?: number;
}
