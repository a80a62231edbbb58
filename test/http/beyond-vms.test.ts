import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

type Factor = { name: string; value: number; status: string; source_id: string | null };
type Named =
  | 'replication_factor'
  | 'storage_power_hdd'
  | 'storage_power_ssd'
  | 'network_energy'
  | 'pue'
  | 'grid_intensity'
  | 'wue'
  | 'ewif';
const factorsOf = (e: { factors: Factor[] }) =>
  Object.fromEntries(e.factors.map((f) => [f.name, f.value])) as Record<Named, number>;
const list = async (path: string) => (await t.json(await t.request(path))).data as Record<string, unknown>[];
const byId = (rows: Record<string, unknown>[], id: string) => rows.find((r) => r.id === id);

describe('catalogs beyond AWS, GCP, Azure, Scaleway and Heroku', () => {
  it('counts each new catalog (instance types, regions, storage services, plans)', async () => {
    const providers = await list('/v1/providers');
    const counts = Object.fromEntries(
      providers.map((p) => [
        p.id,
        [p.regions_count, p.instance_types_count, p.storage_services_count, p.database_plans_count],
      ]),
    );
    expect(counts.hetzner).toEqual([6, 17, 2, 0]);
    expect(counts.ovhcloud).toEqual([10, 41 + 3, 2, 0]); // + 3 GPU types t2-le (issue 22)
    expect(counts['clever-cloud']).toEqual([12, 9, 1, 30]);
    expect(counts.heroku?.[3]).toBe(17);
    expect(counts.scaleway?.[3]).toBe(16);
  });

  it('lists shapes as their sources give them (5 spot values per new catalog)', async () => {
    const shape = (rows: Record<string, unknown>[], id: string) => {
      const r = byId(rows, id) as Record<string, unknown>;
      return [r.vcpus, r.memory_gb, r.cpu_architecture];
    };
    // Third-party transcriptions of Hetzner's server types (docs/methodology.md, "Catalogs").
    const hetzner = await list('/v1/providers/hetzner/instance-types');
    expect(shape(hetzner, 'cax11')).toEqual([2, 4, 'arm64']);
    expect(shape(hetzner, 'cax41')).toEqual([16, 32, 'arm64']);
    expect(shape(hetzner, 'cx22')).toEqual([2, 4, 'x86_64']);
    expect(shape(hetzner, 'cpx21')).toEqual([3, 4, 'x86_64']);
    expect(shape(hetzner, 'cx43')).toEqual([8, 16, 'x86_64']);
    // Boavizta archetypes/cloud/ovhcloud.csv @15878f0 (lines 2, 9, 10, 15, 34, 43).
    const ovh = await list('/v1/providers/ovhcloud/instance-types');
    expect(shape(ovh, 'b3-8')).toEqual([2, 8, 'x86_64']);
    expect(shape(ovh, 'b3-640')).toEqual([160, 640, 'x86_64']);
    expect(shape(ovh, 'b2-7')).toEqual([2, 7, 'x86_64']);
    expect(shape(ovh, 'c3-4')).toEqual([2, 4, 'x86_64']);
    expect(shape(ovh, 'r3-1024')).toEqual([128, 1024, 'x86_64']);
    expect(shape(ovh, 'd2-2')).toEqual([1, 2, 'x86_64']);
    // clever-components runtime-plans.js @afa0ed6 (MiB / 1024).
    const clever = await list('/v1/providers/clever-cloud/instance-types');
    expect(shape(clever, 'pico')).toEqual([1, 0.25, 'x86_64']);
    expect(shape(clever, 'XS')).toEqual([1, 1, 'x86_64']);
    expect(shape(clever, 'M')).toEqual([4, 4, 'x86_64']);
    expect(shape(clever, 'XL')).toEqual([8, 16, 'x86_64']);
    expect(shape(clever, '3XL')).toEqual([16, 32, 'x86_64']);
  });

  it('lists storage services with their medium and replication (CCF factors mapped: derived)', async () => {
    const aws = await list('/v1/providers/aws/storage-services');
    const pick = (rows: Record<string, unknown>[], id: string) => {
      const r = byId(rows, id) as Record<string, unknown>;
      return [r.kind, r.medium, r.replication_factor, r.replication_status];
    };
    expect(pick(aws, 's3-standard')).toEqual(['object', 'hdd', 6, 'derived']);
    expect(pick(aws, 'ebs-gp3')).toEqual(['block', 'ssd', 2, 'derived']);
    expect(pick(await list('/v1/providers/gcp/storage-services'), 'pd-standard')).toEqual([
      'block',
      'hdd',
      1,
      'derived',
    ]);
    expect(pick(await list('/v1/providers/azure/storage-services'), 'azure-blob-hot-grs')).toEqual([
      'object',
      'ssd',
      6,
      'derived',
    ]);
    expect(pick(await list('/v1/providers/scaleway/storage-services'), 'sbs_5k')).toEqual([
      'block',
      'ssd',
      2,
      'estimated',
    ]);
  });

  it('lists database plans: RDS classes as EC2 types, plan shapes as their sources give them', async () => {
    const rds = byId(await list('/v1/providers/aws/database-plans'), 'db.m5.large') as Record<
      string,
      unknown
    >;
    expect([rds.vcpus, rds.memory_gb, rds.instance_type, rds.storage_service]).toEqual([
      2,
      8,
      { provider: 'aws', id: 'm5.large' },
      'rds-gp3',
    ]);
    const heroku = await list('/v1/providers/heroku/database-plans');
    const premium7 = byId(heroku, 'premium-7') as Record<string, unknown>;
    // Render's transcription: Premium-7 244 GB RAM, 2 TB; vCPUs ceil(244 / 8) = 31, estimated.
    expect([premium7.memory_gb, premium7.storage_gb, premium7.standby_nodes, premium7.vcpus]).toEqual([
      244, 2048, 1, 31,
    ]);
    expect(premium7.vcpus_status).toBe('estimated');
    const clever = byId(await list('/v1/providers/clever-cloud/database-plans'), 'xl_sml') as Record<
      string,
      unknown
    >;
    // clever-components addon-plans.js @afa0ed6 line 4376: 8 vCPUs, 16 GB, 80 GB.
    expect([clever.vcpus, clever.memory_gb, clever.storage_gb, clever.engines]).toEqual([
      8,
      16,
      80,
      ['postgresql', 'mysql'],
    ]);
    const scw = byId(await list('/v1/providers/scaleway/database-plans'), 'DB-DEV-S') as Record<
      string,
      unknown
    >;
    expect([scw.instance_type, scw.storage_service]).toEqual([
      { provider: 'scaleway', id: 'DEV1-S' },
      'l_ssd',
    ]);
  });

  it("gives a region on another operator's datacenter that operator's figures, derived", async () => {
    const regions = await list('/v1/providers/clever-cloud/regions');
    const scw = byId(regions, 'scw') as { runs_on: unknown; factors: Factor[]; pue: number };
    expect(scw.runs_on).toEqual({ provider: 'scaleway', region: 'fr-par-2' });
    expect(scw.pue).toBe(1.16);
    expect(scw.factors.find((f) => f.name === 'pue')?.status).toBe('derived');
    const own = byId(await list('/v1/providers/scaleway/regions'), 'fr-par-2') as { factors: Factor[] };
    expect(own.factors.find((f) => f.name === 'pue')?.status).toBe('published');
  });
});

