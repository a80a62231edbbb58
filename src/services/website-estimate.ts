import type { Catalog } from '../factors/catalog.js';
import { RANGE_PCT } from '../factors/catalog.js';
import type { EstimateBase, Footprint } from '../models/estimate.js';
import { exact, type Factor, ranged } from '../models/factor.js';
import {
  type SegmentValues,
  swdDefaultGridGPerKwh,
  type WebsiteModel,
  type WebsiteSegments,
  websiteFootprint,
} from '../models/website.js';
import {
  ONEBYTE_GREEN_DATA_CENTER_GRID_G_PER_KWH,
  ONEBYTE_GREEN_NETWORK_GRID_G_PER_KWH,
  ONEBYTE_GREY_GRID_G_PER_KWH,
} from '../models/website-onebyte.js';
import type { WebsiteRating } from '../models/website-rating.js';
import { SWD_V3_RENEWABLES_GRID_G_PER_KWH } from '../models/website-swd-v3.js';
import { type FieldIssue, UnknownReferenceError } from './errors.js';
import { MODEL_SOURCE_IDS, modelFactor } from './model-sources.js';
import { attempt, resolveProvider, resolveRegion } from './resolve.js';
import { renamedFactor, sharedText } from './shared-factors.js';
import { zoneGridFactor } from './zones.js';

/** `POST /v1/estimates/website` (docs/methodology.md, "Websites"). */
export interface WebsiteEstimateRequest {
  bytes: number;
  model?: WebsiteModel | undefined;
  green_hosting?: boolean | undefined;
  green_hosting_factor?: number | undefined;
  hosting?: { provider: string; region: string } | undefined;
  visitor_country?: string | undefined;
  grid_intensity?:
    | { data_center?: number | undefined; network?: number | undefined; device?: number | undefined }
    | undefined;
  first_visit_ratio?: number | undefined;
  return_visit_ratio?: number | undefined;
  data_reload_ratio?: number | undefined;
  page_views?: number | undefined;
}

export interface WebsiteBreakdown {
  model: WebsiteModel;
  operational_co2e_g: number;
  embodied_co2e_g: number;
  /** swd-v3: energy of hardware production for one view, kWh (not in `per_view.energy_kwh`). */
  production_energy_kwh?: number;
}

export interface WebsiteEstimate extends EstimateBase<WebsiteBreakdown> {
  per_view: Footprint;
  rating: WebsiteRating | null;
  segments: WebsiteSegments;
  total?: Footprint;
}

const SEGMENT_NAMES = { dataCenter: 'data_center', network: 'network', device: 'device' } as const;
type Segment = keyof typeof SEGMENT_NAMES;

function modelSourceId(model: WebsiteModel): string {
  if (model === 'swd-v4') return MODEL_SOURCE_IDS.swdV4;
  if (model === 'swd-v3') return MODEL_SOURCE_IDS.swdV3;
  return MODEL_SOURCE_IDS.onebyte;
}

