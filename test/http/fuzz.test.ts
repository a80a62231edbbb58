import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type EmpreinteApp } from '../../src/http/app.js';
import { createMemoryRateLimiter } from '../../src/http/edge/rate-limit.js';
import { memoryStores } from '../helpers/edge-app.js';

/**
 * Property-based fuzzing of every operation of the served OpenAPI document (routes that land later
 * are covered without touching this file): hostile bodies, query strings and path parameters are
 * derived from each operation's own schemas, then mutated. Whatever comes in, the app must never
 * answer 5xx, and every 4xx must be a parseable application/problem+json with a matching status.
 */

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema fragments of the OpenAPI document
type Schema = any;
interface Operation {
  method: string;
  path: string;
  op: Schema;
}

const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 110);
const SEED = Number(process.env.FUZZ_SEED ?? 20_251_126);

let app: EmpreinteApp;
let doc: Schema;
let operations: Operation[];
let requestsSent = 0;
const statuses = new Map<number, number>();

beforeAll(async () => {
  const stores = await memoryStores();
  app = createApp({
    ...stores,
    logError: () => {},
    // The edge as on Node, with a quota the fuzzer cannot exhaust: its code path runs every time.
    rateLimiter: createMemoryRateLimiter({ perMinute: 1e12 }),
    clientIp: () => '203.0.113.77',
    closeUnreadBodies: true,
  });
  doc = await (await app.request('/openapi.json')).json();
  operations = [];
  for (const [path, item] of Object.entries<Schema>(doc.paths))
    for (const [method, op] of Object.entries<Schema>(item)) operations.push({ method, path, op });
});

// ---- values from schemas ----------------------------------------------------------------------

function resolve(schema: Schema): Schema {
  let s = schema;
  for (let i = 0; s?.$ref && i < 20; i++) s = doc.components.schemas[s.$ref.split('/').pop() as string];
  return s ?? {};
}

const HOSTILE_STRINGS = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  '-0',
  '1e999',
  '0x10',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'prototype',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '\uffff',
  '\ud800',
  '💥🔥',
  'שלום',
  'é'.normalize('NFD'),
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  'javascript:alert(1)',
  'http://user:pass@example.org/',
  `https://example.org/${'a'.repeat(3000)}`,
  'x'.repeat(100_000),
];
const HOSTILE_NUMBERS = [
  0,
  -0,
  -1,
  0.5,
  1e-320,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER - 2,
  2 ** 31,
  2 ** 53,
  1e21,
  123456789.12345679,
];

const hostileScalar = fc.oneof(
  fc.constantFrom<unknown>(...HOSTILE_STRINGS),
  fc.constantFrom<unknown>(...HOSTILE_NUMBERS),
  fc.constantFrom<unknown>(null, true, false, [], {}, [[]], { '': '' }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.double(),
  fc.integer(),
);

/** A value that mostly satisfies `schema`, at nesting `depth`. */
function valid(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  if (depth > 6) return fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return fc.oneof(...alts.map((a: Schema) => valid(a, depth + 1)));
  if (s.allOf) return valid(s.allOf[0], depth + 1);
  if (s.example !== undefined && depth > 0) return fc.oneof(fc.constant(s.example), validByType(s, depth));
  return validByType(s, depth);
}

function validByType(s: Schema, depth: number): fc.Arbitrary<unknown> {
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const props: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries<Schema>(s.properties ?? {})) props[k] = valid(v, depth + 1);
      const required: string[] = (s.required ?? []).filter((k: string) => k in props);
      if (Object.keys(props).length === 0) return fc.constant({});
      return fc.record(props, { requiredKeys: required });
    }
    case 'array':
      return fc.array(valid(s.items ?? {}, depth + 1), {
        minLength: Math.min(s.minItems ?? 0, 3),
        maxLength: Math.min(s.maxItems ?? 4, 4),
      });
    case 'integer':
      return fc.integer({
        min: Math.max(Math.ceil(s.minimum ?? 0), -1e6),
        max: Math.min(Math.floor(s.maximum ?? 1e6), 1e9),
      });
    case 'number':
      return fc.double({
        min: Math.max(s.minimum ?? s.exclusiveMinimum ?? 0, -1e6),
        max: Math.min(s.maximum ?? s.exclusiveMaximum ?? 1e6, 1e9),
        noNaN: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'string':
      if (s.format === 'uri' || /url/i.test(s.description ?? ''))
        return fc.oneof(fc.webUrl(), fc.constant('https://example.org/'));
      return fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom('aws', 'scaleway', 'fr-par-2', 'us-east-1', 'm5.large', 'FR', 'FRA', 'swd-v4'),
      );
    default:
      return hostileScalar;
  }
}

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (value && typeof value === 'object' && prefix.length < 8)
    for (const [k, v] of Object.entries(value))
      paths(v, [...prefix, Array.isArray(value) ? Number(k) : k], out);
  return out;
}

