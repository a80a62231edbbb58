import type { FieldIssue } from '../services/errors.js';
import { formatPath } from './validation.js';

/** Most keys one object of a request body may have (no request schema has half as many fields). */
export const MAX_OBJECT_KEYS = 100;

/** How much a JSON body may hold before it is parsed (src/http/schema-bounds.ts gives a schema's). */
export interface JsonShapeLimits {
  /** Deepest nesting of objects and arrays (the root's contents are level 1). */
  maxDepth: number;
  /** Most keys of one object; default MAX_OBJECT_KEYS. */
  maxKeys?: number;
  /** Most elements of one array. */
  maxItems: number;
  /** Most values in the whole body (objects, arrays and scalars, the root included). */
  maxValues: number;
}

/** Why a body was refused, and how much of it the guard had counted by then. */
export interface JsonShapeRefusal {
  issue: FieldIssue;
  /** Elements of the longest array counted before the refusal (what a batch's cost is made of). */
  items: number;
}

/** Characters looked at one by one before the guard jumps over the rest of a run or string. */
const SHORT_RUN = 32;
/** The next character that matters to the guard: a string, a container or a separator. */
const STRUCTURAL = /["{}[\],]/g;

/**
 * The first reason a JSON body is refused before it is even parsed: nesting deeper than
 * `maxDepth`, an object with more than `maxKeys` keys, an array with more than `maxItems`
 * elements, more than `maxValues` values in all. One pass over the text, which jumps over long
 * strings, numbers and whitespace, stopping at the first refusal: `JSON.parse` itself spends
 * ~200 ms on one object of 90,000 keys or on 2 MiB of empty objects, so the body is never handed
 * to it. Undefined when none (the text may still be malformed: `JSON.parse` says so next).
 *
 * Values are counted as the root, plus one per key, plus one per array element (an empty array
 * counts one): never more than a valid body holds, so a schema's bounds apply as they are.
 */
export function jsonShapeIssue(text: string, limits: JsonShapeLimits): JsonShapeRefusal | undefined {
  const { maxDepth, maxItems, maxValues } = limits;
  const maxKeys = limits.maxKeys ?? MAX_OBJECT_KEYS;
  // One frame per open container (at most maxDepth + 1): whether it is an object, its key count
  // or current index, and where the key of its current value starts and ends in the text.
  const size = Math.min(maxDepth, 1_000) + 1;
  const f: Frames =
    size <= SCRATCH_FRAMES // synchronous: one call at a time uses them
      ? SCRATCH
      : {
          isObject: new Uint8Array(size),
          counts: new Uint32Array(size),
          keyStart: new Int32Array(size),
          keyEnd: new Int32Array(size),
        };
  let depth = 0;
  let expectKey = false;
  let values = 1;
  let longest = 0;
  let run = 0; // characters since the last structural one

  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch !== 0x22 && ch !== 0x2c && ch !== 0x5b && ch !== 0x5d && ch !== 0x7b && ch !== 0x7d) {
      if (++run > SHORT_RUN) {
        // A long stretch of whitespace or of a number: jump to what follows it.
        STRUCTURAL.lastIndex = i;
        if (!STRUCTURAL.test(text)) break;
        i = STRUCTURAL.lastIndex - 2;
        run = 0;
      }
      continue;
    }
    run = 0;
    if (ch === 0x22 /* " */) {
      const start = i;
      for (i++; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x22) break;
        if (i - start > SHORT_RUN) {
          i = stringEnd(text, i - 1);
          break;
        }
        if (c === 0x5c /* \ */) i++;
      }
      if (expectKey) {
        const top = depth - 1;
        const count = (f.counts[top] as number) + 1;
        f.counts[top] = count;
        if (count > maxKeys)
          return refusal(text, f, top, longest, `Too many fields: an object here has at most ${maxKeys}.`);
        f.keyStart[top] = start;
        f.keyEnd[top] = i + 1;
        expectKey = false;
        if (++values > maxValues) return tooManyValues(text, f, depth, longest, maxValues);
      }
      continue;
    }
    if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) {
      if (depth > 0) depth--;
      expectKey = false;
      continue;
    }
    // A new container, or a comma: what follows is a value (an array's next element) or a key.
    let index: number;
    let top: number;
    if (ch === 0x2c /* , */) {
      if (depth === 0) continue;
      top = depth - 1;
      if (f.isObject[top]) {
        expectKey = true;
        continue;
      }
      index = (f.counts[top] as number) + 1;
      f.counts[top] = index;
    } else {
      if (depth >= maxDepth)
        return refusal(text, f, depth, longest, `Nested deeper than this body allows (${maxDepth} levels).`);
      top = depth;
      f.counts[top] = 0;
      depth++;
      expectKey = ch === 0x7b;
      f.isObject[top] = expectKey ? 1 : 0;
      if (expectKey) continue;
      index = 0;
    }
    if (index >= longest) longest = index + 1;
    if (index >= maxItems)
      return refusal(
        text,
        f,
        top,
        longest,
        `Too many items: no list in this body may have more than ${maxItems}.`,
      );
    if (++values > maxValues) return tooManyValues(text, f, top + 1, longest, maxValues);
  }
  return undefined;
}

interface Frames {
  isObject: Uint8Array;
  counts: Uint32Array;
  keyStart: Int32Array;
  keyEnd: Int32Array;
}

/** The refusal at the container of level `levels` (0: the body itself). */
function refusal(text: string, f: Frames, levels: number, items: number, message: string): JsonShapeRefusal {
  const path: (string | number)[] = [];
  for (let d = 0; d < levels; d++) {
    if (!f.isObject[d]) path.push(f.counts[d] as number);
    else {
      const token = text.slice(f.keyStart[d], f.keyEnd[d]);
      path.push(token.includes('\\') ? safeString(token) : token.slice(1, -1));
    }
  }
  return { issue: { path: formatPath(path) || 'body', message }, items };
}

const tooManyValues = (text: string, f: Frames, levels: number, items: number, maxValues: number) =>
  refusal(text, f, levels, items, `Too many values: this body may hold at most ${maxValues}.`);

/**
 * Index of the quote that closes a string read up to `at` (not in an escape); the text's length if
 * none. A loop, not a regular expression: `(?:[^"\\]+|\\.)*"` backtracks exponentially on an
 * unterminated string with escapes (a 249-byte body held the event loop for minutes).
 */
function stringEnd(text: string, at: number): number {
  const quote = text.indexOf('"', at + 1);
  if (quote < 0) return text.length;
  if (text.charCodeAt(quote - 1) !== 0x5c /* \ */) return quote;
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) return i;
    if (c === 0x5c /* \ */) i++;
  }
  return text.length;
}

const SCRATCH_FRAMES = 32;
const SCRATCH: Frames = {
  isObject: new Uint8Array(SCRATCH_FRAMES),
  counts: new Uint32Array(SCRATCH_FRAMES),
  keyStart: new Int32Array(SCRATCH_FRAMES),
  keyEnd: new Int32Array(SCRATCH_FRAMES),
};

/** A JSON string token's value; the token itself when it does not parse (malformed JSON). */
function safeString(token: string): string {
  try {
    return JSON.parse(token) as string;
  } catch {
    return token;
  }
}
