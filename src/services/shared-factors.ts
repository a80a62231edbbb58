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
const factorsByOwner = new WeakMap<object, Map<string, Factor>>();
const textsByOwner = new WeakMap<object, Map<string, string>>();
const MAX_PER_OWNER = 512;

export function sharedFactor(owner: object, key: string, build: () => Factor): Factor {
  return shared(factorsByOwner, owner, key, () => Object.freeze(build()));
}

/** A warning derived from catalog data only, built once per `owner` and `key` (same bounds). */
export function sharedText(owner: object, key: string, build: () => string): string {
  return shared(textsByOwner, owner, key, build);
}

/** The memo kept under `owner` in `memos`, created empty on first use. */
export function memoUnder<O extends object, V>(memos: WeakMap<O, Map<string, V>>, owner: O): Map<string, V> {
  let memo = memos.get(owner);
  if (memo === undefined) {
    memo = new Map();
    memos.set(owner, memo);
  }
  return memo;
}

function shared<V>(memos: WeakMap<object, Map<string, V>>, owner: object, key: string, build: () => V): V {
  const memo = memoUnder(memos, owner);
  let value = memo.get(key);
  if (value === undefined) {
    value = build();
    if (memo.size >= MAX_PER_OWNER) memo.clear();
    memo.set(key, value);
  }
  return value;
}

/** `factor` under another name (`grid_intensity` of a zone as `grid_intensity_network`), shared. */
export function renamedFactor(factor: Factor, name: string): Factor {
  if (factor.name === name) return factor;
  return sharedFactor(factor, name, () => ({ ...factor, name }));
}