function setAt(root: unknown, path: Path, make: (old: unknown) => unknown): unknown {
  if (path.length === 0) return make(root);
  const [head, ...rest] = path as [string | number, ...Path];
  const copy = Array.isArray(root) ? [...root] : { ...(root as object) };
  (copy as Record<string | number, unknown>)[head] = setAt(
    (root as Record<string | number, unknown>)[head],
    rest,
    make,
  );
  return copy;
}

const nested = (depth: number, leaf: string) => '['.repeat(depth) + leaf + ']'.repeat(depth);

/** Mutations of one node of a valid-ish value. */
const mutation = fc.oneof(
  hostileScalar.map((v) => () => v),
  fc.constant((old: unknown) => [old]), // an array where a value is expected
  fc.constant((old: unknown) => ({ value: old })), // an object where a value is expected
  fc.constant((old: unknown) => (typeof old === 'number' ? String(old) : JSON.stringify(old))), // as a string
  fc.constant((old: unknown) => (typeof old === 'number' ? -old : old)),
  fc.constant((old: unknown) => (typeof old === 'number' ? old * 1e300 : old)),
  fc.constant((old: unknown) =>
    old && typeof old === 'object' && !Array.isArray(old) ? { ...old, utilisation: 0.5, zzz: 1 } : old,
  ),
  fc.constant((old: unknown) => (Array.isArray(old) ? Array(1200).fill(old[0] ?? {}) : old)),
  fc.constant(() => undefined),
);

/** A hostile JSON text for a body schema: a valid-ish value, mutated, serialized, maybe mangled. */
function hostileBody(schema: Schema): fc.Arbitrary<string> {
  const mutated = valid(schema).chain((value) =>
    fc.array(fc.tuple(fc.nat(), mutation), { minLength: 0, maxLength: 3 }).map((ms) => {
      let v = value;
      for (const [pick, make] of ms) {
        const all = paths(v);
        v = setAt(v, all[pick % all.length] as Path, make);
      }
      return JSON.stringify(v) ?? 'null';
    }),
  );
  return fc.oneof(
    { weight: 6, arbitrary: mutated },
    {
      weight: 1,
      arbitrary: mutated.map((t) =>
        t.startsWith('{')
          ? `{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}},${t.slice(1)}`
          : t,
      ),
    },
    { weight: 1, arbitrary: mutated.chain((t) => fc.nat({ max: t.length }).map((n) => t.slice(0, n))) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        nested(5000, '1'),
        `{"items":${nested(3000, '{}')}}`,
        `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`,
        '',
        'null',
        '[]',
        '"string"',
        '{"bytes": 1e999}',
        '{"bytes": -0}',
        '{"bytes": NaN}',
        '{,}',
        '\ufeff{"bytes": 1000}',
        '{"bytes": 1000, "bytes": "x"}',
        `{"bytes": ${'9'.repeat(400)}}`,
        '{"items": "x"}',
        '{"items": {}}',
      ),
    },
  );
}

const paramValue = (schema: Schema): fc.Arbitrary<string> =>
  fc.oneof(
    valid(schema).map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))),
    hostileScalar.map((v) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))),
  );

