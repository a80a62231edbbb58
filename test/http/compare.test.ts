import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const compare = (body: unknown) => t.post('/v1/compare', body);
const direct = async (type: 'server' | 'api', body: unknown) => {
  const res = await t.post(`/v1/estimates/${type}`, body);
  expect(res.status).toBe(200);
  return t.json(res);
};
const paths = (p: { errors: { path: string }[] }) => p.errors.map((e) => e.path);

const HEROKU = { provider: 'heroku', region: 'us', instance_type: 'performance-l' };
const SCALEWAY = { provider: 'scaleway', region: 'fr-par-2', instance_type: 'COPARM1-8C-32G' };

describe('POST /v1/compare, server workload', () => {
  it('compares Heroku us performance-l with Scaleway fr-par-2 COPARM1-8C-32G over a year', async () => {
    const res = await compare({
      workload: { kind: 'server', duration_hours: 8760 },
      candidates: [HEROKU, SCALEWAY],
    });
    expect(res.status).toBe(200);
    const c = await t.json(res);
    const heroku = await direct('server', { ...HEROKU, duration_hours: 8760 });
    const scaleway = await direct('server', { ...SCALEWAY, duration_hours: 8760 });
    expect(c.results.map((r: { candidate: unknown }) => r.candidate)).toEqual([HEROKU, SCALEWAY]);
    expect(c.results[0].estimate).toEqual(heroku);
    expect(c.results[1].estimate).toEqual(scaleway);
    // Heroku performance-l (server-estimates.test.ts): 8 vCPU · 2.12 W + memory above the AWS average
    // reference on the m5 host, PUE 1.15, grid 396.25, m5 host embodied; 8,760 h.
    const it = (8 * 2.12 * 8760) / 1000 + (((384 - 80.69) * 14) / 384) * 0.000392 * 8760;
    expect(heroku.co2e_g).toBeCloseTo(it * 1.15 * 396.25 + 1610379.2 * (8 / 96) * (8760 / 35_040), 5);
    expect(c.results[0]).toMatchObject({ delta_co2e_g: 0, delta_pct: 0 });
    expect(c.results[1].delta_co2e_g).toBeCloseTo(scaleway.co2e_g - heroku.co2e_g, 9);
    expect(c.results[1].delta_pct).toBeCloseTo(((scaleway.co2e_g - heroku.co2e_g) / heroku.co2e_g) * 100, 9);
    expect(c.results[1].delta_pct).toBeLessThan(0);
    expect(c.ranking).toEqual([1, 0]);
    // One power basis (v3); the grid publishers still differ (GSF vs Scaleway).
    expect(heroku.breakdown.power_basis).toBe('specpower');
    expect(scaleway.breakdown.power_basis).toBe('specpower');
    // The README's migration: less energy on ARM (205.37 against 214.52 kWh), about a quarter of the CO2e.
    expect(heroku.energy_kwh).toBeCloseTo(214.5238697675, 8);
    expect(scaleway.energy_kwh).toBeCloseTo(205.3669943331, 8);
    expect(scaleway.co2e_g).toBeCloseTo(26618.464417325, 6);
    expect(c.warnings).toHaveLength(1);
    expect(c.warnings[0]).toMatch(
      /grid intensities come from different publishers \(Green Software Foundation; Scaleway\).*grid_source: "country"/,
    );
  });

  it('with grid_source "country", every candidate takes its country’s Ember value: no publisher warning', async () => {
    const c = await t.json(
      await compare({
        workload: { kind: 'server', duration_hours: 8760 },
        candidates: [HEROKU, SCALEWAY],
        grid_source: 'country',
      }),
    );
    const grid = (i: number) =>
      c.results[i].estimate.factors.find((f: { name: string }) => f.name === 'grid_intensity');
    // Heroku us runs on AWS us-east-1: the United States' Ember value; Scaleway fr-par-2: France's.
    expect(grid(0)).toMatchObject({ source_id: 'ember-via-co2js', year: 2024, status: 'proxy' });
    expect(grid(1)).toMatchObject({
      value: 44.18,
      source_id: 'ember-via-co2js',
      year: 2024,
      status: 'proxy',
    });
    expect(c.warnings).toEqual([]);
    const direct1 = await direct('server', { ...SCALEWAY, duration_hours: 8760, grid_source: 'country' });
    expect(c.results[1].estimate).toEqual(direct1);
  });

  it('has no warning when candidates share a power basis and a grid publisher', async () => {
    const c = await t.json(
      await compare({
        workload: { kind: 'server', instance_type: 'COPARM1-4C-16G', duration_hours: 10 },
        candidates: [
          { provider: 'scaleway', region: 'fr-par-2' },
          { provider: 'scaleway', region: 'nl-ams-1' },
        ],
      }),
    );
    expect(c.warnings).toEqual([]);
  });

  it('equals the direct estimate for every candidate, the candidate instance type replacing the workload shape', async () => {
    const workload = {
      kind: 'server',
      hardware: { vcpus: 8, memory_gb: 32 },
      utilization: 0.3,
      duration_hours: 730,
      count: 3,
    };
    const candidates = [
      { provider: 'aws', region: 'us-east-1' },
      { provider: 'aws', region: 'eu-west-3', instance_type: 'm6g.2xlarge' },
      { provider: 'scaleway', region: 'fr-par-2' },
      { provider: 'gcp', region: 'europe-west9', instance_type: 'n2-standard-8' },
      { provider: 'heroku', region: 'eu', instance_type: 'performance-l' },
      { provider: 'clever-cloud', region: 'scw' },
    ];
    const c = await t.json(await compare({ workload, candidates }));
    const { kind: _, ...shape } = workload;
    const estimates: number[] = [];
    for (const [i, cand] of candidates.entries()) {
      const body = cand.instance_type
        ? { ...cand, utilization: 0.3, duration_hours: 730, count: 3 }
        : { ...cand, ...shape };
      const e = await direct('server', body);
      expect(c.results[i].estimate, `candidate ${i}`).toEqual(e);
      expect(c.results[i].candidate).toEqual(cand);
      estimates.push(e.co2e_g);
    }
    const base = estimates[0] as number;
    for (const [i, co2e] of estimates.entries()) {
      expect(c.results[i].delta_co2e_g).toBeCloseTo(co2e - base, 9);
      expect(c.results[i].delta_pct).toBeCloseTo(((co2e - base) / base) * 100, 9);
    }
    const ranking = estimates
      .map((_, i) => i)
      .sort((a, b) => (estimates[a] as number) - (estimates[b] as number));
    expect(c.ranking).toEqual(ranking);
    expect([...c.ranking].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("uses the workload's instance type where a candidate names none", async () => {
    const workload = { kind: 'server', instance_type: 'COPARM1-4C-16G', duration_hours: 100 };
    const candidates = [
      { provider: 'scaleway', region: 'fr-par-2' },
      { provider: 'scaleway', region: 'nl-ams-1' },
      { provider: 'scaleway', region: 'pl-waw-1', instance_type: 'PRO2-S' },
    ];
    const c = await t.json(await compare({ workload, candidates }));
    expect(c.results[0].estimate).toEqual(
      await direct('server', { ...candidates[0], instance_type: 'COPARM1-4C-16G', duration_hours: 100 }),
    );
    expect(c.results[1].estimate).toEqual(
      await direct('server', { ...candidates[1], instance_type: 'COPARM1-4C-16G', duration_hours: 100 }),
    );
    expect(c.results[2].estimate).toEqual(await direct('server', { ...candidates[2], duration_hours: 100 }));
  });

  it('keeps request order for ties', async () => {
    const c = await t.json(
      await compare({
        workload: { kind: 'server', duration_hours: 10 },
        candidates: [HEROKU, SCALEWAY, SCALEWAY, { ...SCALEWAY, instance_type: 'coparm1-8c-32g' }, HEROKU],
      }),
    );
    expect(c.ranking).toEqual([1, 2, 3, 0, 4]);
    expect(c.results[4]).toMatchObject({ delta_co2e_g: 0, delta_pct: 0 });
  });
});

describe('POST /v1/compare, api workload', () => {
  const workload = { kind: 'api', requests: 50_000_000, cpu_ms_per_request: 15, bytes_per_request: 8192 };
  const { kind: _, ...fields } = workload;

  it('equals the direct API estimate (resources mode, no network zone) for every candidate', async () => {
    const candidates = [
      { provider: 'heroku', region: 'us', instance_type: 'performance-l' },
      { provider: 'scaleway', region: 'fr-par-2', instance_type: 'COPARM1-8C-32G' },
      { provider: 'aws', region: 'eu-west-3' },
    ];
    const res = await compare({ workload, candidates });
    expect(res.status).toBe(200);
    const c = await t.json(res);
    const co2e: number[] = [];
    for (const [i, cand] of candidates.entries()) {
      const e = await direct('api', { ...cand, ...fields });
      expect(c.results[i].estimate, `candidate ${i}`).toEqual(e);
      expect(c.results[i].estimate.methodology.id).toBe('empreinte-api');
      co2e.push(e.co2e_g);
    }
    expect(c.results[1].delta_co2e_g).toBeCloseTo((co2e[1] as number) - (co2e[0] as number), 9);
    expect(c.ranking).toEqual([0, 1, 2].sort((a, b) => (co2e[a] as number) - (co2e[b] as number)));
  });

  it('has a null delta_pct when the baseline emits nothing', async () => {
    const c = await t.json(
      await compare({
        workload: { kind: 'api', requests: 10, cpu_ms_per_request: 0 },
        candidates: [SCALEWAY, HEROKU],
      }),
    );
    expect(c.results.map((r: { estimate: { co2e_g: number } }) => r.estimate.co2e_g)).toEqual([0, 0]);
    expect(c.results.map((r: { delta_pct: number | null }) => r.delta_pct)).toEqual([null, null]);
    expect(c.ranking).toEqual([0, 1]);
  });
});

describe('POST /v1/compare errors', () => {
  const problemOf = async (res: Response, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    return t.json(res);
  };
  const server = { kind: 'server', duration_hours: 10 };

  it('answers 400 naming candidates for a single candidate or more than 50', async () => {
    const one = await problemOf(await compare({ workload: server, candidates: [SCALEWAY] }), 400);
    expect(paths(one)).toEqual(['candidates']);
    const many = await problemOf(
      await compare({ workload: server, candidates: Array.from({ length: 51 }, () => SCALEWAY) }),
      400,
    );
    expect(paths(many)).toEqual(['candidates']);
    const none = await problemOf(await compare({ workload: server }), 400);
    expect(paths(none)).toEqual(['candidates']);
  });

  it('answers 400 naming each candidate without an instance type when the server workload has no shape', async () => {
    const p = await problemOf(
      await compare({
        workload: server,
        candidates: [
          SCALEWAY,
          { provider: 'aws', region: 'us-east-1' },
          { provider: 'gcp', region: 'us-central1' },
        ],
      }),
      400,
    );
    expect(paths(p)).toEqual(['candidates[1].instance_type', 'candidates[2].instance_type']);
    expect(p.errors[0].message).toMatch(/every candidate must name its instance_type/);
  });

  it('lists every invalid field of workload and candidates', async () => {
    const p = await problemOf(
      await compare({
        workload: { kind: 'server', instance_type: 'x', duration_hours: 0, utilisation: 1, count: 0 },
        candidates: [
          { provider: '', region: 'fr-par-2' },
          { ...SCALEWAY, zone: 'FR' },
        ],
      }),
      400,
    );
    expect(paths(p).sort()).toEqual(
      [
        'candidates[0].provider',
        'candidates[1].zone',
        'workload.count',
        'workload.duration_hours',
        'workload.utilisation',
      ].sort(),
    );
    const kind = await problemOf(
      await compare({ workload: { kind: 'lambda' }, candidates: [SCALEWAY, HEROKU] }),
      400,
    );
    expect(paths(kind)).toEqual(['workload.kind']);
    const both = await problemOf(
      await compare({
        workload: { ...server, instance_type: 'PRO2-S', hardware: { vcpus: 1, memory_gb: 1 } },
        candidates: [SCALEWAY, HEROKU],
      }),
      400,
    );
    expect(paths(both)).toEqual(['workload.hardware']);
  });

  it('keeps api workloads to the contract fields (requests, cpu_ms_per_request, bytes_per_request)', async () => {
    const p = await problemOf(
      await compare({
        workload: {
          kind: 'api',
          requests: 0,
          cpu_ms_per_request: -3,
          network_zone: 'FR',
          instance_type: 'PRO2-S',
        },
        candidates: [SCALEWAY, HEROKU],
      }),
      400,
    );
    expect(paths(p).sort()).toEqual(
      [
        'workload.cpu_ms_per_request',
        'workload.instance_type',
        'workload.network_zone',
        'workload.requests',
      ].sort(),
    );
  });

  it('answers 422 for the whole request, naming every candidate that cannot be estimated', async () => {
    const p = await problemOf(
      await compare({
        workload: server,
        candidates: [
          SCALEWAY,
          { ...SCALEWAY, region: 'fr-par-9' },
          { provider: 'linode', region: 'eu-central', instance_type: 'cx22' },
        ],
      }),
      422,
    );
    expect(p.type).toBe('/problems/unknown-reference');
    expect(paths(p)).toEqual(['candidates[1].region', 'candidates[2].provider']);
    expect(p.errors[0].message).toContain('fr-par-2');
    const api = await problemOf(
      await compare({
        workload: { kind: 'api', requests: 1, cpu_ms_per_request: 1 },
        candidates: [SCALEWAY, { provider: 'aws', region: 'us-east-1', instance_type: 'm5.lrage' }],
      }),
      422,
    );
    expect(paths(api)).toEqual(['candidates[1].instance_type']);
  });

  it("points a workload instance type unknown at a candidate's provider at that candidate", async () => {
    const p = await problemOf(
      await compare({
        workload: { kind: 'server', instance_type: 'COPARM1-8C-32G', duration_hours: 1 },
        candidates: [
          { provider: 'scaleway', region: 'fr-par-2' },
          { provider: 'aws', region: 'us-east-1' },
        ],
      }),
      422,
    );
    expect(paths(p)).toEqual(['candidates[1].instance_type']);
    expect(p.errors[0].message).toMatch(/comes from the workload/);
  });

  it('names an unknown CPU family once, in the workload', async () => {
    const p = await problemOf(
      await compare({
        workload: {
          kind: 'server',
          hardware: { vcpus: 2, memory_gb: 4, cpu_family: 'Pentium 4' },
          duration_hours: 1,
        },
        candidates: [
          { provider: 'aws', region: 'us-east-1' },
          { provider: 'scaleway', region: 'fr-par-2' },
        ],
      }),
      422,
    );
    expect(paths(p)).toEqual(['workload.hardware.cpu_family']);
  });
});
