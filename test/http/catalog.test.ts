import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const get = async (path: string, status = 200) => {
  const res = await t.request(path);
  expect(res.status, path).toBe(status);
  return t.json(res);
};

describe('providers', () => {
  it('lists the eight providers with their defaults', async () => {
    const { data } = await get('/v1/providers');
    expect(data.map((p: { id: string }) => p.id)).toEqual([
      'aws',
      'azure',
      'clever-cloud',
      'gcp',
      'heroku',
      'hetzner',
      'ovhcloud',
      'scaleway',
    ]);
    const aws = data.find((p: { id: string }) => p.id === 'aws');
    expect(aws.defaults).toMatchObject({
      pue: 1.15,
      wue_l_per_kwh: 0.18,
      cpu_family_x86_64: 'AWS average (unknown CPU)',
      lifespan_hours: 35_040,
    });
    expect(aws.regions_count).toBe(33);
    expect(aws.instance_types_count).toBe(505 + 93 + 31); // CCF + arm-instances.csv + GPU types CCF lacks
    const scw = data.find((p: { id: string }) => p.id === 'scaleway');
    expect(scw.defaults).toMatchObject({
      pue: null,
      cpu_family_arm64: 'Ampere Altra Max M128-30',
      lifespan_hours: 52_560,
    });
  });

  it('gets one provider, any case, and 404s an unknown one listing the valid ids', async () => {
    expect((await get('/v1/providers/GCP')).id).toBe('gcp');
    const res = await t.request('/v1/providers/linode');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect((await t.json(res)).detail).toContain('clever-cloud');
    expect((await t.request('/v1/providers/linode/regions')).status).toBe(404);
    expect((await t.request('/v1/providers/linode/instance-types')).status).toBe(404);
  });
});

describe('regions', () => {
  it('lists every Scaleway zone with published PUE, WUE and grid', async () => {
    const { data } = await get('/v1/providers/scaleway/regions');
    expect(data).toHaveLength(9);
    const par2 = data.find((r: { id: string }) => r.id === 'fr-par-2');
    expect(par2).toMatchObject({
      provider: 'scaleway',
      name: "Saint-Ouen-l'Aumone",
      datacenter: 'DC5',
      country: 'FR',
      grid_zone: 'FR',
      pue: 1.16,
      wue_l_per_kwh: 0.25,
      grid_intensity_g_per_kwh: 44,
      ewif_l_per_kwh: 3.673696,
      runs_on: null,
      warnings: [],
    });
    expect(par2.factors.map((f: { name: string }) => f.name)).toEqual([
      'pue',
      'wue',
      'grid_intensity',
      'ewif',
    ]);
  });

  it('resolves AWS regions without a published PUE to the AWS default, and unknown grids to the country', async () => {
    const { data } = await get('/v1/providers/aws/regions');
    const paris = data.find((r: { id: string }) => r.id === 'eu-west-3');
    expect(paris.pue).toBe(1.15);
    expect(paris.factors[0]).toMatchObject({ name: 'pue', status: 'default' });
    expect(paris.grid_intensity_g_per_kwh).toBe(52.87);
    const calgary = data.find((r: { id: string }) => r.id === 'ca-west-1');
    const canada = await get('/v1/grid-intensity/CA');
    expect(calgary.grid_intensity_g_per_kwh).toBe(canada.grid_intensity_g_per_kwh);
    expect(calgary.factors[2]).toMatchObject({ name: 'grid_intensity', status: 'proxy', year: 2024 });
  });

  it('gives Heroku regions the factors of the AWS region they run on', async () => {
    const heroku = (await get('/v1/providers/heroku/regions')).data;
    const aws = (await get('/v1/providers/aws/regions')).data;
    const us = heroku.find((r: { id: string }) => r.id === 'us');
    const east1 = aws.find((r: { id: string }) => r.id === 'us-east-1');
    expect(us.runs_on).toEqual({ provider: 'aws', region: 'us-east-1' });
    expect(us.pue).toBe(east1.pue);
    expect(us.wue_l_per_kwh).toBe(east1.wue_l_per_kwh);
    expect(us.grid_intensity_g_per_kwh).toBe(396.25);
    expect(us.country).toBe('US');
  });

  it('uses the industry average PUE where a provider publishes none (Clever Cloud par)', async () => {
    const { data } = await get('/v1/providers/clever-cloud/regions');
    const par = data.find((r: { id: string }) => r.id === 'par');
    expect(par.pue).toBe(1.56);
    expect(par.wue_l_per_kwh).toBe(0);
    expect(par.warnings.join(' ')).toMatch(/WUE/);
  });
});

