import { beforeAll, describe, expect, it } from 'vitest';
import { renderOpenApiDocument } from '../../scripts/openapi-file.js';
import {
  BatchApiItemSchema,
  BatchServerItemSchema,
  BatchWebsiteItemSchema,
} from '../../src/http/routes/batch-estimates/batch-estimates.schemas.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const batch = (body: unknown) => t.post('/v1/estimates/batch', body);
const rel = (a: number, b: number) => (b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));
const paths = (p: { errors: { path: string }[] }) => p.errors.map((e) => e.path).sort();

const SERVER = {
  provider: 'scaleway',
  region: 'fr-par-2',
  instance_type: 'COPARM1-8C-32G',
  duration_hours: 8760,
  count: 2,
};
const API_RESOURCES = {
  provider: 'scaleway',
  region: 'fr-par-2',
  instance_type: 'COPARM1-8C-32G',
  requests: 50_000_000,
  cpu_ms_per_request: 15,
  bytes_per_request: 8192,
  network_zone: 'FR',
};
const API_ALLOCATION = {
  server: { provider: 'heroku', region: 'eu', instance_type: 'standard-2x', duration_hours: 730 },
  requests: 5_000_000,
  bytes_per_request: 4096,
};
const WEBSITE_TOTAL = { bytes: 2_300_000, visitor_country: 'FR', page_views: 1_200_000 };
const WEBSITE_VIEW = { bytes: 2_300_000, hosting: { provider: 'scaleway', region: 'fr-par-2' } };

const direct = async (type: string, body: unknown) => t.json(await t.post(`/v1/estimates/${type}`, body));
const FIGURES = ['co2e_g', 'co2e_g_low', 'co2e_g_high', 'energy_kwh', 'water_l'] as const;

