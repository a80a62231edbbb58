import type { z } from '@hono/zod-openapi';
import { MAX_OBJECT_KEYS } from './json-shape.js';

/** The most a JSON value valid against a schema can hold; Infinity where the schema does not say. */
export interface SchemaBounds {
  /** Nesting of objects and arrays: a scalar is 0, `{a: 1}` is 1, `{a: [{}]}` is 3. */
  depth: number;
  /** Elements of its longest array. */
  items: number;
  /** Values in all: every object, array and scalar, the value itself included. */
  values: number;
}

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
  checks?: { _zod: { def: { check: string; maximum?: number; length?: number } } }[];
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

const SCALAR: SchemaBounds = { depth: 0, items: 0, values: 1 };
const UNBOUNDED: SchemaBounds = {
  depth: Number.POSITIVE_INFINITY,
  items: Number.POSITIVE_INFINITY,
  values: Number.POSITIVE_INFINITY,
};

/** Any one of `options` (a union): the largest of each bound. */
const widest = (options: SchemaBounds[]): SchemaBounds =>
  options.reduce(
    (a, b) => ({
      depth: Math.max(a.depth, b.depth),
      items: Math.max(a.items, b.items),
      values: Math.max(a.values, b.values),
    }),
    { depth: 0, items: 0, values: 0 },
  );

/** A container of `count` values of each `members` (an object's fields, a tuple's or array's elements). */
function container(members: { bounds: SchemaBounds; count: number }[], length: number): SchemaBounds {
  const inner = widest(members.map((m) => m.bounds));
  let values = 1;
  for (const m of members) if (m.count > 0) values += m.count * m.bounds.values;
  return { depth: 1 + inner.depth, items: Math.max(length, inner.items), values };
}

/** An array's `.max()` or `.length()`; Infinity without one. */
function maxLength(def: Def): number {
  let max = Number.POSITIVE_INFINITY;
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'max_length' && c.maximum !== undefined) max = Math.min(max, c.maximum);
    if (c.check === 'length_equals' && c.length !== undefined) max = Math.min(max, c.length);
  }
  return max;
}

/**
 * The most a value valid against `schema` can hold (depth, longest array, number of values), as
 * the shape guard counts them before parsing (src/http/json-shape.ts). A record's keys are bounded
 * by MAX_OBJECT_KEYS; `any`, `unknown`, `lazy` and `custom` are unbounded.
 */
export function schemaBounds(schema: z.ZodType): SchemaBounds {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const fields = Object.values(def.shape ?? {}).map((s) => ({ bounds: schemaBounds(s), count: 1 }));
      if (def.catchall && defOf(def.catchall).type !== 'never')
        fields.push({ bounds: schemaBounds(def.catchall), count: MAX_OBJECT_KEYS });
      return container(fields, 0);
    }
    case 'array': {
      const length = maxLength(def);
      return container([{ bounds: def.element ? schemaBounds(def.element) : SCALAR, count: length }], length);
    }
    case 'tuple': {
      if (def.rest) return UNBOUNDED;
      const items = (def.items ?? []).map((s) => ({ bounds: schemaBounds(s), count: 1 }));
      return container(items, items.length);
    }
    case 'record':
    case 'map':
      return container(
        [{ bounds: def.valueType ? schemaBounds(def.valueType) : SCALAR, count: MAX_OBJECT_KEYS }],
        0,
      );
    case 'union':
      return widest((def.options ?? []).map(schemaBounds));
    case 'intersection': {
      // Both sides describe the same value: its fields are at most those of both.
      const [l, r] = [def.left, def.right].map((s) => (s ? schemaBounds(s) : SCALAR)) as [
        SchemaBounds,
        SchemaBounds,
      ];
      return { ...widest([l, r]), values: l.values + r.values };
    }
    case 'pipe':
      return widest([def.in, def.out].map((s) => (s ? schemaBounds(s) : SCALAR)));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'catch':
    case 'readonly':
    case 'success':
      return def.innerType ? schemaBounds(def.innerType) : SCALAR;
    case 'any':
    case 'unknown':
    case 'lazy':
    case 'custom':
      return UNBOUNDED;
    default:
      return SCALAR; // scalars; a transform's input is checked by the schema before it
  }
}