describe('instance types', () => {
  it('lists instance shapes with CPU and host', async () => {
    const { data } = await get('/v1/providers/scaleway/instance-types');
    expect(data).toHaveLength(56 + 15); // + the GPU Instances (issue 22)
    expect(data.find((i: { id: string }) => i.id === 'COPARM1-4C-16G')).toMatchObject({
      vcpus: 4,
      memory_gb: 16,
      cpu_family: 'Ampere Altra Max M128-30',
      cpu_family_status: 'published',
      cpu_architecture: 'arm64',
      host_vcpus: 128,
      host_embodied_kgco2e: 1687.9024,
      embodied_status: 'proxy',
    });
    const aws = (await get('/v1/providers/aws/instance-types')).data;
    expect(aws).toHaveLength(505 + 93 + 31); // CCF + arm-instances.csv + gpu-instances.csv (p5, g6…)
    expect(aws.find((i: { id: string }) => i.id === 'm6g.large')).toMatchObject({
      cpu_architecture: 'arm64',
      host_vcpus: 64,
    });
    expect(aws.find((i: { id: string }) => i.id === 'm7g.large')).toMatchObject({
      vcpus: 2,
      memory_gb: 8,
      cpu_family: 'AWS Graviton3',
      cpu_architecture: 'arm64',
      host_vcpus: 64,
      embodied_status: 'proxy',
    });
    expect(aws.find((i: { id: string }) => i.id === 'm8g.large')).toMatchObject({
      cpu_family: 'AWS Graviton4',
      cpu_architecture: 'arm64',
      host_vcpus: 192,
    });
    expect((await get('/v1/providers/azure/instance-types')).data).toHaveLength(453 + 44 + 9); // + 9 GPU sizes
    expect((await get('/v1/providers/gcp/instance-types')).data).toHaveLength(128 + 48 + 19); // + 19 GPU types
    const dynos = (await get('/v1/providers/heroku/instance-types')).data;
    expect(dynos).toHaveLength(9);
    expect(dynos.find((d: { id: string }) => d.id === 'performance-l')).toMatchObject({
      vcpus: 8,
      vcpus_status: 'estimated',
      memory_gb: 14,
    });
    // Issue 21: OVHcloud's Public Cloud catalog (Boavizta's archetypes), hosts from Boavizta or the proxy.
    const ovh = (await get('/v1/providers/ovhcloud/instance-types')).data;
    expect(ovh).toHaveLength(41 + 3); // + the t2-le GPU types (issue 22)
    expect(ovh.find((i: { id: string }) => i.id === 'b3-16')).toMatchObject({
      vcpus: 4,
      memory_gb: 16,
      cpu_family: 'AMD EPYC 3rd Gen',
      cpu_family_status: 'published',
      host_vcpus: 256,
      embodied_status: 'proxy',
    });
  });
});

describe('grid intensity', () => {
  it('accepts alpha-2 and alpha-3 in any case', async () => {
    const answers = await Promise.all(['fr', 'FR', 'fra', 'FRA'].map((z) => get(`/v1/grid-intensity/${z}`)));
    for (const a of answers) {
      expect(a).toEqual({
        zone: 'FRA',
        country_alpha2: 'FR',
        name: 'France',
        year: 2024,
        grid_intensity_g_per_kwh: 44.18,
        source_id: answers[0].source_id,
      });
    }
    const world = await get('/v1/grid-intensity/world');
    expect(world.zone).toBe('WORLD');
    expect(world.country_alpha2).toBeNull();
  });

  it('lists countries and the world, and 404s an unknown zone', async () => {
    const { data } = await get('/v1/grid-intensity');
    expect(data.length).toBeGreaterThan(150);
    expect(data.some((z: { zone: string }) => z.zone === 'WORLD')).toBe(true);
    const res = await t.request('/v1/grid-intensity/XX');
    expect(res.status).toBe(404);
    expect((await t.json(res)).detail).toMatch(/alpha-2/);
  });
});

describe('sources', () => {
  it('cites every source a catalog factor names', async () => {
    const { data } = await get('/v1/sources');
    const ids = new Set(data.map((s: { id: string }) => s.id));
    for (const s of data) {
      expect(s.title, s.id).toBeTruthy();
      expect(s.publisher, s.id).toBeTruthy();
    }
    for (const provider of (await get('/v1/providers')).data) {
      for (const region of (await get(`/v1/providers/${provider.id}/regions`)).data) {
        for (const f of region.factors)
          if (f.source_id !== null)
            expect(ids.has(f.source_id), `${region.id} ${f.name} ${f.source_id}`).toBe(true);
        expect(ids.has(region.source_id)).toBe(true);
      }
      for (const it of (await get(`/v1/providers/${provider.id}/instance-types`)).data) {
        expect(ids.has(it.source_id), `${it.id} ${it.source_id}`).toBe(true);
      }
    }
    for (const z of (await get('/v1/grid-intensity')).data) expect(ids.has(z.source_id)).toBe(true);
  });
});