describe('POST /v1/estimates/batch', () => {
  it('answers each item in request order, equal to its own route', async () => {
    const items = [
      { type: 'server', id: 'app-servers', ...SERVER },
      { type: 'api', id: 'partner-api', ...API_RESOURCES },
      { type: 'api', ...API_ALLOCATION },
      { type: 'website', id: 'site', ...WEBSITE_TOTAL },
      { type: 'website', id: 'landing', ...WEBSITE_VIEW },
    ];
    const res = await batch({ items });
    expect(res.status).toBe(200);
    const b = await t.json(res);
    expect(b.errors).toBe(0);
    expect(
      b.items.map((r: { id: string | null; type: string; status: string }) => [r.id, r.type, r.status]),
    ).toEqual([
      ['app-servers', 'server', 'ok'],
      ['partner-api', 'api', 'ok'],
      [null, 'api', 'ok'],
      ['site', 'website', 'ok'],
      ['landing', 'website', 'ok'],
    ]);
    expect(b.items[0].estimate).toEqual(await direct('server', SERVER));
    expect(b.items[1].estimate).toEqual(await direct('api', API_RESOURCES));
    expect(b.items[2].estimate).toEqual(await direct('api', API_ALLOCATION));
    expect(b.items[3].estimate).toEqual(await direct('website', WEBSITE_TOTAL));
    expect(b.items[4].estimate).toEqual(await direct('website', WEBSITE_VIEW));
    expect(Object.keys(b.items[0])).toEqual(['id', 'type', 'status', 'estimate']);
  });

  it('totals the items (a website counts its total with page_views, else one view), overall and per type', async () => {
    const items = [
      { type: 'server', ...SERVER },
      { type: 'api', ...API_RESOURCES },
      { type: 'website', ...WEBSITE_TOTAL },
      { type: 'website', ...WEBSITE_VIEW },
      { type: 'server', ...SERVER, count: 1 },
    ];
    const b = await t.json(await batch({ items }));
    const server2 = await direct('server', SERVER);
    const server1 = await direct('server', { ...SERVER, count: 1 });
    const api = await direct('api', API_RESOURCES);
    const site = await direct('website', WEBSITE_TOTAL);
    const view = await direct('website', WEBSITE_VIEW);
    // The website with page_views counts its total; the other one view.
    expect(rel(site.co2e_g, site.total.co2e_g)).toBeLessThan(1e-12);
    expect(rel(site.co2e_g, site.per_view.co2e_g * 1_200_000)).toBeLessThan(1e-12);
    expect(view.co2e_g).toBe(view.per_view.co2e_g);
    for (const k of FIGURES) {
      expect(rel(b.by_type.server[k], server2[k] + server1[k]), `server ${k}`).toBeLessThan(1e-12);
      expect(rel(b.by_type.api[k], api[k]), `api ${k}`).toBeLessThan(1e-12);
      expect(rel(b.by_type.website[k], site[k] + view[k]), `website ${k}`).toBeLessThan(1e-12);
      const sum = server2[k] + api[k] + site[k] + view[k] + server1[k];
      expect(rel(b.total[k], sum), `total ${k}`).toBeLessThan(1e-12);
    }
    expect(Object.keys(b.by_type)).toEqual(['server', 'api', 'website']);
    expect(b.total.co2e_g_low).toBeLessThanOrEqual(b.total.co2e_g);
    expect(b.total.co2e_g).toBeLessThanOrEqual(b.total.co2e_g_high);
  });

  it('never mixes CPU power bases (methodology 3), and applies the batch grid_source where an item sets none', async () => {
    const aws = { provider: 'aws', region: 'eu-west-3', instance_type: 'm5.large', duration_hours: 10 };
    const same = await t.json(await batch({ items: [{ type: 'server', ...SERVER }] }));
    expect(same.warnings).toEqual([]);
    const mixed = await t.json(
      await batch({
        grid_source: 'country',
        items: [
          { type: 'server', ...SERVER },
          { type: 'server', ...aws },
          { type: 'server', ...aws, grid_source: 'regional' },
          { type: 'api', server: aws, requests: 10 },
          { type: 'website', bytes: 1000 },
        ],
      }),
    );
    // v2 warned here (Scaleway's TDP curve beside AWS's SPECpower): v3 has one basis, so no warning.
    // A v2 factor set still warns: test/services/v2-replay.test.ts replays such a batch.
    expect(mixed.warnings).toEqual([]);
    for (const i of [0, 1, 2, 3]) expect(mixed.items[i].estimate.breakdown.power_basis).toBe('specpower');
    const grid = (i: number) =>
      mixed.items[i].estimate.factors.find((f: { name: string }) => f.name === 'grid_intensity');
    expect(grid(0)).toMatchObject({ value: 44.18, source_id: 'ember-via-co2js' });
    expect(grid(1)).toMatchObject({ value: 44.18, source_id: 'ember-via-co2js' });
    expect(grid(2)).toMatchObject({ value: 52.87, source_id: 'gsf-real-time-cloud-2026' });
    expect(grid(3)).toMatchObject({ value: 44.18, source_id: 'ember-via-co2js' });
    expect(mixed.items[1].estimate).toEqual(
      await t.json(await t.post('/v1/estimates/server', { ...aws, grid_source: 'country' })),
    );
  });

  it('answers bad items in place while the others succeed', async () => {
    const items = [
      { type: 'server', id: 'ok-1', ...SERVER },
      42,
      null,
      ['server'],
      { id: 'no-type', ...SERVER },
      { type: 'lambda', id: 'bad-type', ...SERVER },
      { type: 'server', id: 'typo', ...SERVER, utilisation: 0.3 },
      { type: 'server', id: 'unknown-region', ...SERVER, region: 'fr-par-9' },
      { type: 'api', id: 'mixed', ...API_RESOURCES, server: SERVER },
      { type: 'website', id: 'negative', bytes: -1 },
      { type: 'api', id: 'bad-zone', ...API_ALLOCATION, network_zone: 'XX' },
      { type: 'server', id: 7, ...SERVER },
      { type: 'website', id: 'ok-2', ...WEBSITE_VIEW },
    ];
    const res = await batch({ items });
    expect(res.status).toBe(200);
    const b = await t.json(res);
    const r = b.items;
    expect(r).toHaveLength(items.length);
    expect(b.errors).toBe(11);
    expect(r.map((x: { status: string }) => x.status)).toEqual(['ok', ...Array(11).fill('error'), 'ok']);
    for (const bad of [r[1], r[2], r[3]]) {
      expect(bad).toMatchObject({ id: null, type: null, status: 'error' });
      expect(bad.error).toMatchObject({ status: 400, type: '/problems/validation-error' });
      expect(paths(bad.error)).toEqual(['item']);
    }
    expect(r[4]).toMatchObject({ id: 'no-type', type: null });
    expect(r[4].error.errors).toEqual([
      {
        path: 'type',
        message:
          "Required: one of 'server', 'api', 'website', 'storage', 'network', 'managed_database', 'llm'.",
      },
    ]);
    expect(r[5]).toMatchObject({ id: 'bad-type', type: null });
    expect(r[5].error.errors[0]).toMatchObject({
      path: 'type',
      message: expect.stringContaining('"lambda"'),
    });
    expect(r[6]).toMatchObject({ id: 'typo', type: 'server' });
    expect(r[6].error.errors).toEqual([{ path: 'utilisation', message: "Unknown field 'utilisation'." }]);
    expect(r[7]).toMatchObject({ id: 'unknown-region', type: 'server' });
    expect(r[7].error).toMatchObject({ status: 422, type: '/problems/unknown-reference' });
    expect(paths(r[7].error)).toEqual(['region']);
    expect(r[8].error.status).toBe(400);
    expect(paths(r[8].error)).toEqual(['cpu_ms_per_request', 'instance_type', 'provider', 'region']);
    expect(r[8].error.errors[0].message).toMatch(/belongs to resources mode/);
    expect(paths(r[9].error)).toEqual(['bytes']);
    expect(r[10].error.status).toBe(422);
    expect(paths(r[10].error)).toEqual(['network_zone']);
    expect(r[11]).toMatchObject({ id: null, type: 'server', status: 'error' });
    expect(paths(r[11].error)).toEqual(['id']);
    expect(r[12]).toMatchObject({ id: 'ok-2', type: 'website', status: 'ok' });

    const server = await direct('server', SERVER);
    const view = await direct('website', WEBSITE_VIEW);
    for (const k of FIGURES) expect(rel(b.total[k], server[k] + view[k])).toBeLessThan(1e-12);
    // Types present with no successful item total 0; items without a valid type count nowhere.
    expect(b.by_type.api).toEqual({ co2e_g: 0, co2e_g_low: 0, co2e_g_high: 0, energy_kwh: 0, water_l: 0 });
    expect(Object.keys(b.by_type)).toEqual(['server', 'api', 'website']);
  });

  it('answers an item with the problem its own route would answer (paths relative to the item)', async () => {
    const bodies: [string, Record<string, unknown>][] = [
      ['server', { ...SERVER, duration_hours: 0, hardware: { vcpus: 0, memory_gb: 1 } }],
      ['server', { ...SERVER, provider: 'aws', region: 'mars-1', instance_type: 'm5.lrage' }],
      ['api', { server: { ...SERVER, region: 'fr-par-9' }, requests: 1, network_zone: 'XX' }],
      ['api', { provider: 'scaleway', region: 'fr-par-2', requests: 0, cpu_ms_per_request: -3 }],
      ['website', { bytes: 1000, model: 'onebyte', first_visit_ratio: 0.5 }],
      ['website', { bytes: 1000, visitor_country: 'XX', hosting: { provider: 'aws', region: 'moon' } }],
    ];
    const b = await t.json(await batch({ items: bodies.map(([type, body]) => ({ type, ...body })) }));
    for (const [i, [type, body]] of bodies.entries()) {
      const own = await t.post(`/v1/estimates/${type}`, body);
      expect(own.status).toBeGreaterThanOrEqual(400);
      expect(b.items[i].error, `${type} #${i}`).toEqual(await t.json(own));
    }
    expect(b.errors).toBe(bodies.length);
    expect(b.total).toEqual({ co2e_g: 0, co2e_g_low: 0, co2e_g_high: 0, energy_kwh: 0, water_l: 0 });
  });

  it('answers 400 naming items for an empty list, over 1,000 items, or no list', async () => {
    for (const body of [
      { items: [] },
      { items: Array.from({ length: 1001 }, () => ({ type: 'server', ...SERVER })) },
    ]) {
      const res = await batch(body);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      const p = await t.json(res);
      expect(paths(p)).toEqual(['items']);
    }
    const none = await t.json(await batch({ item: [] }));
    expect(paths(none)).toEqual(['item', 'items']);
    const notArray = await t.json(await batch({ items: { type: 'server' } }));
    expect(paths(notArray)).toEqual(['items']);
    const bare = await t.json(await batch([{ type: 'server', ...SERVER }]));
    expect(paths(bare)).toEqual(['body']);
  });

  it('answers 1,000 mixed items from the loaded catalog, without SQL', async () => {
    const kinds = [
      { type: 'server', ...SERVER },
      { type: 'api', ...API_RESOURCES },
      { type: 'api', ...API_ALLOCATION },
      { type: 'website', ...WEBSITE_TOTAL },
    ];
    const items = Array.from({ length: 1000 }, (_, i) => ({ ...kinds[i % 4], id: `item-${i}` }));
    await batch({ items: items.slice(0, 1) }); // warm: the catalog is loaded once
    t.resetSqlCount();
    const started = performance.now();
    const res = await batch({ items });
    const b = await t.json(res);
    const ms = performance.now() - started;
    expect(res.status).toBe(200);
    expect(t.sqlCount()).toBe(0);
    expect(b.errors).toBe(0);
    expect(b.items).toHaveLength(1000);
    expect(b.items[999].id).toBe('item-999');
    const one = await t.json(await batch({ items: kinds }));
    for (const k of FIGURES) expect(rel(b.total[k], one.total[k] * 250)).toBeLessThan(1e-9);
    expect(ms).toBeLessThan(5000); // a generous ceiling (~150 ms measured in-process on 2 cores)
  });
});