/** A request for one operation: path params, query string, body and headers, all hostile. */
function hostileRequest({ method, path, op }: Operation): fc.Arbitrary<{ url: string; init: RequestInit }> {
  const params: Schema[] = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;

  const pathArb = fc.tuple(...pathParams.map((p) => paramValue(p.schema ?? {}))).map((values) => {
    let url = path;
    pathParams.forEach((p, i) => {
      url = url.replace(`{${p.name}}`, encodeURIComponent(values[i] ?? ''));
    });
    return url;
  });
  const queryArb = fc
    .tuple(
      fc.tuple(...queryParams.map((p) => fc.option(paramValue(p.schema ?? {}), { freq: 3 }))),
      fc.array(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'x', 'bytes[]', ''), fc.string()), {
        maxLength: 2,
      }),
    )
    .map(([values, extra]) => {
      const q = new URLSearchParams();
      queryParams.forEach((p, i) => {
        if (values[i] != null) q.append(p.name, values[i] as string);
      });
      for (const [k, v] of extra) q.append(k, v);
      const text = q.toString();
      return text ? `?${text}` : '';
    });
  const bodyArb: fc.Arbitrary<string | undefined> = bodySchema
    ? hostileBody(bodySchema)
    : fc.constant(undefined);
  const typeArb = fc.constantFrom(
    'application/json',
    'application/json',
    'application/json; charset=utf-8',
    'application/merge-patch+json',
    'text/plain',
  );
  return fc.tuple(pathArb, queryArb, bodyArb, typeArb).map(([p, q, body, type]) => ({
    url: `http://empreinte.test${p}${q}`,
    init:
      body === undefined
        ? { method: method.toUpperCase() }
        : { method: method.toUpperCase(), headers: { 'content-type': type }, body },
  }));
}

async function expectClean(res: Response, label: string) {
  expect(res.status, label).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get('content-type'), label).toBe('application/problem+json');
    const problem = JSON.parse(await res.text());
    expect(problem.status, label).toBe(res.status);
    expect(typeof problem.type, label).toBe('string');
    expect(typeof problem.title, label).toBe('string');
    expect(typeof problem.detail, label).toBe('string');
    expect(JSON.stringify(problem), label).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/); // no stack traces
  } else if ((res.headers.get('content-type') ?? '').startsWith('application/json')) {
    JSON.parse(await res.text());
  } else {
    await res.arrayBuffer();
  }
  expect(Object.getPrototypeOf({}).polluted, 'no prototype pollution').toBeUndefined();
}

describe('fuzzing every operation of the OpenAPI document', () => {
  it('covers the documented operations', () => {
    expect(operations.length).toBeGreaterThanOrEqual(15);
    expect(operations.map((o) => `${o.method} ${o.path}`)).toContain('post /v1/estimates/server');
  });

  it(`never answers 5xx, and answers every 4xx with problem+json (${RUNS_PER_OPERATION} cases per operation)`, async () => {
    for (const operation of operations) {
      await fc.assert(
        fc.asyncProperty(hostileRequest(operation), async ({ url, init }) => {
          requestsSent += 1;
          const res = await app.request(url, init);
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          await expectClean(
            res,
            `${init.method} ${url.slice(0, 200)} ${String(init.body ?? '').slice(0, 300)}`,
          );
        }),
        { numRuns: RUNS_PER_OPERATION, seed: SEED, endOnFailure: true },
      );
    }
    expect(requestsSent).toBeGreaterThanOrEqual(2_000);
    // The generator reaches past validation too: some requests are answered, most are refused.
    expect(statuses.get(200) ?? 0, JSON.stringify([...statuses])).toBeGreaterThan(100);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(500);
    if (process.env.FUZZ_VERBOSE) console.log(requestsSent, [...statuses].sort());
  }, 240_000);

  it('answers wrong methods and unknown paths of every documented route cleanly', async () => {
    for (const { path } of operations) {
      const url = path.replace(/\{[^}]+\}/g, 'x');
      for (const method of ['PUT', 'DELETE', 'PATCH', 'GET', 'POST']) {
        const res = await app.request(url, {
          method,
          headers: { 'content-type': 'application/json' },
          body: method === 'GET' ? undefined : '{}',
        });
        await expectClean(res, `${method} ${url}`);
      }
      await expectClean(await app.request(`${url}/%2e%2e/%00`), `GET ${url}/%2e%2e/%00`);
    }
  });
});
