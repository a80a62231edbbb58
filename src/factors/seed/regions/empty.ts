import type { RegionRow } from '../../store.js';

/** The factor columns of a region row, all unpublished: each file fills what it has. */
export function emptyFactors() {
  return {
    datacenter: null,
    pue: null,
    pueYear: null,
    pueStatus: null,
    wueLPerKwh: null,
    wueYear: null,
    wueStatus: null,
    gridGPerKwh: null,
    gridYear: null,
    gridStatus: null,
    ccfGridGPerKwh: null,
    runsOnProvider: null,
    runsOnRegion: null,
  } satisfies Partial<RegionRow>;
}

/** `provider/region`, the key duplicates and references are checked on. */
export const regionKey = (provider: string, id: string) => `${provider}/${id}`;
