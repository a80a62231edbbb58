import type { Catalog } from '../factors/catalog.js';
import type { EstimateBase } from '../models/estimate.js';
import { type NetworkBreakdown, type NetworkDestination, networkFootprint } from '../models/network.js';
import { type FieldIssue, UnknownReferenceError } from './errors.js';
import { type GridSource, regionGrid } from './placement.js';
import { attempt, resolveProvider, resolveRegion } from './resolve.js';

export const NETWORK_METHODOLOGY = Object.freeze({ id: 'empreinte-network', version: '1' });

/** `POST /v1/estimates/network` (docs/methodology.md, "Network egress"): exactly one of `gb` and `bytes`. */
export interface NetworkEstimateRequest {
  provider: string;
  region: string;
  gb?: number | undefined;
  bytes?: number | undefined;
  destination?: NetworkDestination | undefined;
  grid_source?: GridSource | undefined;
}

export interface NetworkEstimateBreakdown extends NetworkBreakdown {
  destination: NetworkDestination;
}

export type NetworkEstimate = EstimateBase<NetworkEstimateBreakdown>;

export const DEFAULT_DESTINATION: NetworkDestination = 'internet';

/** The warning of every network answer: the boundary, and what is the same for every destination. */
export const NETWORK_SCOPE_WARNING =
  "Counts the cloud's network segment only (0.001 kWh/GB, Cloud Carbon Footprint's coefficient, the same for " +
  'every destination: no source separates them): delivery to end users is counted by the website and API ' +
  'estimates, and network equipment embodied emissions are not counted.';

/** Estimates data transferred out of a region (422 on unknown names). */
export function estimateNetwork(catalog: Catalog, req: NetworkEstimateRequest, prefix = ''): NetworkEstimate {
  const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
  const issues: FieldIssue[] = [];
  const provider = attempt(issues, () => resolveProvider(catalog, req.provider, at('provider')));
  if (!provider) throw new UnknownReferenceError(issues);
  const region = attempt(issues, () => resolveRegion(catalog, provider, req.region, at('region')));
  const energy = catalog.networkEnergy;
  if (!energy)
    issues.push({ path: at('provider'), message: 'This factor set has no network energy factor.' });
  if (!region || !energy) throw new UnknownReferenceError(issues);
  const gb = req.gb ?? (req.bytes ?? 0) / 1e9;
  const { grid, regionWarnings } = regionGrid(region, req.grid_source);
  const result = networkFootprint(gb, {
    energyKwhPerGb: energy,
    pue: region.pue,
    gridGPerKwh: grid,
    wueLPerKwh: region.wue,
    ewifLPerKwh: region.ewif,
  });
  return {
    co2e_g: result.co2e_g,
    co2e_g_low: result.co2e_g_low,
    co2e_g_high: result.co2e_g_high,
    energy_kwh: result.energy_kwh,
    water_l: result.water_l,
    breakdown: { destination: req.destination ?? DEFAULT_DESTINATION, ...result.breakdown },
    factors: [energy, region.pue, grid, region.wue, region.ewif],
    methodology: NETWORK_METHODOLOGY,
    data_version: catalog.dataVersion,
    warnings: [...regionWarnings, NETWORK_SCOPE_WARNING],
  };
}
