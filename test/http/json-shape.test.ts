import { z } from '@hono/zod-openapi';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type JsonShapeLimits, jsonShapeIssue } from '../../src/http/json-shape.js';
import { estimateBatchLimits } from '../../src/http/routes/batch-estimates/batch-estimates.routes.js';
import { schemaBounds } from '../../src/http/schema-bounds.js';

// The pre-parse guard on its own: what it counts, where it stops, and the bounds of a schema.

const OPEN: JsonShapeLimits = { maxDepth: 1_000, maxItems: 1e9, maxValues: 1e9 };

/** Values as the guard counts them in a parsed value: itself, members, elements (an empty array: one). */
function valuesOf(value: unknown): number {
  if (Array.isArray(value))
    return 1 + Math.max(1, value.length) + value.reduce((n, v) => n + valuesOf(v) - 1, 0);
  if (value && typeof value === 'object')
    return 1 + Object.values(value).reduce<number>((n, v) => n + valuesOf(v), 0);
  return 1;
}

/** `{"items":[{},{},…]}` of `count` empty objects. */
const emptyObjects = (count: number) => `{"items":[${'{},'.repeat(count - 1)}{}]}`;

describe('the values the guard counts', () => {
  it('are the root, every member and every element, counted by hand on small bodies', () => {
    const cases: [string, number][] = [
      ['0', 1],
      ['{}', 1],
      ['[]', 2], // an empty array counts one element
      ['[1,2,3]', 4],
      ['{"items":[{},{}]}', 4],
      ['{"a":{"b":[1,{"c":null}]},"d":"x"}', 7],
      ['{"a\\"":"\\\\","b":["\\",[{}]"]}', 4], // quotes, brackets and commas inside strings are text
    ];
    for (const [text, values] of cases) {
      expect(jsonShapeIssue(text, { ...OPEN, maxValues: values }), text).toBeUndefined();
      if (values === 1) continue; // the root alone: every body holds it
      expect(jsonShapeIssue(text, { ...OPEN, maxValues: values - 1 })?.issue.message, text).toBe(
        `Too many values: this body may hold at most ${values - 1}.`,
      );
    }
  });

  it('match the parsed value of any JSON text, whatever its strings and whitespace hold', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.constantFrom(undefined, 2, '\t'), (value, space) => {
        const text = JSON.stringify(value, null, space);
        const values = valuesOf(value);
        expect(jsonShapeIssue(text, { ...OPEN, maxValues: values })).toBeUndefined();
        if (values > 1) expect(jsonShapeIssue(text, { ...OPEN, maxValues: values - 1 })).toBeDefined();
      }),
      { numRuns: 500, seed: 20_260_515 },
    );
  });
});

describe('the element limit', () => {
  it('refuses the first array over maxItems at its path, saying how many it counted', () => {
    const limits = { ...OPEN, maxItems: 3 };
    expect(jsonShapeIssue('{"a":[[1,2,3],[1,2,3]]}', limits)).toBeUndefined();
    expect(jsonShapeIssue('{"a":[[1,2,3],[1,2,3,4]]}', limits)).toEqual({
      issue: { path: 'a[1]', message: 'Too many items: no list in this body may have more than 3.' },
      items: 4,
    });
  });

  it('stops a 2 MiB body of empty objects after maxItems + 1 of them, before its malformed end', () => {
    const body = emptyObjects(699_000);
    expect(body.length).toBeGreaterThan(2_000_000);
    const refusal = jsonShapeIssue(`${body.slice(0, -2)},!!`, estimateBatchLimits as JsonShapeLimits);
    expect(refusal).toEqual({
      issue: { path: 'items', message: 'Too many items: no list in this body may have more than 1000.' },
      items: 1001,
    });
  });

  it('reads an unterminated string full of escapes in one pass (no exponential backtracking)', () => {
    // Found by the fuzzer: a JSON string holding escaped JSON, cut before its closing quote. The
    // regular expression that skipped long strings with escapes backtracked exponentially on it and
    // held the event loop for minutes; 249 bytes were enough.
    const cut = `"{${'\\"field\\":\\"value\\",'.repeat(40)}\\"grid_source\\":\\"coun`;
    expect(jsonShapeIssue(cut, OPEN)).toBeUndefined();
    expect(jsonShapeIssue(`{"a":${cut}`, OPEN)).toBeUndefined();
    // Closed, the same string is one value, and what follows it is read.
    expect(jsonShapeIssue(`[${cut}", 1, 2]`, { ...OPEN, maxItems: 2 })?.issue.message).toMatch(
      /Too many items/,
    );
  });

  it('keeps nesting and key refusals as they were, with the elements counted so far', () => {
    expect(jsonShapeIssue('[[1,2],[[3]]]', { ...OPEN, maxDepth: 2 })).toEqual({
      issue: { path: '[1][0]', message: 'Nested deeper than this body allows (2 levels).' },
      items: 2,
    });
    expect(jsonShapeIssue('{"a":1,"b":2,"c":3}', { ...OPEN, maxKeys: 2 })?.issue).toEqual({
      path: 'body',
      message: 'Too many fields: an object here has at most 2.',
    });
  });
});

