const serialized = new WeakMap<object, string>();
const MARK = '\u0000factors\u0000';
const MARK_JSON = JSON.stringify(MARK);

/**
 * The JSON text of an answer. Catalog factors are frozen, long-lived objects: in an estimate's
 * `factors` list each one is serialized once per catalog and reused, which takes most of the
 * serialization off the request path. Any other value is plain `JSON.stringify`.
 */
export function toJson(value: unknown): string {
  const factors = (value as { factors?: unknown } | null)?.factors;
  if (!Array.isArray(factors)) return JSON.stringify(value);
  let list = '[';
  for (let i = 0; i < factors.length; i++) {
    const factor = factors[i] as object;
    const frozen = Object.isFrozen(factor);
    let text = frozen ? serialized.get(factor) : undefined;
    if (text === undefined) {
      text = JSON.stringify(factor);
      if (frozen) serialized.set(factor, text);
    }
    list += i ? `,${text}` : text;
  }
  // Every field before `factors` is a number or a fixed name, so the first mark is this one.
  return JSON.stringify({ ...(value as object), factors: MARK }).replace(MARK_JSON, () => `${list}]`);
}
