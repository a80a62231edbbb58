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
 * The first reason a parsed JSON body is refused before validation: an object with more than
 * `maxKeys` keys, or nesting deeper than `maxDepth`. Undefined when neither. Stops at the first
 * one, so its cost is bounded by the body size and never by the number of problems in it.
 */
export function jsonShapeIssue(
  value: unknown,
  maxDepth: number,
  maxKeys = MAX_OBJECT_KEYS,
): FieldIssue | undefined {
  const path: (string | number)[] = [];
  const at = () => formatPath(path) || 'body';

  const visit = (v: unknown, depth: number): FieldIssue | undefined => {
    if (typeof v !== 'object' || v === null) return undefined;
    if (depth >= maxDepth)
      return { path: at(), message: `Nested deeper than this body allows (${maxDepth} levels).` };
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        const issue = visit(v[i], depth + 1);
        if (issue) return issue;
        path.pop();
      }
      return undefined;
    }
    let keys = 0;
    for (const key in v) {
      if (++keys > maxKeys)
        return { path: at(), message: `Too many fields: an object here has at most ${maxKeys}.` };
      path.push(key);
      const issue = visit((v as Record<string, unknown>)[key], depth + 1);
      if (issue) return issue;
      path.pop();
    }
    return undefined;
  };
  return visit(value, 0);
}
