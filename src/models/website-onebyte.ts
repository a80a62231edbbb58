import type { SegmentValues, WebsiteView, WebsiteViewInput } from './website-types.js';

/** OneByte data-centre energy, kWh per byte. */
export const ONEBYTE_DATA_CENTER_KWH_PER_BYTE = 7.2e-11;
/** OneByte fixed wired network energy, kWh per byte. */
export const ONEBYTE_FIXED_NETWORK_WIRED_KWH_PER_BYTE = 4.29e-10;
/** OneByte fixed Wi-Fi network energy, kWh per byte. */
export const ONEBYTE_FIXED_NETWORK_WIFI_KWH_PER_BYTE = 1.52e-10;
/** OneByte 4G mobile network energy, kWh per byte. */
export const ONEBYTE_FOUR_G_MOBILE_KWH_PER_BYTE = 8.84e-10;
/** OneByte network energy: the mean of wired, Wi-Fi and 4G, kWh per byte. */
export const ONEBYTE_NETWORK_KWH_PER_BYTE =
  (ONEBYTE_FIXED_NETWORK_WIRED_KWH_PER_BYTE +
    ONEBYTE_FIXED_NETWORK_WIFI_KWH_PER_BYTE +
    ONEBYTE_FOUR_G_MOBILE_KWH_PER_BYTE) /
  3;
/** Intensity CO2.js's OneByte applies to data centre and network of a grey-hosted site, gCO2e/kWh. */
export const ONEBYTE_GREY_GRID_G_PER_KWH = 519;
/** Intensity CO2.js's OneByte applies to the network of a green-hosted site, gCO2e/kWh. */
export const ONEBYTE_GREEN_NETWORK_GRID_G_PER_KWH = 475;
/** Intensity CO2.js's OneByte applies to a green data centre, gCO2e/kWh. */
export const ONEBYTE_GREEN_DATA_CENTER_GRID_G_PER_KWH = 0;

/**
 * One page view under the Shift Project's "1byte" model, as CO2.js 0.19 `perByte` computes it.
 *
 * ```
 * net_kwh_per_byte = (4.29e-10 + 1.52e-10 + 8.84e-10) / 3
 * grey:  co2e_g = bytes · (7.2e-11 + net_kwh_per_byte) · 519
 * green: co2e_g = bytes · 7.2e-11 · 0 + bytes · net_kwh_per_byte · 475
 * energy_kwh    = bytes · (7.2e-11 + net_kwh_per_byte)
 * water_l       = bytes · (7.2e-11 · EWIF_dc + net_kwh_per_byte · EWIF_net)
 * ```
 * bytes < 1 → everything 0 (as CO2.js). The model has fixed intensities: grid intensities,
 * green-hosting factor and visit ratios do not apply. Segments: `data_center` and `network`
 * (operational only), `user_device` zero (CO2.js's device constant is unused by the model).
 *
 * @see https://theshiftproject.org/en/lean-ict-2/
 * @see https://github.com/thegreenwebfoundation/co2.js/blob/main/src/1byte.js
 */
export function onebytePerView(input: WebsiteViewInput, ewifLPerKwh: SegmentValues<number>): WebsiteView {
  const bytes = input.bytes < 1 ? 0 : input.bytes;
  const dataCenterKwh = bytes * ONEBYTE_DATA_CENTER_KWH_PER_BYTE;
  const networkKwh = bytes * ONEBYTE_NETWORK_KWH_PER_BYTE;

  let co2eG: number;
  let dataCenterG: number;
  let networkG: number;
  if (input.greenHosting) {
    dataCenterG = dataCenterKwh * ONEBYTE_GREEN_DATA_CENTER_GRID_G_PER_KWH;
    networkG = networkKwh * ONEBYTE_GREEN_NETWORK_GRID_G_PER_KWH;
    co2eG = dataCenterG + networkG;
  } else {
    dataCenterG = dataCenterKwh * ONEBYTE_GREY_GRID_G_PER_KWH;
    networkG = networkKwh * ONEBYTE_GREY_GRID_G_PER_KWH;
    co2eG =
      bytes * (ONEBYTE_DATA_CENTER_KWH_PER_BYTE + ONEBYTE_NETWORK_KWH_PER_BYTE) * ONEBYTE_GREY_GRID_G_PER_KWH;
  }

  return {
    co2e_g: co2eG,
    energy_kwh: bytes * (ONEBYTE_DATA_CENTER_KWH_PER_BYTE + ONEBYTE_NETWORK_KWH_PER_BYTE),
    water_l: dataCenterKwh * ewifLPerKwh.dataCenter + networkKwh * ewifLPerKwh.network,
    segments: {
      data_center: { operational_co2e_g: dataCenterG, embodied_co2e_g: 0 },
      network: { operational_co2e_g: networkG, embodied_co2e_g: 0 },
      user_device: { operational_co2e_g: 0, embodied_co2e_g: 0 },
    },
  };
}
