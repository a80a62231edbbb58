import { BYTES_PER_GB } from './website-swd-v4.js';
import type { SegmentValues, WebsiteView, WebsiteViewInput } from './website-types.js';

/** SWD v3 energy intensity of the whole system (all four segments), kWh per GB transferred. */
export const SWD_V3_KWH_PER_GB = 0.81;
/** Share of SWD v3's 0.81 kWh/GB used in data centres (operational). */
export const SWD_V3_DATA_CENTER_SHARE = 0.15;
/** Share of SWD v3's 0.81 kWh/GB used by networks (operational). */
export const SWD_V3_NETWORK_SHARE = 0.14;
/** Share of SWD v3's 0.81 kWh/GB used by user devices (operational). */
export const SWD_V3_DEVICE_SHARE = 0.52;
/** Share of SWD v3's 0.81 kWh/GB spent producing hardware (embodied, always at world intensity). */
export const SWD_V3_PRODUCTION_SHARE = 0.19;

/**
 * SWD v3 global grid intensity, gCO2e/kWh: CO2.js 0.19 `GLOBAL_GRID_INTENSITY`, i.e.
 * `averageIntensity.data.WORLD` (Ember 2024). Every segment's default and production's only value.
 */
export const SWD_V3_GLOBAL_GRID_G_PER_KWH = 472.94;

/**
 * Intensity CO2.js's v3 applies to the data centre of a green-hosted site, gCO2e/kWh
 * (`RENEWABLES_GRID_INTENSITY`). It replaces any data-centre intensity, including an override.
 */
export const SWD_V3_RENEWABLES_GRID_G_PER_KWH = 50;

/** CO2.js v3 defaults: 75% first visits, 25% returning visits reloading 2% of the bytes. */
export const SWD_V3_DEFAULT_FIRST_VISIT_RATIO = 0.75;
export const SWD_V3_DEFAULT_RETURN_VISIT_RATIO = 0.25;
export const SWD_V3_DEFAULT_DATA_RELOAD_RATIO = 0.02;

/**
 * One page view under the Sustainable Web Design model v3, every factor at one value.
 *
 * ```
 * E             = bytes / 1e9 · 0.81                              kWh, all segments
 * E_s           = E · share_s        dc 0.15, network 0.14, device 0.52, production 0.19
 * w             = first_visit_ratio + return_visit_ratio · data_reload_ratio   (defaults 0.75, 0.25, 0.02)
 * I_dc          = green_hosting ? 50 : I_dc                       (green_hosting_factor is ignored)
 * co2e_g        = Σ_s (E_s · first_visit_ratio + E_s · return_visit_ratio · data_reload_ratio) · I_s
 *                 with I_production = 472.94 (WORLD)
 * energy_kwh    = w · (E_dc + E_net + E_dev) = 0.6561 · GB · w     use-phase energy, as v4 and water
 * production_energy_kwh = w · E_production = 0.1539 · GB · w      (reported apart, in `breakdown`)
 * water_l       = w · (E_dc · EWIF_dc + E_net · EWIF_net + E_dev · EWIF_dev)
 * ```
 * `co2e_g` is summed in CO2.js 0.19's order (device, network, production, data centre; first
 * then subsequent visits), so it is bit-identical to `perVisit` / `perVisitTrace`. Production is
 * reported as the embodied part of a `production` segment; the other segments are operational.
 * Unlike v4, CO2.js's v3 `perVisit` has no `bytes < 1 → 0` guard (irrelevant for integer bytes).
 *
 * @see https://sustainablewebdesign.org/estimating-digital-emissions-version-3/
 * @see https://github.com/thegreenwebfoundation/co2.js/blob/main/src/sustainable-web-design-v3.js
 */
export function swdV3PerView(
  input: WebsiteViewInput,
  gridGPerKwh: SegmentValues<number>,
  ewifLPerKwh: SegmentValues<number>,
): WebsiteView {
  const firstVisitRatio = input.firstVisitRatio ?? SWD_V3_DEFAULT_FIRST_VISIT_RATIO;
  const returnVisitRatio = input.returnVisitRatio ?? SWD_V3_DEFAULT_RETURN_VISIT_RATIO;
  const dataReloadRatio = input.dataReloadRatio ?? SWD_V3_DEFAULT_DATA_RELOAD_RATIO;
  const visitWeight = firstVisitRatio + returnVisitRatio * dataReloadRatio;

  const gb = input.bytes / BYTES_PER_GB;
  const energyKwh = gb * SWD_V3_KWH_PER_GB;
  const deviceKwh = energyKwh * SWD_V3_DEVICE_SHARE;
  const networkKwh = energyKwh * SWD_V3_NETWORK_SHARE;
  const productionKwh = energyKwh * SWD_V3_PRODUCTION_SHARE;
  const dataCenterKwh = energyKwh * SWD_V3_DATA_CENTER_SHARE;

  const dataCenterGPerKwh = input.greenHosting ? SWD_V3_RENEWABLES_GRID_G_PER_KWH : gridGPerKwh.dataCenter;

  // CO2.js: energyPerVisitByComponent → co2byComponent → reduce, in this exact order.
  const deviceFirstG = deviceKwh * firstVisitRatio * gridGPerKwh.device;
  const deviceReturnG = deviceKwh * returnVisitRatio * dataReloadRatio * gridGPerKwh.device;
  const networkFirstG = networkKwh * firstVisitRatio * gridGPerKwh.network;
  const networkReturnG = networkKwh * returnVisitRatio * dataReloadRatio * gridGPerKwh.network;
  const productionFirstG = productionKwh * firstVisitRatio * SWD_V3_GLOBAL_GRID_G_PER_KWH;
  const productionReturnG = productionKwh * returnVisitRatio * dataReloadRatio * SWD_V3_GLOBAL_GRID_G_PER_KWH;
  const dataCenterFirstG = dataCenterKwh * firstVisitRatio * dataCenterGPerKwh;
  const dataCenterReturnG = dataCenterKwh * returnVisitRatio * dataReloadRatio * dataCenterGPerKwh;
  const co2eG =
    deviceFirstG +
    deviceReturnG +
    networkFirstG +
    networkReturnG +
    productionFirstG +
    productionReturnG +
    dataCenterFirstG +
    dataCenterReturnG;

  return {
    co2e_g: co2eG,
    energy_kwh: (dataCenterKwh + networkKwh + deviceKwh) * visitWeight,
    production_energy_kwh: productionKwh * visitWeight,
    water_l:
      dataCenterKwh * visitWeight * ewifLPerKwh.dataCenter +
      networkKwh * visitWeight * ewifLPerKwh.network +
      deviceKwh * visitWeight * ewifLPerKwh.device,
    segments: {
      data_center: { operational_co2e_g: dataCenterFirstG + dataCenterReturnG, embodied_co2e_g: 0 },
      network: { operational_co2e_g: networkFirstG + networkReturnG, embodied_co2e_g: 0 },
      user_device: { operational_co2e_g: deviceFirstG + deviceReturnG, embodied_co2e_g: 0 },
      production: { operational_co2e_g: 0, embodied_co2e_g: productionFirstG + productionReturnG },
    },
  };
}