describe('long runs the guard skips', () => {
  // Padding, long numbers and long strings cannot make the guard miscount or miss what follows.
  const pad = 2 * 1024 * 1024;
  it.each([
    ['whitespace', `{"items":[{}${' '.repeat(pad)},{}]}`],
    ['a long number', `{"items":[1${'0'.repeat(pad)},{}]}`],
    ['a long string', `{"items":["${'x'.repeat(pad)}",{}]}`],
    ['escaped quotes', `{"items":["${'\\"'.repeat(pad / 2)}",{}]}`],
    ['escaped backslashes', `{"items":["${'\\\\'.repeat(pad / 2)}",{}]}`],
    ['escaped quotes before brackets', `{"items":["${`${'x'.repeat(40)}\\",[{}],`.repeat(pad / 48)}",{}]}`],
  ])('%s', (_, text) => {
    expect(jsonShapeIssue(text, { ...OPEN, maxItems: 2 })).toBeUndefined();
    expect(jsonShapeIssue(text, { ...OPEN, maxItems: 1 })?.issue.path).toBe('items');
    expect(jsonShapeIssue(text, { ...OPEN, maxValues: 3 })?.issue.path).toBe('items[1]');
  });
});

describe('schemaBounds', () => {
  it('gives the depth, longest list and most values of a valid body', () => {
    const schema = z.strictObject({
      name: z.string(),
      tags: z.array(z.string()).max(5).optional(),
      pairs: z.array(z.tuple([z.number(), z.number()])).max(3),
      mode: z.union([z.literal('a'), z.strictObject({ x: z.number(), y: z.number() })]),
    });
    // root + name + tags (1 + 5) + pairs (1 + 3 × 3) + mode (1 + 2)
    expect(schemaBounds(schema)).toEqual({ depth: 3, items: 5, values: 1 + 1 + 6 + 10 + 3 });
    const valid = {
      name: 'n',
      tags: ['a', 'b', 'c', 'd', 'e'],
      pairs: [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      mode: { x: 1, y: 2 },
    };
    expect(schema.safeParse(valid).success).toBe(true);
    expect(valuesOf(valid)).toBe(schemaBounds(schema).values);
  });

  it('is unbounded where the schema does not say', () => {
    expect(schemaBounds(z.array(z.number())).items).toBe(Number.POSITIVE_INFINITY);
    expect(schemaBounds(z.strictObject({ a: z.unknown() })).values).toBe(Number.POSITIVE_INFINITY);
    expect(schemaBounds(z.record(z.string(), z.number()))).toEqual({ depth: 1, items: 0, values: 101 });
  });

  it('bounds a batch by its item limit and its largest kind of item', () => {
    expect(estimateBatchLimits.maxItems).toBe(1000);
    expect(estimateBatchLimits.maxValues).toBeGreaterThan(3 * 1000);
    expect(estimateBatchLimits.maxValues).toBeLessThan(50 * 1000);
  });
});
