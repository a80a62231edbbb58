import type { WebsiteModel } from './website-types.js';

/** Sustainable Web Design digital carbon rating, best to worst. */
export type WebsiteRating = 'A+' | 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

/** Upper bound (inclusive) of a rating, gCO2e per page view. */
export interface RatingThreshold {
  rating: Exclude<WebsiteRating, 'F'>;
  maxCo2eG: number;
}

/** SWD v4 rating thresholds, gCO2e per view (CO2.js `SWDMV4_RATINGS`); above the last → F. */
export const SWD_V4_RATING_THRESHOLDS: readonly RatingThreshold[] = [
  { rating: 'A+', maxCo2eG: 0.04 },
  { rating: 'A', maxCo2eG: 0.079 },
  { rating: 'B', maxCo2eG: 0.145 },
  { rating: 'C', maxCo2eG: 0.209 },
  { rating: 'D', maxCo2eG: 0.278 },
  { rating: 'E', maxCo2eG: 0.359 },
];

/** SWD v3 rating thresholds, gCO2e per view (CO2.js `SWDMV3_RATINGS`); above the last → F. */
export const SWD_V3_RATING_THRESHOLDS: readonly RatingThreshold[] = [
  { rating: 'A+', maxCo2eG: 0.095 },
  { rating: 'A', maxCo2eG: 0.186 },
  { rating: 'B', maxCo2eG: 0.341 },
  { rating: 'C', maxCo2eG: 0.493 },
  { rating: 'D', maxCo2eG: 0.656 },
  { rating: 'E', maxCo2eG: 0.846 },
];

/**
 * Rating of one page view's emissions: the first threshold with `co2e_g ≤ max`, else F
 * (CO2.js `outputRating`, inclusive bounds). OneByte has no rating scale → null.
 *
 * @see https://sustainablewebdesign.org/digital-carbon-ratings/
 * @see https://github.com/thegreenwebfoundation/co2.js/blob/main/src/helpers/index.js
 */
export function websiteRating(co2eG: number, model: WebsiteModel): WebsiteRating | null {
  if (model === 'onebyte') return null;
  const thresholds = model === 'swd-v3' ? SWD_V3_RATING_THRESHOLDS : SWD_V4_RATING_THRESHOLDS;
  for (const t of thresholds) {
    if (co2eG <= t.maxCo2eG) return t.rating;
  }
  return 'F';
}
