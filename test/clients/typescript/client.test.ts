import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEmpreinteClient,
  type EmpreinteClient,
  type Problem,
  type Schemas,
} from '../../../clients/typescript/src/index.js';
import { type RunningServer, startNodeServer } from '../../../src/entries/node/server.js';

// The TypeScript client's source (clients/typescript/src), typed: misspelt fields and routes are
// compile errors (`npm run typecheck` fails on an unused @ts-expect-error). The built package is
// packed and run by plain `node` in package.test.ts.
const dir = mkdtempSync(join(tmpdir(), 'empreinte-sdk-'));
let server: RunningServer;
let client: EmpreinteClient;

beforeAll(async () => {
  server = await startNodeServer({ port: 0, databaseUrl: `file:${join(dir, 'sdk.db')}` });
  client = createEmpreinteClient(server.url);
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const SCALEWAY_4C: Schemas['ServerEstimateRequest'] = {
  provider: 'scaleway',
  region: 'fr-par-2',
  instance_type: 'COPARM1-4C-16G',
  duration_hours: 730,
};

describe('the typed client against the Node server', () => {
  it('estimates a server', async () => {
    const { data, error, response } = await client.POST('/v1/estimates/server', { body: SCALEWAY_4C });
    expect(response.status).toBe(200);
    expect(error).toBeUndefined();
    expect(data?.co2e_g).toBeCloseTo(1109.1026840552, 8); // server v3 (server-estimates.test.ts)
    expect(data?.breakdown.power_basis).toBe('specpower');
    expect(data?.breakdown.other_basis?.co2e_g).toBeCloseTo(1333.7636132198, 8);
    expect(data?.breakdown.embodied_co2e_g).toBeCloseTo(732.5965277778, 8);
    expect(data?.factors.map((f) => f.name)).toContain('host_embodied');
  });

  it('estimates API requests in both modes', async () => {
    const resources = await client.estimateApi({
      provider: 'scaleway',
      region: 'fr-par-2',
      instance_type: 'COPARM1-4C-16G',
      requests: 1_000_000,
      cpu_ms_per_request: 12,
      bytes_per_request: 2048,
      network_zone: 'FR',
    });
    expect(resources.data?.co2e_g).toBeCloseTo(19.629889142329, 10);
    expect(resources.data?.sci).toEqual({
      functional_unit: 'request',
      basis: 'busy-time',
      co2e_g_per_unit: resources.data?.per_request.co2e_g,
    });
    const allocation = await client.POST('/v1/estimates/api', {
      body: { server: SCALEWAY_4C, requests: 1_000_000, bytes_per_request: 2048 },
    });
    expect(allocation.data?.per_request.co2e_g).toBeCloseTo(
      1109.1026840552 / 1e6 + 2.048e-6 * 0.072 * 494,
      14,
    );
    expect(allocation.data?.breakdown.mode).toBe('allocation');
    expect(allocation.data?.sci.basis).toBe('allocation');
  });

  it('estimates a website (POST and GET)', async () => {
    const post = await client.POST('/v1/estimates/website', { body: { bytes: 1_000_000, page_views: 1000 } });
    // SWD v4 at the global 494 g/kWh: 0.001 GB · (0.194 + 0.106) kWh/GB · 494 per view
    expect(post.data?.per_view.co2e_g).toBeCloseTo(0.001 * 0.3 * 494, 12);
    expect(post.data?.total?.co2e_g).toBeCloseTo(0.001 * 0.3 * 494 * 1000, 9);
    expect(post.data?.rating).toBe('C');
    const get = await client.GET('/v1/estimates/website', { params: { query: { bytes: 1_000_000 } } });
    expect(get.data?.co2e_g).toBe(post.data?.per_view.co2e_g);
  });

  it('runs a batch, with typed per-item results', async () => {
    const { data } = await client.POST('/v1/estimates/batch', {
      body: {
        items: [
          { type: 'server', id: 'servers', ...SCALEWAY_4C },
          {
            type: 'api',
            id: 'api',
            provider: 'scaleway',
            region: 'fr-par-2',
            requests: 10,
            cpu_ms_per_request: 5,
          },
          { type: 'website', id: 'site', bytes: 1_000_000 },
          {
            type: 'server',
            id: 'bad',
            provider: 'scaleway',
            region: 'fr-par-9',
            instance_type: 'x',
            duration_hours: 1,
          },
        ],
      },
    });
    expect(data?.errors).toBe(1);
    const [servers, , site, bad] = data?.items ?? [];
    if (servers?.status !== 'ok' || servers.type !== 'server') throw new Error('expected a server estimate');
    expect(servers.estimate.breakdown.cpu_energy_kwh).toBeCloseTo(3.1589131773, 9);
    if (site?.status !== 'ok' || site.type !== 'website') throw new Error('expected a website estimate');
    expect(site.estimate.per_view.co2e_g).toBeCloseTo(0.1482, 12);
    if (bad?.status !== 'error') throw new Error('expected an error');
    expect(bad.error.status).toBe(422);
    expect(bad.error.errors?.map((e) => e.path)).toEqual(['region', 'instance_type']);
    expect(data?.by_type.server?.co2e_g).toBeCloseTo(1109.1026840552, 8);
  });

  it('compares placements', async () => {
    const { data } = await client.compare({
      workload: { kind: 'server', duration_hours: 8760 },
      candidates: [
        { provider: 'heroku', region: 'us', instance_type: 'performance-l' },
        { provider: 'scaleway', region: 'fr-par-2', instance_type: 'COPARM1-8C-32G' },
      ],
    });
    expect(data?.ranking).toEqual([1, 0]);
    const it = (8 * 2.12 * 8760) / 1000 + (((384 - 80.69) * 14) / 384) * 0.000392 * 8760;
    expect(data?.results[0]?.estimate.co2e_g).toBeCloseTo(
      it * 1.15 * 396.25 + 1610379.2 * (8 / 96) * (8760 / 35_040),
      5,
    );
    expect(data?.results[1]?.delta_pct).toBeLessThan(0);
    expect(data?.warnings).toHaveLength(1); // grid publishers (one power basis since methodology 3)
  });

  it('types the problem of an error answer', async () => {
    const { data, error, response } = await client.estimateServer({ ...SCALEWAY_4C, region: 'fr-par-9' });
    expect(response.status).toBe(422);
    expect(data).toBeUndefined();
    const problem: Problem | undefined = error;
    expect(problem?.type).toBe('/problems/unknown-reference');
    expect(error?.errors?.map((e) => e.path)).toEqual(['region']);
  });

  it('rejects misspelt fields and routes at compile time (each line below is a type error)', async () => {
    const typo = await client.estimateServer({
      provider: 'scaleway',
      region: 'fr-par-2',
      instance_type: 'COPARM1-4C-16G',
      duration_hours: 730,
      // @ts-expect-error `utilisation` is not a field (and a 400 at run time)
      utilisation: 0.5,
    });
    expect(typo.response.status).toBe(400);
    expect(typo.error?.errors).toEqual([{ path: 'utilisation', message: "Unknown field 'utilisation'." }]);
    // @ts-expect-error an estimate has no `co2_g` (it is `co2e_g`)
    expect(typo.data?.co2_g).toBeUndefined();

    const item = await client.estimateBatch({
      // @ts-expect-error a batch item of an unknown type
      items: [{ type: 'lambda', ...SCALEWAY_4C }],
    });
    expect(item.data?.items[0]?.status).toBe('error');
    const zone = await client.compare({
      workload: { kind: 'api', requests: 1, cpu_ms_per_request: 1 },
      candidates: [
        // @ts-expect-error candidates take no network_zone
        { provider: 'scaleway', region: 'fr-par-2', network_zone: 'FR' },
        { provider: 'heroku', region: 'us' },
      ],
    });
    expect(zone.response.status).toBe(400);
    // @ts-expect-error no such route
    const missing = await client.POST('/v1/estimates/servers', { body: SCALEWAY_4C });
    expect(missing.response.status).toBe(404);
  });
});