describe('POST /v1/estimates/storage', () => {
  const body = {
    provider: 'aws',
    region: 'eu-west-3',
    service: 's3-standard',
    size_gb: 2000,
    duration_hours: 8760,
  };

  it('recomputes from its own factors: size × copies × power × hours × PUE × grid', async () => {
    const e = await t.json(await t.post('/v1/estimates/storage', body));
    const f = factorsOf(e);
    const it = (2000 / 1000) * f.replication_factor * f.storage_power_hdd * 8760;
    expect(f.replication_factor).toBe(6);
    expect(f.storage_power_hdd).toBe(0.00065);
    expect(e.breakdown.it_energy_kwh).toBeCloseTo(it, 10);
    expect(e.energy_kwh).toBeCloseTo(it * f.pue, 10);
    expect(e.co2e_g).toBeCloseTo(it * f.pue * f.grid_intensity, 8);
    expect(e.water_l).toBeCloseTo(it * f.wue + it * f.pue * f.ewif, 8);
    expect(e.co2e_g_low).toBeLessThan(e.co2e_g);
    expect(e.co2e_g_high).toBeGreaterThan(e.co2e_g);
    expect(e.methodology).toEqual({ id: 'empreinte-storage', version: '1' });
    expect(e.warnings.join(' ')).toContain('not counted');
  });

  it('ranges a borrowed (estimated) replication factor from half to twice, never below one copy', async () => {
    const e = await t.json(
      await t.post('/v1/estimates/storage', {
        ...body,
        provider: 'scaleway',
        region: 'fr-par-2',
        service: 'sbs_5k',
      }),
    );
    expect(e.factors.find((f: Factor) => f.name === 'replication_factor')).toMatchObject({
      value: 2,
      low: 1,
      high: 4,
      status: 'estimated',
    });
    const derived = await t.json(await t.post('/v1/estimates/storage', body));
    expect(derived.factors.find((f: Factor) => f.name === 'replication_factor')).toMatchObject({
      value: 6,
      low: 6,
      high: 6,
      status: 'derived',
    });
  });

  it('answers 422 with the closest ids for an unknown service, 400 for a bad size', async () => {
    const unknown = await t.post('/v1/estimates/storage', { ...body, service: 's3-standrd' });
    expect(unknown.status).toBe(422);
    const p = await t.json(unknown);
    expect(p.errors[0].path).toBe('service');
    expect(p.errors[0].message).toContain("Did you mean 's3-standard'");
    const bad = await t.post('/v1/estimates/storage', { ...body, size_gb: 0, service: undefined });
    expect(bad.status).toBe(400);
    expect((await t.json(bad)).errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'service',
      'size_gb',
    ]);
    const none = await t.post('/v1/estimates/storage', { ...body, provider: 'heroku', region: 'eu' });
    expect(none.status).toBe(422);
    expect((await t.json(none)).errors[0].message).toContain('no storage services');
  });
});

