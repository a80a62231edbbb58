import type { Footprint } from './estimate.js';
import { BOUNDS, type Bound, type Ranged } from './factor.js';

/** What a storage product is: a block volume, an object bucket, a file share or an archive tier. */
export const STORAGE_KINDS = ['block', 'object', 'file', 'archive'] as const;
export type StorageKind = (typeof STORAGE_KINDS)[number];

/** The medium the bytes sit on (tape is not modelled: archive tiers take the medium their source says). */
export const STORAGE_MEDIA = ['ssd', 'hdd'] as const;
export type StorageMedium = (typeof STORAGE_MEDIA)[number];

export interface StorageWorkload {
  /** Data the customer stores (one copy), GB (1 GB = 1e9 bytes). */
  sizeGb: number;
  durationHours: number;
}

export interface StorageFactorValues {
  /** Power of the medium per TB stored, kWh per TB-hour (CCF: SSD 1.2, HDD 0.65 Wh/TB-h). */
  powerKwhPerTbHour: Ranged;
  /** Copies the provider keeps of every byte. */
  replicationFactor: Ranged;
  pue: Ranged;
  gridGPerKwh: Ranged;
  wueLPerKwh: Ranged;
  ewifLPerKwh: Ranged;
}

export interface StorageBreakdown {
  /** TB held on disks: size × replication factor. */
  stored_tb: number;
  replication_factor: number;
  it_energy_kwh: number;
  pue: number;
  operational_co2e_g: number;
  /** Storage media embodied emissions are not counted (no per-TB figure is cited): always 0. */
  embodied_co2e_g: number;
  water_onsite_l: number;
  water_offsite_l: number;
}

export interface StorageFootprint extends Footprint {
  co2e_g_low: number;
  co2e_g_high: number;
  breakdown: StorageBreakdown;
}

/**
 * Storage at one bound (every factor at that end of its range):
 *
 * ```
 * stored_tb          = size_gb / 1000 · replication_factor
 * it_energy_kwh      = stored_tb · P(medium) · duration_hours          P: kWh per TB-hour
 * energy_kwh         = it_energy_kwh · PUE
 * operational_g      = energy_kwh · I(region)
 * embodied_g         = 0                                                  media embodied: not counted (warned)
 * water_l            = it_energy_kwh · WUE + energy_kwh · EWIF
 * ```
 *
 * @see docs/methodology.md, "Storage"
 * @see https://www.cloudcarbonfootprint.org/docs/methodology/#storage
 */
export function storageFootprintAt(
  w: StorageWorkload,
  f: StorageFactorValues,
  bound: Bound,
): StorageBreakdown {
  const replication = f.replicationFactor[bound];
  const storedTb = (w.sizeGb / 1000) * replication;
  const itEnergyKwh = storedTb * f.powerKwhPerTbHour[bound] * w.durationHours;
  const pue = f.pue[bound];
  const energyKwh = itEnergyKwh * pue;
  return {
    stored_tb: storedTb,
    replication_factor: replication,
    it_energy_kwh: itEnergyKwh,
    pue,
    operational_co2e_g: energyKwh * f.gridGPerKwh[bound],
    embodied_co2e_g: 0,
    water_onsite_l: itEnergyKwh * f.wueLPerKwh[bound],
    water_offsite_l: energyKwh * f.ewifLPerKwh[bound],
  };
}

/** Central storage footprint with its CO2e range (the formula is monotonic in every factor). */
export function storageFootprint(w: StorageWorkload, f: StorageFactorValues): StorageFootprint {
  const [mid, low, high] = BOUNDS.map((b) => storageFootprintAt(w, f, b)) as [
    StorageBreakdown,
    StorageBreakdown,
    StorageBreakdown,
  ];
  return {
    co2e_g: mid.operational_co2e_g + mid.embodied_co2e_g,
    co2e_g_low: low.operational_co2e_g + low.embodied_co2e_g,
    co2e_g_high: high.operational_co2e_g + high.embodied_co2e_g,
    energy_kwh: mid.it_energy_kwh * mid.pue,
    water_l: mid.water_onsite_l + mid.water_offsite_l,
    breakdown: mid,
  };
}
