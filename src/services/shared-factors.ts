import type { Factor } from '../models/factor.js';

/**
 * Factors an estimate derives from catalog data (a zone's grid under a segment's name, a model
 * constant, a CPU's power at a utilization) are shared objects: the same frozen object for the same
 * inputs, as catalog factors are, so an answer's `factors` list is mostly text serialized once
 * (src/http/json.ts, docs/performance.md). Only the factor is shared, never an answer.
 *
 * Each is kept under an `owner`: a catalog object its inputs come from (the catalog, a zone, a
 * factor), so it goes when that catalog goes. At most `MAX_PER_OWNER` per owner: keys that
 * carry a caller's number (a utilization) cannot grow it without bound.
 */
const byOwner = new WeakMap<object, Map<string, Factor>>();
const MAX_PER_OWNER = 512;

export function sharedFactor(owner: object, key: string, build: () => Factor): Factor {
  let memo = byOwner.get(owner);
  if (memo === undefined) {
    memo = new Map();
    byOwner.set(owner, memo);
  }
  let shared = memo.get(key);
  if (shared === undefined) {
    shared = Object.freeze(build());
    if (memo.size >= MAX_PER_OWNER) memo.clear();
    memo.set(key, shared);
  }
  return shared;
}

const textsByOwner = new WeakMap<object, Map<string, string>>();

/** A warning derived from catalog data only, built once per `owner` and `key` (same bounds). */
export function sharedText(owner: object, key: string, build: () => string): string {
  let memo = textsByOwner.get(owner);
  if (memo === undefined) {
    memo = new Map();
    textsByOwner.set(owner, memo);
  }
  let text = memo.get(key);
  if (text === undefined) {
    text = build();
    if (memo.size >= MAX_PER_OWNER) memo.clear();
    memo.set(key, text);
  }
  return text;
}

/** `factor` under another name (`grid_intensity` of a zone as `grid_intensity_network`), shared. */
export function renamedFactor(factor: Factor, name: string): Factor {
  if (factor.name === name) return factor;
  return sharedFactor(factor, name, () => ({ ...factor, name }));
}