describe('POST /v1/estimates/network', () => {
  it('is GB × 0.001 kWh/GB × PUE × grid, and bytes give the same answer as GB', async () => {
    const gb = await t.json(
      await t.post('/v1/estimates/network', { provider: 'aws', region: 'eu-west-3', gb: 1000 }),
    );
    const f = factorsOf(gb);
    expect(f.network_energy).toBe(0.001);
    expect(gb.co2e_g).toBeCloseTo(1000 * 0.001 * f.pue * f.grid_intensity, 10);
    expect(gb.breakdown.destination).toBe('internet');
    const bytes = await t.json(
      await t.post('/v1/estimates/network', {
        provider: 'aws',
        region: 'eu-west-3',
        bytes: 1e12,
        destination: 'inter-region',
      }),
    );
    expect(bytes.co2e_g).toBe(gb.co2e_g);
    expect(bytes.breakdown.destination).toBe('inter-region');
  });

  it('answers 400 naming the field: both or neither of gb and bytes, a bad destination', async () => {
    const at = { provider: 'aws', region: 'eu-west-3' };
    const both = await t.json(await t.post('/v1/estimates/network', { ...at, gb: 1, bytes: 1 }));
    expect(both.status).toBe(400);
    expect(both.errors).toEqual([{ path: 'bytes', message: 'Give exactly one of gb or bytes, not both.' }]);
    const neither = await t.json(await t.post('/v1/estimates/network', at));
    expect(neither.errors).toEqual([{ path: 'gb', message: 'Give exactly one of gb or bytes.' }]);
    const dest = await t.json(await t.post('/v1/estimates/network', { ...at, gb: 1, destination: 'moon' }));
    expect(dest.status).toBe(400);
    expect(dest.errors[0].path).toBe('destination');
  });
});