describe('batch in the OpenAPI document', () => {
  const doc = JSON.parse(renderOpenApiDocument());

  it('documents items as a oneOf of the server, api, website, storage, network, managed database and llm kinds', () => {
    const body = doc.paths['/v1/estimates/batch'].post.requestBody.content['application/json'].schema;
    expect(body).toEqual({ $ref: '#/components/schemas/BatchEstimateRequest' });
    const items = doc.components.schemas.BatchEstimateRequest.properties.items;
    expect(items).toMatchObject({ type: 'array', minItems: 1, maxItems: 1000 });
    expect(items.items).toEqual({
      oneOf: [
        { $ref: '#/components/schemas/BatchServerItem' },
        { $ref: '#/components/schemas/BatchApiItem' },
        { $ref: '#/components/schemas/BatchWebsiteItem' },
        { $ref: '#/components/schemas/BatchStorageItem' },
        { $ref: '#/components/schemas/BatchNetworkItem' },
        { $ref: '#/components/schemas/BatchManagedDatabaseItem' },
        { $ref: '#/components/schemas/BatchLlmItem' },
      ],
    });
    const s = doc.components.schemas;
    expect(s.BatchServerItem.properties.type).toMatchObject({ enum: ['server'] });
    expect(s.BatchServerItem.required).toEqual(
      expect.arrayContaining(['type', 'provider', 'region', 'duration_hours']),
    );
    expect(s.BatchServerItem.additionalProperties).toBe(false);
    expect(s.BatchApiItem.anyOf).toEqual([
      { $ref: '#/components/schemas/BatchApiAllocationItem' },
      { $ref: '#/components/schemas/BatchApiResourcesItem' },
    ]);
    expect(s.BatchWebsiteItem.properties.type).toMatchObject({ enum: ['website'] });
    expect(s.BatchEstimate.required).toEqual(['items', 'total', 'by_type', 'errors', 'warnings']);
  });

  it('describes the items the route accepts (documentation-only schemas parse them)', () => {
    expect(BatchServerItemSchema.safeParse({ type: 'server', id: 'a', ...SERVER }).success).toBe(true);
    expect(BatchApiItemSchema.safeParse({ type: 'api', ...API_RESOURCES }).success).toBe(true);
    expect(BatchApiItemSchema.safeParse({ type: 'api', ...API_ALLOCATION }).success).toBe(true);
    expect(BatchWebsiteItemSchema.safeParse({ type: 'website', ...WEBSITE_TOTAL }).success).toBe(true);
    expect(BatchServerItemSchema.safeParse({ type: 'api', ...SERVER }).success).toBe(false);
  });
});
