import type { Footprint, Methodology } from './estimate.js';
import type { Bound, Ranged } from './factor.js';
import { onebytePerView } from './website-onebyte.js';
import { type WebsiteRating, websiteRating } from './website-rating.js';
import { SWD_V3_GLOBAL_GRID_G_PER_KWH, swdV3PerView } from './website-swd-v3.js';
import { SWD_GLOBAL_GRID_G_PER_KWH, swdV4PerView } from './website-swd-v4.js';
import type {
  SegmentValues,
  WebsiteModel,
  WebsiteSegments,
  WebsiteView,
  WebsiteViewInput,
} from './website-types.js';

export type {
  SegmentValues,
  WebsiteModel,
  WebsiteSegment,
  WebsiteSegments,
  WebsiteView,
  WebsiteViewInput,
} from './website-types.js';
export { WEBSITE_MODELS } from './website-types.js';

export interface WebsiteInput extends WebsiteViewInput {
  model: WebsiteModel;
}

/**
 * Factor values the website models need, each with its range. A grid intensity the caller gave
 * is passed as `exact(value)`; with none, pass the model's default (`swdDefaultGridGPerKwh`).
 */
export interface WebsiteFactorValues {
  gridGPerKwh: SegmentValues<Ranged>;
  ewifLPerKwh: SegmentValues<Ranged>;
}

export interface WebsiteFootprint {
  per_view: Footprint;
  /** swd-v3 only: production energy of one view, kWh. */
  production_energy_kwh?: number;
  /** `per_view.co2e_g` with every grid intensity at its low / high, grams per view. */
  co2e_g_low: number;
  co2e_g_high: number;
  segments: WebsiteSegments;
  rating: WebsiteRating | null;
  methodology: Methodology;
}

/** Methodology id and version of each website model. */
export const WEBSITE_METHODOLOGY: Readonly<Record<WebsiteModel, Methodology>> = {
  'swd-v4': { id: 'swd', version: '4' },
  'swd-v3': { id: 'swd', version: '3' },
  onebyte: { id: 'onebyte', version: '1' },
};

/**
 * The grid intensity CO2.js uses for a segment nobody overrides, gCO2e/kWh: 494 for swd-v4,
 * 472.94 (WORLD) for swd-v3. OneByte uses its own fixed intensities (null: grid does not apply).
 */
export function swdDefaultGridGPerKwh(model: WebsiteModel): number | null {
  if (model === 'swd-v4') return SWD_GLOBAL_GRID_G_PER_KWH;
  if (model === 'swd-v3') return SWD_V3_GLOBAL_GRID_G_PER_KWH;
  return null;
}

function segmentsAt(values: SegmentValues<Ranged>, bound: Bound): SegmentValues<number> {
  return {
    dataCenter: values.dataCenter[bound],
    network: values.network[bound],
    device: values.device[bound],
  };
}

/**
 * One page view under `input.model`, every grid intensity and EWIF at `bound`.
 *
 * - `swd-v4`: {@link swdV4PerView} (CO2.js `new co2({model:'swd',version:4}).perVisit(Trace)`)
 * - `swd-v3`: {@link swdV3PerView} (CO2.js `new co2({model:'swd',version:3}).perVisit(Trace)`)
 * - `onebyte`: {@link onebytePerView} (CO2.js `new co2({model:'1byte'}).perByte`)
 *
 * @see https://developers.thegreenwebfoundation.org/co2js/methods/
 */
export function websiteFootprintAt(input: WebsiteInput, f: WebsiteFactorValues, bound: Bound): WebsiteView {
  const grid = segmentsAt(f.gridGPerKwh, bound);
  const ewif = segmentsAt(f.ewifLPerKwh, bound);
  switch (input.model) {
    case 'swd-v4':
      return swdV4PerView(input, grid, ewif);
    case 'swd-v3':
      return swdV3PerView(input, grid, ewif);
    case 'onebyte':
      return onebytePerView(input, ewif);
  }
}

/**
 * Footprint of one page view with its CO2e range (every grid intensity at its low, then its
 * high: each model is monotonic in them), segments, rating and methodology.
 *
 * ```
 * per_view   = websiteFootprintAt(input, factors, 'value')
 * co2e_g_low = websiteFootprintAt(input, factors, 'low').co2e_g      (likewise high)
 * rating     = websiteRating(per_view.co2e_g, model)                 (null for onebyte)
 * ```
 *
 * @see https://sustainablewebdesign.org/estimating-digital-emissions/
 */
export function websiteFootprint(input: WebsiteInput, factors: WebsiteFactorValues): WebsiteFootprint {
  const mid = websiteFootprintAt(input, factors, 'value');
  const low = websiteFootprintAt(input, factors, 'low');
  const high = websiteFootprintAt(input, factors, 'high');
  return {
    per_view: { co2e_g: mid.co2e_g, energy_kwh: mid.energy_kwh, water_l: mid.water_l },
    ...(mid.production_energy_kwh === undefined ? {} : { production_energy_kwh: mid.production_energy_kwh }),
    co2e_g_low: low.co2e_g,
    co2e_g_high: high.co2e_g,
    segments: mid.segments,
    rating: websiteRating(mid.co2e_g, input.model),
    methodology: { ...WEBSITE_METHODOLOGY[input.model] },
  };
}