describe('POST /v1/estimates/managed-database', () => {
  it('is its nodes as a server estimate plus its storage, one copy per node (Heroku standard-0)', async () => {
    const db = await t.json(
      await t.post('/v1/estimates/managed-database', {
        provider: 'heroku',
        region: 'eu',
        plan: 'standard-0',
        duration_hours: 8760,
      }),
    );
    // The nodes: 1 estimated vCPU and 4 GB on Heroku's defaults, as a server estimate of that hardware.
    const server = await t.json(
      await t.post('/v1/estimates/server', {
        provider: 'heroku',
        region: 'eu',
        hardware: { vcpus: 1, memory_gb: 4 },
        duration_hours: 8760,
      }),
    );
    expect(db.breakdown.compute.co2e_g).toBe(server.co2e_g);
    expect(db.breakdown.compute.breakdown).toEqual(server.breakdown);
    // The storage: 64 GB included, no storage service known: SSD, one copy.
    const f = factorsOf(db);
    const storageIt = 0.064 * 1 * f.storage_power_ssd * 8760;
    expect(db.breakdown.storage.breakdown.it_energy_kwh).toBeCloseTo(storageIt, 12);
    expect(db.breakdown.storage.co2e_g).toBeCloseTo(storageIt * f.pue * f.grid_intensity, 10);
    expect(db.co2e_g).toBeCloseTo(db.breakdown.compute.co2e_g + db.breakdown.storage.co2e_g, 8);
    expect(db.energy_kwh).toBeCloseTo(server.energy_kwh + storageIt * f.pue, 10);
    expect(db.warnings).toContain(
      'Heroku does not publish the vCPUs of plan standard-0: modelled as 1 vCPU (estimated).',
    );
    expect(db.warnings).toContain(
      'The host of Heroku plan standard-0 is not published: for its embodied emissions the AWS m5 host (1610.3792 kgCO2e over 96 vCPU) is used.',
    );
    expect(db.warnings.join(' ')).not.toContain('custom hardware');
    expect(db.breakdown.engine).toBe('postgresql');
    expect(db.methodology).toEqual({ id: 'empreinte-managed-database', version: '1' });
  });

  it('doubles nodes and storage copies with high availability (RDS db.m5.large on m5.large)', async () => {
    const body = {
      provider: 'aws',
      region: 'eu-west-3',
      plan: 'db.m5.large',
      engine: 'postgresql',
      storage_gb: 100,
      duration_hours: 8760,
    };
    const single = await t.json(await t.post('/v1/estimates/managed-database', body));
    const ha = await t.json(
      await t.post('/v1/estimates/managed-database', { ...body, high_availability: true }),
    );
    expect([single.breakdown.nodes, ha.breakdown.nodes, ha.breakdown.standby_nodes]).toEqual([1, 2, 1]);
    expect(ha.breakdown.compute.co2e_g).toBeCloseTo(2 * single.breakdown.compute.co2e_g, 8);
    expect(ha.breakdown.storage.co2e_g).toBeCloseTo(2 * single.breakdown.storage.co2e_g, 8);
    const server = await t.json(
      await t.post('/v1/estimates/server', {
        provider: 'aws',
        region: 'eu-west-3',
        instance_type: 'm5.large',
        duration_hours: 8760,
      }),
    );
    expect(single.breakdown.compute.co2e_g).toBe(server.co2e_g);
    expect(single.breakdown.storage.service).toBe('rds-gp3');
    // Without an engine, PostgreSQL where the plan offers it (RDS lists mariadb first).
    const { engine: _, ...noEngine } = body;
    expect((await t.json(await t.post('/v1/estimates/managed-database', noEngine))).breakdown.engine).toBe(
      'postgresql',
    );
  });

  it('answers 422 for an unknown plan (closest ids), a plan not sold in the region (where it is), a wrong engine', async () => {
    const base = { provider: 'clever-cloud', region: 'par', duration_hours: 730 };
    const typo = await t.json(await t.post('/v1/estimates/managed-database', { ...base, plan: 's_smal' }));
    expect(typo.status).toBe(422);
    expect(typo.errors[0]).toMatchObject({ path: 'plan' });
    expect(typo.errors[0].message).toContain("'s_sml'");
    const where = await t.json(
      await t.post('/v1/estimates/managed-database', { ...base, region: 'scw', plan: 's_sml' }),
    );
    expect(where.status).toBe(422);
    expect(where.errors).toEqual([
      {
        path: 'region',
        message:
          "Plan 's_sml' is not sold in clever-cloud scw: it is in par, rbx, rbxhds, mtl, wsw, sgp, syd.",
      },
    ]);
    const engine = await t.json(
      await t.post('/v1/estimates/managed-database', { ...base, plan: 's_hug', engine: 'mysql' }),
    );
    expect(engine.errors).toEqual([
      { path: 'engine', message: "Plan 's_hug' offers postgresql, not mysql." },
    ]);
    const neither = await t.json(await t.post('/v1/estimates/managed-database', base));
    expect(neither.status).toBe(400);
    expect(neither.errors[0].path).toBe('plan');
    const noEngine = await t.json(
      await t.post('/v1/estimates/managed-database', {
        ...base,
        provider: 'aws',
        region: 'eu-west-3',
        instance_type: 'm5.large',
      }),
    );
    expect(noEngine.errors).toEqual([{ path: 'engine', message: 'Required with instance_type.' }]);
  });
});

