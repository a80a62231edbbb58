const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Parses a plain decimal string (`12`, `0.044`, `-1.5`); throws on anything else. */
export function parseDecimal(text: string, what = 'value'): number {
  const t = text.trim();
  if (!DECIMAL.test(t)) throw new Error(`${what}: ${JSON.stringify(text)} is not a decimal number`);
  const n = Number(t);
  if (!Number.isFinite(n)) throw new Error(`${what}: ${JSON.stringify(text)} is not finite`);
  return n;
}

/**
 * Multiplies a decimal string by 10^places by moving its decimal point (exact, unlike a float
 * multiply: `0.044` → 44, `1.6103792` t → 1610.3792 kg). Throws if the shifted decimal does not
 * round-trip through a JS number unchanged.
 */
export function shiftDecimal(text: string, places: number, what = 'value'): number {
  const match = DECIMAL.exec(text.trim());
  if (!match || !Number.isInteger(places) || places < 0) {
    throw new Error(`${what}: cannot shift ${JSON.stringify(text)} by ${places} places`);
  }
  const [, sign = '', whole = '', fraction = ''] = match;
  const digits = whole + fraction.padEnd(places, '0');
  const pointAt = whole.length + places;
  const intPart = digits.slice(0, pointAt).replace(/^0+(?=\d)/, '');
  const fracPart = digits.slice(pointAt).replace(/0+$/, '');
  const canonical = fracPart ? `${intPart}.${fracPart}` : intPart;
  const n = Number(`${sign}${canonical}`);
  const expected = n === 0 ? '0' : `${sign}${canonical}`;
  if (String(n) !== expected) {
    throw new Error(`${what}: ${text} × 10^${places} = ${expected} is not exactly representable (${n})`);
  }
  return n;
}

/** Tonnes (decimal string) to kilograms, exactly. */
export function tonnesToKg(tonnes: string, what = 'tonnes'): number {
  return shiftDecimal(tonnes, 3, what);
}