/** Estimates one page view (and `page_views` of them) under the requested website model. */
export function estimateWebsite(catalog: Catalog, req: WebsiteEstimateRequest, prefix = ''): WebsiteEstimate {
  const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
  const model = req.model ?? 'swd-v4';
  const green = req.green_hosting ?? false;
  const issues: FieldIssue[] = [];
  const warnings: string[] = [];

  const hosting = req.hosting
    ? attempt(issues, () => {
        const provider = resolveProvider(catalog, req.hosting?.provider as string, at('hosting.provider'));
        return resolveRegion(catalog, provider, req.hosting?.region as string, at('hosting.region'));
      })
    : undefined;
  const visitor =
    req.visitor_country !== undefined
      ? attempt(issues, () =>
          zoneGridFactor(catalog, 'grid_intensity', req.visitor_country as string, at('visitor_country')),
        )
      : undefined;
  if (issues.length) throw new UnknownReferenceError(issues);

  const sourceId = modelSourceId(model);
  const defaultGrid = swdDefaultGridGPerKwh(model);
  const gridFactor = (segment: Segment): Factor | null => {
    const name = `grid_intensity_${SEGMENT_NAMES[segment]}`;
    if (model === 'onebyte') {
      if (segment === 'device') return null;
      const value =
        segment === 'dataCenter'
          ? green
            ? ONEBYTE_GREEN_DATA_CENTER_GRID_G_PER_KWH
            : ONEBYTE_GREY_GRID_G_PER_KWH
          : green
            ? ONEBYTE_GREEN_NETWORK_GRID_G_PER_KWH
            : ONEBYTE_GREY_GRID_G_PER_KWH;
      return modelFactor(catalog, name, exact(value), 'gCO2e/kWh', sourceId, 'published');
    }
    if (model === 'swd-v3' && green && segment === 'dataCenter') {
      return modelFactor(
        catalog,
        name,
        exact(SWD_V3_RENEWABLES_GRID_G_PER_KWH),
        'gCO2e/kWh',
        sourceId,
        'published',
      );
    }
    const given = req.grid_intensity?.[SEGMENT_NAMES[segment]];
    if (given !== undefined) {
      return { name, ...exact(given), unit: 'gCO2e/kWh', source_id: null, year: null, status: 'input' };
    }
    const located = segment === 'dataCenter' ? hosting?.grid : visitor;
    if (located) return renamedFactor(located, name);
    return modelFactor(catalog, name, ranged(defaultGrid as number, RANGE_PCT.grid), 'gCO2e/kWh', sourceId);
  };

  const worldWater: string[] = [];
  const ewifFactor = (segment: Segment): Factor | null => {
    if (model === 'onebyte' && segment === 'device') return null;
    const name = `ewif_${SEGMENT_NAMES[segment]}`;
    const country = segment === 'dataCenter' ? (hosting?.country ?? null) : (req.visitor_country ?? null);
    const water = catalog.ewif(country);
    if (country !== null && water.warning) warnings.push(water.warning);
    if (country === null) worldWater.push(name);
    return renamedFactor(water.factor, name);
  };

  const segments: Segment[] = ['dataCenter', 'network', 'device'];
  const grids = segments.map(gridFactor);
  const ewifs = segments.map(ewifFactor);
  if (worldWater.length) {
    const median = ewifs.find((f) => f !== null && worldWater.includes(f.name)) as Factor;
    // Built once per catalog median and case (a few), not per request.
    warnings.push(
      sharedText(
        median,
        `${hosting ? '' : 'h'}|${req.visitor_country === undefined ? '' : 'v'}|${worldWater}`,
        () => {
          const missing = [
            ...(hosting ? [] : ['hosting region']),
            ...(req.visitor_country === undefined ? ['visitor_country'] : []),
          ].join(' and no ');
          return `No ${missing}: ${worldWater.join(', ')} ${worldWater.length === 1 ? 'uses' : 'use'} the world median of the WRI electricity water table (${median.value} L/kWh).`;
        },
      ),
    );
  }
  const zero = exact(0);
  const values = <T>(list: (Factor | null)[]): SegmentValues<T> =>
    ({ dataCenter: list[0] ?? zero, network: list[1] ?? zero, device: list[2] ?? zero }) as SegmentValues<T>;

  const r = websiteFootprint(
    {
      model,
      bytes: req.bytes,
      greenHosting: green,
      greenHostingFactor: req.green_hosting_factor,
      firstVisitRatio: req.first_visit_ratio,
      returnVisitRatio: req.return_visit_ratio,
      dataReloadRatio: req.data_reload_ratio,
    },
    { gridGPerKwh: values(grids), ewifLPerKwh: values(ewifs) },
  );
  if (hosting?.grid.status === 'default') {
    warnings.push(
      `No grid intensity for ${hosting.provider.id} ${hosting.row.id}: the world average is used.`,
    );
  }

  const s = r.segments;
  const parts = [s.data_center, s.network, s.user_device, ...(s.production ? [s.production] : [])];
  const views = req.page_views;
  const scale = views ?? 1;
  const estimate: WebsiteEstimate = {
    co2e_g: r.per_view.co2e_g * scale,
    co2e_g_low: r.co2e_g_low * scale,
    co2e_g_high: r.co2e_g_high * scale,
    energy_kwh: r.per_view.energy_kwh * scale,
    water_l: r.per_view.water_l * scale,
    breakdown: {
      model,
      operational_co2e_g: parts.reduce((sum, p) => sum + p.operational_co2e_g, 0),
      embodied_co2e_g: parts.reduce((sum, p) => sum + p.embodied_co2e_g, 0),
      ...(r.production_energy_kwh === undefined ? {} : { production_energy_kwh: r.production_energy_kwh }),
    },
    factors: [...grids, ...ewifs].filter((f): f is Factor => f !== null),
    methodology: r.methodology,
    data_version: catalog.dataVersion,
    warnings,
    per_view: r.per_view,
    rating: r.rating,
    segments: r.segments,
  };
  if (views !== undefined) {
    estimate.total = {
      co2e_g: r.per_view.co2e_g * views,
      energy_kwh: r.per_view.energy_kwh * views,
      water_l: r.per_view.water_l * views,
    };
  }
  return estimate;
}