describe('compare and batch with the new kinds', () => {
  it('compares Heroku Postgres with Clever Cloud PostgreSQL in Paris, part by part', async () => {
    const res = await t.post('/v1/compare', {
      workload: { kind: 'managed_database', engine: 'postgresql', duration_hours: 8760 },
      candidates: [
        { provider: 'heroku', region: 'eu', plan: 'standard-0' },
        { provider: 'clever-cloud', region: 'par', plan: 'm_sml' },
      ],
    });
    expect(res.status).toBe(200);
    const c = await t.json(res);
    const [heroku, clever] = c.results;
    const direct = await t.json(
      await t.post('/v1/estimates/managed-database', {
        provider: 'clever-cloud',
        region: 'par',
        plan: 'm_sml',
        engine: 'postgresql',
        duration_hours: 8760,
      }),
    );
    expect(clever.estimate).toEqual(direct);
    expect(clever.delta_by_part.compute_co2e_g).toBeCloseTo(
      clever.estimate.breakdown.compute.co2e_g - heroku.estimate.breakdown.compute.co2e_g,
      8,
    );
    expect(clever.delta_by_part.storage_co2e_g).toBeCloseTo(
      clever.estimate.breakdown.storage.co2e_g - heroku.estimate.breakdown.storage.co2e_g,
      8,
    );
    expect(clever.delta_co2e_g).toBeCloseTo(
      clever.delta_by_part.compute_co2e_g + clever.delta_by_part.storage_co2e_g,
      6,
    );
    expect(heroku.delta_by_part).toEqual({ compute_co2e_g: 0, storage_co2e_g: 0 });
  });

  it('refuses candidate fields of another kind and requires a storage candidate’s service (400)', async () => {
    const res = await t.json(
      await t.post('/v1/compare', {
        workload: { kind: 'storage', size_gb: 100, duration_hours: 730 },
        candidates: [
          { provider: 'aws', region: 'eu-west-3', service: 'ebs-gp3', plan: 'x' },
          { provider: 'gcp', region: 'europe-west9' },
        ],
      }),
    );
    expect(res.status).toBe(400);
    expect(res.errors.map((e: { path: string }) => e.path)).toEqual([
      'candidates[0].plan',
      'candidates[1].service',
    ]);
  });

  it('compares storage and network across providers, each result equal to its direct estimate', async () => {
    const storage = await t.json(
      await t.post('/v1/compare', {
        workload: { kind: 'storage', size_gb: 1000, duration_hours: 8760 },
        candidates: [
          { provider: 'aws', region: 'eu-west-3', service: 's3-standard' },
          { provider: 'scaleway', region: 'fr-par-2', service: 'object-standard' },
        ],
      }),
    );
    const direct = await t.json(
      await t.post('/v1/estimates/storage', {
        provider: 'scaleway',
        region: 'fr-par-2',
        service: 'object-standard',
        size_gb: 1000,
        duration_hours: 8760,
      }),
    );
    expect(storage.results[1].estimate).toEqual(direct);
    const network = await t.json(
      await t.post('/v1/compare', {
        workload: { kind: 'network', gb: 500 },
        candidates: [
          { provider: 'aws', region: 'us-east-1' },
          { provider: 'hetzner', region: 'fsn1' },
        ],
      }),
    );
    expect(network.results).toHaveLength(2);
    expect(network.ranking).toHaveLength(2);
  });

  it('estimates a batch mixing every kind, each item equal to its own route and the total their sum', async () => {
    const items = [
      { type: 'server', provider: 'hetzner', region: 'fsn1', instance_type: 'cax21', duration_hours: 8760 },
      {
        type: 'api',
        provider: 'ovhcloud',
        region: 'gra',
        instance_type: 'b3-8',
        requests: 1e6,
        cpu_ms_per_request: 5,
      },
      { type: 'website', bytes: 2_000_000, page_views: 1000 },
      {
        type: 'storage',
        provider: 'gcp',
        region: 'europe-west9',
        service: 'gcs-standard',
        size_gb: 500,
        duration_hours: 8760,
      },
      { type: 'network', provider: 'azure', region: 'francecentral', bytes: 5e11 },
      {
        type: 'managed_database',
        provider: 'scaleway',
        region: 'fr-par-1',
        plan: 'DB-DEV-S',
        duration_hours: 8760,
      },
    ];
    const routes: Record<string, string> = {
      server: '/v1/estimates/server',
      api: '/v1/estimates/api',
      website: '/v1/estimates/website',
      storage: '/v1/estimates/storage',
      network: '/v1/estimates/network',
      managed_database: '/v1/estimates/managed-database',
    };
    const batch = await t.json(await t.post('/v1/estimates/batch', { items }));
    expect(batch.errors).toBe(0);
    let total = 0;
    for (const [i, item] of items.entries()) {
      const { type, ...body } = item;
      const direct = await t.json(await t.post(routes[type] as string, body));
      expect(batch.items[i].estimate, type).toEqual(direct);
      const counted = type === 'website' ? direct.total.co2e_g : direct.co2e_g;
      expect(batch.by_type[type].co2e_g, type).toBeCloseTo(counted, 8);
      total += counted;
    }
    expect(batch.total.co2e_g).toBeCloseTo(total, 6);
  });
});
