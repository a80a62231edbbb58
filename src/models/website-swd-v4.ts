import type { SegmentValues, WebsiteView, WebsiteViewInput } from './website-types.js';

/** Bytes in one gigabyte: SWD and CO2.js use decimal units (`fileSize.GIGABYTE = 1e9`). */
export const BYTES_PER_GB = 1e9;

/** SWD v4 operational energy intensity of the data centre, kWh per GB transferred. */
export const SWD_V4_OPERATIONAL_DATA_CENTER_KWH_PER_GB = 0.055;
/** SWD v4 operational energy intensity of the network, kWh per GB transferred. */
export const SWD_V4_OPERATIONAL_NETWORK_KWH_PER_GB = 0.059;
/** SWD v4 operational energy intensity of user devices, kWh per GB transferred. */
export const SWD_V4_OPERATIONAL_DEVICE_KWH_PER_GB = 0.08;
/** SWD v4 embodied energy of data-centre hardware, kWh per GB transferred. */
export const SWD_V4_EMBODIED_DATA_CENTER_KWH_PER_GB = 0.012;
/** SWD v4 embodied energy of network hardware, kWh per GB transferred. */
export const SWD_V4_EMBODIED_NETWORK_KWH_PER_GB = 0.013;
/** SWD v4 embodied energy of user devices, kWh per GB transferred. */
export const SWD_V4_EMBODIED_DEVICE_KWH_PER_GB = 0.081;

/**
 * SWD v4 global grid intensity, gCO2e/kWh (CO2.js `SWDV4.GLOBAL_GRID_INTENSITY`). Embodied
 * energy is always converted at this value; it is also every operational segment's default.
 */
export const SWD_GLOBAL_GRID_G_PER_KWH = 494;

/** CO2.js v4 defaults: every view is a first visit, nothing reloaded. */
export const SWD_V4_DEFAULT_FIRST_VISIT_RATIO = 1;
export const SWD_V4_DEFAULT_RETURN_VISIT_RATIO = 0;
export const SWD_V4_DEFAULT_DATA_RELOAD_RATIO = 0;

/**
 * One page view under the Sustainable Web Design model v4, every factor at one value.
 *
 * ```
 * GB            = bytes / 1e9                     (bytes < 1 → everything 0, as CO2.js)
 * g             = green_hosting ? 1 : green_hosting_factor (default 0)
 * w             = first_visit_ratio + return_visit_ratio · data_reload_ratio   (defaults 1, 0, 0)
 * op_dc_g       = GB · 0.055 · I_dc      emb_dc_g  = GB · 0.012 · 494
 * op_net_g      = GB · 0.059 · I_net     emb_net_g = GB · 0.013 · 494
 * op_dev_g      = GB · 0.080 · I_dev     emb_dev_g = GB · 0.081 · 494
 * first_g       = op_dc_g · (1 − g) + emb_dc_g + op_net_g + emb_net_g + op_dev_g + emb_dev_g
 * co2e_g        = first_g · first_visit_ratio + (first_g · data_reload_ratio) · return_visit_ratio
 * energy_kwh    = GB · (0.055 + 0.059 + 0.080) · w
 * water_l       = GB · w · (0.055 · EWIF_dc + 0.059 · EWIF_net + 0.080 · EWIF_dev)
 * ```
 * `co2e_g` is computed in CO2.js 0.19's operation order (`perVisit` / `perVisitTrace`), so it is
 * bit-identical to it and the rating thresholds agree. Each segment is scaled by `w`, and the
 * data-centre operational part carries `(1 − g)`, so the segments add up to `co2e_g`.
 * Grid intensities in gCO2e/kWh, EWIF in L/kWh.
 *
 * @see https://sustainablewebdesign.org/estimating-digital-emissions/
 * @see https://github.com/thegreenwebfoundation/co2.js/blob/main/src/sustainable-web-design-v4.js
 */
export function swdV4PerView(
  input: WebsiteViewInput,
  gridGPerKwh: SegmentValues<number>,
  ewifLPerKwh: SegmentValues<number>,
): WebsiteView {
  const bytes = input.bytes < 1 ? 0 : input.bytes;
  const greenShare = input.greenHosting ? 1 : (input.greenHostingFactor ?? 0);
  const firstVisitRatio = input.firstVisitRatio ?? SWD_V4_DEFAULT_FIRST_VISIT_RATIO;
  const returnVisitRatio = input.returnVisitRatio ?? SWD_V4_DEFAULT_RETURN_VISIT_RATIO;
  const dataReloadRatio = input.dataReloadRatio ?? SWD_V4_DEFAULT_DATA_RELOAD_RATIO;
  const visitWeight = firstVisitRatio + returnVisitRatio * dataReloadRatio;

  const gb = bytes / BYTES_PER_GB;
  const dataCenterKwh = gb * SWD_V4_OPERATIONAL_DATA_CENTER_KWH_PER_GB;
  const networkKwh = gb * SWD_V4_OPERATIONAL_NETWORK_KWH_PER_GB;
  const deviceKwh = gb * SWD_V4_OPERATIONAL_DEVICE_KWH_PER_GB;

  const dataCenterOperationalG = dataCenterKwh * gridGPerKwh.dataCenter;
  const networkOperationalG = networkKwh * gridGPerKwh.network;
  const deviceOperationalG = deviceKwh * gridGPerKwh.device;
  const dataCenterEmbodiedG = gb * SWD_V4_EMBODIED_DATA_CENTER_KWH_PER_GB * SWD_GLOBAL_GRID_G_PER_KWH;
  const networkEmbodiedG = gb * SWD_V4_EMBODIED_NETWORK_KWH_PER_GB * SWD_GLOBAL_GRID_G_PER_KWH;
  const deviceEmbodiedG = gb * SWD_V4_EMBODIED_DEVICE_KWH_PER_GB * SWD_GLOBAL_GRID_G_PER_KWH;

  const dataCenterOperationalAfterGreenG = dataCenterOperationalG * (1 - greenShare);
  const firstVisitG =
    dataCenterOperationalAfterGreenG +
    dataCenterEmbodiedG +
    networkOperationalG +
    networkEmbodiedG +
    deviceOperationalG +
    deviceEmbodiedG;
  const returnVisitG = firstVisitG * dataReloadRatio;
  const co2eG = firstVisitG * firstVisitRatio + returnVisitG * returnVisitRatio;

  return {
    co2e_g: co2eG,
    energy_kwh:
      gb *
      (SWD_V4_OPERATIONAL_DATA_CENTER_KWH_PER_GB +
        SWD_V4_OPERATIONAL_NETWORK_KWH_PER_GB +
        SWD_V4_OPERATIONAL_DEVICE_KWH_PER_GB) *
      visitWeight,
    water_l:
      dataCenterKwh * visitWeight * ewifLPerKwh.dataCenter +
      networkKwh * visitWeight * ewifLPerKwh.network +
      deviceKwh * visitWeight * ewifLPerKwh.device,
    segments: {
      data_center: {
        operational_co2e_g: dataCenterOperationalAfterGreenG * visitWeight,
        embodied_co2e_g: dataCenterEmbodiedG * visitWeight,
      },
      network: {
        operational_co2e_g: networkOperationalG * visitWeight,
        embodied_co2e_g: networkEmbodiedG * visitWeight,
      },
      user_device: {
        operational_co2e_g: deviceOperationalG * visitWeight,
        embodied_co2e_g: deviceEmbodiedG * visitWeight,
      },
    },
  };
}
