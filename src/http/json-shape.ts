import type { z } from '@hono/zod-openapi';
import type { FieldIssue } from '../services/errors.js';
import { formatPath } from './validation.js';

/** Most keys one object of a request body may have (no request schema has half as many fields). */
export const MAX_OBJECT_KEYS = 100;

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  left?: z.ZodType;
  right?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;
const deepest = (schemas: (z.ZodType | null | undefined)[]) =>
  schemas.reduce<number>((d, s) => (s ? Math.max(d, schemaDepth(s)) : d), 0);

/**
 * Deepest nesting of objects and arrays that a value valid against `schema` can have (a scalar is
 * 0, `{a: 1}` is 1, `{a: [{}]}` is 3); Infinity when the schema accepts any value somewhere.
 */
export function schemaDepth(schema: z.ZodType): number {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const catchall = def.catchall && defOf(def.catchall).type !== 'never' ? def.catchall : undefined;
      return 1 + deepest([...Object.values(def.shape ?? {}), catchall]);
    }
    case 'array':
      return 1 + deepest([def.element]);
    case 'tuple':
      return 1 + deepest([...(def.items ?? []), def.rest]);
    case 'record':
    case 'map':
      return 1 + deepest([def.valueType]);
    case 'union':
      return deepest(def.options ?? []);
    case 'intersection':
      return deepest([def.left, def.right]);
    case 'pipe':
      return deepest([def.in, def.out]);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'catch':
    case 'readonly':
    case 'success':
      return deepest([def.innerType]);
    case 'any':
    case 'unknown':
    case 'lazy':
    case 'custom':
      return Number.POSITIVE_INFINITY;
    default:
      return 0; // scalars; a transform's input is checked by the schema before it
  }
}

/**
 * The first reason a JSON body is refused before it is even parsed: an object with more than
 * `maxKeys` keys, or containers nested deeper than `maxDepth` (the root is level 0). One pass
 * over the text, stopping at the first refusal: `JSON.parse` itself spends ~200 ms on one object
 * of 90,000 keys, so the body is never handed to it. Undefined when neither (the text may still
 * be malformed: `JSON.parse` says so next).
 */
export function jsonShapeIssue(
  text: string,
  maxDepth: number,
  maxKeys = MAX_OBJECT_KEYS,
): FieldIssue | undefined {
  // One frame per open container (at most maxDepth + 1): whether it is an object, its key count
  // or current index, and where the key of its current value starts and ends in the text.
  const frames = Math.min(maxDepth, 1_000) + 1;
  const scratch = frames <= SCRATCH_FRAMES; // synchronous: one call at a time uses them
  const isObject = scratch ? SCRATCH.isObject : new Uint8Array(frames);
  const counts = scratch ? SCRATCH.counts : new Uint32Array(frames);
  const keyStart = scratch ? SCRATCH.keyStart : new Int32Array(frames);
  const keyEnd = scratch ? SCRATCH.keyEnd : new Int32Array(frames);
  let depth = 0;
  let expectKey = false;
  const at = (levels: number): string => {
    const path: (string | number)[] = [];
    for (let d = 0; d < levels; d++) {
      if (!isObject[d]) path.push(counts[d] as number);
      else {
        const token = text.slice(keyStart[d], keyEnd[d]);
        path.push(token.includes('\\') ? safeString(token) : token.slice(1, -1));
      }
    }
    return formatPath(path) || 'body';
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      const start = i;
      for (i++; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x5c /* \ */) i++;
        else if (c === 0x22) break;
      }
      if (expectKey) {
        const top = depth - 1;
        const count = (counts[top] as number) + 1;
        counts[top] = count;
        if (count > maxKeys)
          return { path: at(top), message: `Too many fields: an object here has at most ${maxKeys}.` };
        keyStart[top] = start;
        keyEnd[top] = i + 1;
        expectKey = false;
      }
    } else if (ch === 0x7b /* { */ || ch === 0x5b /* [ */) {
      if (depth >= maxDepth)
        return { path: at(depth), message: `Nested deeper than this body allows (${maxDepth} levels).` };
      isObject[depth] = ch === 0x7b ? 1 : 0;
      counts[depth] = 0;
      depth++;
      expectKey = ch === 0x7b;
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) {
      if (depth > 0) depth--;
      expectKey = false;
    } else if (ch === 0x2c /* , */ && depth > 0) {
      if (isObject[depth - 1]) expectKey = true;
      else counts[depth - 1] = (counts[depth - 1] as number) + 1;
    }
  }
  return undefined;
}

const SCRATCH_FRAMES = 32;
const SCRATCH = {
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
