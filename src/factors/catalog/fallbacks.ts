import { exact, ranged } from '../../models/factor.js';
import type { GlobalFactorRow, ProviderRow, RegionRow } from '../store.js';
import { asStatus, factor, RANGE_PCT } from './factor.js';
import type { GridZoneInfo, Resolved } from './types.js';

/** `provider region`, as warnings name a place. */
const where = (row: RegionRow) => `${row.providerId} ${row.id}`;

/**
 * PUE of a region: its published value (±5%, ±10% unless `published`), else its provider's
 * default (±10%), else the industry average (±10%). `low` never below 1.0.
 */
export function resolvePue(
  row: RegionRow,
  provider: { name: string; row: ProviderRow },
  industry: GlobalFactorRow,
): Resolved {
  if (row.pue != null) {
    const status = asStatus(row.pueStatus, 'published');
    const pct = status === 'published' ? RANGE_PCT.puePublished : RANGE_PCT.pueOther;
    return {
      factor: factor({
        name: 'pue',
        value: ranged(row.pue, pct, 1),
        unit: 'ratio',
        source: row.sourceId,
        year: row.pueYear,
        status,
      }),
      warning: null,
    };
  }
  const p = provider.row;
  if (p.defaultPue != null) {
    return {
      factor: factor({
        name: 'pue',
        value: ranged(p.defaultPue, RANGE_PCT.pueOther, 1),
        unit: 'ratio',
        source: p.defaultPueSourceId,
        year: p.defaultPueYear,
        status: 'default',
      }),
      warning: `No published PUE for ${where(row)}: ${provider.name}'s default PUE ${p.defaultPue} is used.`,
    };
  }
  return {
    factor: factor({
      name: 'pue',
      value: ranged(industry.value, RANGE_PCT.pueOther, 1),
      unit: 'ratio',
      source: industry.sourceId,
      year: industry.year,
      status: 'default',
    }),
    warning: `No published PUE for ${where(row)}: the industry average PUE ${industry.value} is used.`,
  };
}

/** WUE of a region: its published value, else its provider's default, else 0 with a warning (±20%). */
export function resolveWue(row: RegionRow, provider: { row: ProviderRow }): Resolved {
  if (row.wueLPerKwh != null) {
    return {
      factor: factor({
        name: 'wue',
        value: ranged(row.wueLPerKwh, RANGE_PCT.wue),
        unit: 'L/kWh',
        source: row.sourceId,
        year: row.wueYear,
        status: asStatus(row.wueStatus, 'published'),
      }),
      warning: null,
    };
  }
  const p = provider.row;
  if (p.defaultWueLPerKwh != null) {
    return {
      factor: factor({
        name: 'wue',
        value: ranged(p.defaultWueLPerKwh, RANGE_PCT.wue),
        unit: 'L/kWh',
        source: p.defaultWueSourceId,
        year: p.defaultWueYear,
        status: 'default',
      }),
      warning: null,
    };
  }
  return {
    factor: factor({
      name: 'wue',
      value: exact(0),
      unit: 'L/kWh',
      source: null,
      year: null,
      status: 'default',
    }),
    warning: `No published WUE for ${where(row)}: on-site water is counted as 0.`,
  };
}

/**
 * Grid intensity of a region (±15%): its published value, else its country's value (`proxy`),
 * else the world average (`default`, with a warning).
 */
export function resolveGrid(
  row: RegionRow,
  country: GridZoneInfo | undefined,
  world: GridZoneInfo,
): Resolved {
  if (row.gridGPerKwh != null) {
    return {
      factor: factor({
        name: 'grid_intensity',
        value: ranged(row.gridGPerKwh, RANGE_PCT.grid),
        unit: 'gCO2e/kWh',
        source: row.sourceId,
        year: row.gridYear,
        status: asStatus(row.gridStatus, 'published'),
      }),
      warning: null,
    };
  }
  const g = country ?? world;
  return {
    factor: factor({
      name: 'grid_intensity',
      value: ranged(g.gPerKwh, RANGE_PCT.grid),
      unit: 'gCO2e/kWh',
      source: g.sourceId,
      year: g.year,
      status: country ? 'proxy' : 'default',
    }),
    warning: country
      ? null
      : `No grid intensity for ${where(row)} or its country: the world average is used.`,
  };
}

/**
 * Electricity water (EWIF, ±30%) of a country: the WRI table's value, else the table's median
 * (`default`, with a warning). `value` is the row found, or undefined.
 */
export function resolveEwif(
  code: string | null,
  value: { lPerKwh: number; sourceId: string } | undefined,
  median: { lPerKwh: number; sourceId: string | null },
): Resolved {
  if (value) {
    return {
      factor: factor({
        name: 'ewif',
        value: ranged(value.lPerKwh, RANGE_PCT.ewif),
        unit: 'L/kWh',
        source: value.sourceId,
        year: null,
        status: 'published',
      }),
      warning: null,
    };
  }
  return {
    factor: factor({
      name: 'ewif',
      value: ranged(median.lPerKwh, RANGE_PCT.ewif),
      unit: 'L/kWh',
      source: median.sourceId,
      year: null,
      status: 'default',
    }),
    warning: `No electricity water factor for ${code ?? 'an unknown country'}: the world median of the WRI table (${median.lPerKwh} L/kWh) is used.`,
  };
}
