import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const estimate = (body: unknown) => t.post('/v1/estimates/server', body);

/**
 * Recomputes co2e, energy and water from the answer's own factors[] (docs/methodology.md, server
 * v3): one SPECpower basis, memory above the reference per chip; no rest-of-server term (the
 * `rest_of_server_ratio` listed in v3 belongs to the other basis the range spans).
 */
function recompute(
  e: { factors: { name: string; value: number }[]; breakdown: { power_basis: string } },
  w: { vcpus: number; memoryGb: number; hours: number; count: number },
) {
  const f = Object.fromEntries(e.factors.map((x) => [x.name, x.value])) as Record<string, number>;
  expect(e.breakdown.power_basis).toBe('specpower');
  const ratio = 0;
  const host = f.host_memory as number;
  const extra = host / (f.host_chips as number) - (f.memory_reference_per_chip as number);
  const counted = host === undefined ? 0 : Math.max(0, extra) * (w.memoryGb / host);
  const cpu = (w.count * w.vcpus * (f.cpu_power_per_vcpu as number) * w.hours) / 1000;
  const mem = w.count * counted * (f.memory_power as number) * w.hours;
  const it = (cpu + mem) * (1 + ratio);
  const energy = it * (f.pue as number);
  const embodied =
    w.count *
    (f.host_embodied as number) *
    1000 *
    (w.vcpus / (f.host_vcpus as number)) *
    (w.hours / (f.lifespan as number));
  return {
    co2e_g: energy * (f.grid_intensity as number) + embodied,
    energy_kwh: energy,
    water_l: it * (f.wue as number) + energy * (f.ewif as number),
  };
}

describe('POST /v1/estimates/server', () => {
  it('estimates Scaleway COPARM1-4C-16G in fr-par-2 over 730 h (hand-computed)', async () => {
    const res = await estimate({
      provider: 'scaleway',
      region: 'fr-par-2',
      instance_type: 'COPARM1-4C-16G',
      duration_hours: 730,
    });
    expect(res.status).toBe(200);
    const e = await t.json(res);
    // The fit (docs/methodology.md §4.1), by hand from cpu-power.csv's ten fit rows: the medians of
    // min / curve(0) and max / curve(1) are the means of the 5th and 6th sorted ratios:
    //   idle: EPYC 3rd Gen 0.45 / (0.12 · 225/96) = 1.6 and Haswell 1.00 / (0.12 · 120/24) = 1.6667
    //   full: Cascade Lake 3.97 / (1.02 · 210/48) = 0.8896 and Broadwell 3.69 / (1.02 · 145/36) = 0.8982
    const idleRatio = (0.45 / (0.12 * (225 / 96)) + 1.0 / (0.12 * (120 / 24))) / 2;
    const fullRatio = (3.97 / (1.02 * (210 / 48)) + 3.69 / (1.02 * (145 / 36))) / 2;
    // Altra Max M128-30 (250 W, 128 threads) on the SPECpower basis, at u = 0.5
    const minW = idleRatio * 0.12 * (250 / 128);
    const maxW = fullRatio * 1.02 * (250 / 128);
    const cpuW = minW + 0.5 * (maxW - minW);
    expect(cpuW).toBeCloseTo(1.0818195813, 9);
    // memory above the reference: Boavizta's COPARM1 host (1 socket, 16 × 64 GB), CCF's AWS average
    // 80.69 GB per chip as the proxy reference
    const counted = ((1024 - 80.69) * 16) / 1024;
    const cpu = (4 * cpuW * 730) / 1000;
    const memory = counted * 0.000392 * 730;
    const it = cpu + memory;
    expect(e.breakdown.power_basis).toBe('specpower');
    expect(e.breakdown.memory_gb_counted).toBeCloseTo(counted, 12);
    expect(e.breakdown.cpu_energy_kwh).toBeCloseTo(cpu, 12);
    expect(e.breakdown.memory_energy_kwh).toBeCloseTo(memory, 12);
    expect(e.breakdown.rest_of_server_energy_kwh).toBe(0);
    expect(e.breakdown.it_energy_kwh).toBeCloseTo(it, 12);
    expect(e.energy_kwh).toBeCloseTo(it * 1.16, 11);
    const embodied = 1687.9024 * 1000 * (4 / 128) * (730 / 52_560);
    expect(e.breakdown.operational_co2e_g).toBeCloseTo(it * 1.16 * 44, 9);
    expect(e.breakdown.embodied_co2e_g).toBeCloseTo(embodied, 8);
    expect(e.co2e_g).toBeCloseTo(1109.1026840552, 8);
    expect(e.co2e_g).toBeCloseTo(it * 1.16 * 44 + embodied, 8);
    expect(e.water_l).toBeCloseTo(it * 0.25 + it * 1.16 * 3.673696, 9);
    // The other basis, v2's TDP route: 0.75 · 250/128 W, all 16 GB, + 33 % → v2's own answer.
    const tdpIt = ((4 * 0.75 * (250 / 128) * 730) / 1000 + 16 * 0.000392 * 730) * 1.33;
    expect(e.breakdown.other_basis.power_basis).toBe('tdp-curve');
    expect(e.breakdown.other_basis.it_energy_kwh).toBeCloseTo(tdpIt, 10);
    expect(e.breakdown.other_basis.co2e_g).toBeCloseTo(tdpIt * 1.16 * 44 + embodied, 8);
    expect(e.breakdown.other_basis.co2e_g).toBeCloseTo(1333.7636132198, 8);
    // The range spans it: here it lies inside the SPECpower range (every factor at its high: 1,644.45 g).
    expect(e.co2e_g_low).toBeLessThan(e.co2e_g);
    expect(e.co2e_g_high).toBeCloseTo(1644.4522121127, 8);
    expect(e.co2e_g_high).toBeGreaterThan(e.breakdown.other_basis.co2e_g);
    expect(e.methodology).toEqual({ id: 'empreinte-server', version: '3' });
    expect(typeof e.data_version).toBe('string');
    expect(e.warnings).toHaveLength(1);
    expect(e.warnings[0]).toMatch(
      /no SPECpower memory reference per chip for 'Ampere Altra Max M128-30' \(80\.69 GB\).*status proxy/,
    );
    expect(e.factors.map((f: { name: string }) => f.name)).toEqual([
      'cpu_power_per_vcpu',
      'memory_power',
      'memory_reference_per_chip',
      'host_memory',
      'host_chips',
      'pue',
      'grid_intensity',
      'host_embodied',
      'host_vcpus',
      'lifespan',
      'wue',
      'ewif',
      'cpu_power_per_vcpu_tdp_curve',
      'rest_of_server_ratio',
    ]);
    const byName = Object.fromEntries(e.factors.map((f: { name: string }) => [f.name, f]));
    expect(byName.cpu_power_per_vcpu).toMatchObject({ status: 'derived', source_id: 'ampere-datasheets' });
    expect(byName.cpu_power_per_vcpu.high).toBeCloseTo(cpuW * 1.2, 12);
    expect(byName.cpu_power_per_vcpu_tdp_curve).toMatchObject({
      value: 0.75 * (250 / 128),
      status: 'derived',
    });
    expect(byName.memory_reference_per_chip).toMatchObject({
      value: 80.69,
      status: 'proxy',
      source_id: 'ccf-coefficients',
    });
    expect(byName.host_memory).toMatchObject({ value: 1024, source_id: 'boavizta-api-data' });
    // Boavizta's socket count for the COPARM1 host (CCF's heuristic would say ceil(128 / 96) = 2).
    expect(byName.host_chips).toMatchObject({ value: 1, status: 'proxy', source_id: 'boavizta-api-data' });
    // Scaleway's page (validated 2025-06-09) states no data year for its PUE, nor for its grid factor.
    expect(byName.pue).toMatchObject({ value: 1.16, unit: 'ratio', status: 'published', year: null });
    expect(byName.pue.low).toBeCloseTo(1.102, 12);
    expect(byName.grid_intensity).toMatchObject({
      value: 44,
      unit: 'gCO2e/kWh',
      status: 'published',
      year: null,
    });
    expect(byName.rest_of_server_ratio).toMatchObject({ value: 0.33, low: 0.2, high: 0.6, unit: 'ratio' });
    expect(byName.memory_power).toMatchObject({ value: 0.000392, low: 0.000284, high: 0.0004704 });
    expect(byName.host_embodied).toMatchObject({ value: 1687.9024, status: 'proxy' });
    expect(byName.host_embodied.high).toBeCloseTo(1687.9024 * 1.5, 9);
    expect(byName.lifespan).toMatchObject({ value: 52_560, low: 52_560, high: 52_560, year: null });
    for (const f of e.factors) expect(f.source_id, f.name).toEqual(expect.any(String));
  });

  it('estimates AWS m5.large in us-east-1 (Skylake, GSF PUE 1.15, grid 396.25)', async () => {
    const e = await t.json(
      await estimate({
        provider: 'aws',
        region: 'us-east-1',
        instance_type: 'm5.large',
        duration_hours: 730,
        utilization: 0.5,
      }),
    );
    // Skylake 0.65..4.26 W at 0.5 → 2.4705 W · 2 vCPU · 730 h = 3.5843 kWh; memory above SPECpower's
    // Skylake reference: (384 − 81.32) · 8 / 384 = 6.305833… GB · 730 h · 0.000392 = 1.80448 kWh
    expect(e.breakdown.power_basis).toBe('specpower');
    expect(Math.abs(e.breakdown.memory_gb_counted - ((384 - 81.32) * 8) / 384)).toBeLessThan(1e-9);
    expect(e.breakdown.cpu_energy_kwh).toBeCloseTo(3.5843, 10);
    expect(Math.abs(e.breakdown.memory_energy_kwh - 1.8044772666666666)).toBeLessThan(1e-9);
    expect(e.breakdown.rest_of_server_energy_kwh).toBe(0);
    const it = 3.5843 + 1.8044772666666666;
    expect(e.energy_kwh).toBeCloseTo(it * 1.15, 9); // 6.19709385667
    expect(e.breakdown.embodied_co2e_g).toBeCloseTo(698.9493055556, 8);
    expect(e.co2e_g).toBeCloseTo(it * 1.15 * 396.25 + 698.9493055556, 7); // 3154.5477462597
    const f = Object.fromEntries(e.factors.map((x: { name: string }) => [x.name, x]));
    expect(f.memory_reference_per_chip).toMatchObject({
      value: 81.32,
      unit: 'GB',
      source_id: 'ccf-coefficients',
    });
    expect(f.host_memory).toMatchObject({ value: 384, unit: 'GB' });
    // CCF's heuristic, ceil(96 / 96) = 1 chip (an m5.24xlarge has two sockets): status estimated.
    expect(f.host_chips).toMatchObject({ value: 1, status: 'estimated', source_id: 'ccf-coefficients' });
    expect(f.memory_reference_per_chip.status).toBe('published');
    // GSF's 2024 row carries the 2023 grid value forward: its data year is 2023.
    expect(f.grid_intensity).toMatchObject({ value: 396.25, year: 2023 });
    expect(e.warnings).toEqual([]);
    // The range spans the TDP route of the same CPU (Xeon Platinum 8175M: 240 W, 48 threads):
    // 0.75 · 5 W per vCPU, all 8 GB, + 33 %, which lands above the SPECpower high end.
    expect(f.cpu_power_per_vcpu_tdp_curve).toMatchObject({ value: 3.75, source_id: 'boavizta-api-data' });
    const tdpIt = ((2 * 3.75 * 730) / 1000 + 8 * 0.000392 * 730) * 1.33;
    expect(e.breakdown.other_basis.it_energy_kwh).toBeCloseTo(tdpIt, 10);
    expect(e.co2e_g_high).toBeCloseTo(tdpIt * 1.15 * 396.25 + 698.9493055556, 7);
    expect(e.co2e_g_low).toBeCloseTo(2025.4431412549, 7); // every factor at its low, as in v2
  });

  it('resolves Heroku us to AWS us-east-1 with the m5 host and estimated vCPUs', async () => {
    const e = await t.json(
      await estimate({
        provider: 'heroku',
        region: 'us',
        instance_type: 'performance-l',
        duration_hours: 730,
      }),
    );
    // AWS average (unknown CPU) 0.74..3.5 at 0.5 = 2.12 W · 8 vCPU; 14 GB on the m5 host (384 GB,
    // 1 chip) above the AWS average reference 80.69 GB/chip: (384 − 80.69) · 14 / 384 GB
    const counted = ((384 - 80.69) * 14) / 384;
    expect(e.breakdown.memory_gb_counted).toBeCloseTo(counted, 12);
    const it = (8 * 2.12 * 730) / 1000 + counted * 0.000392 * 730;
    expect(e.energy_kwh).toBeCloseTo(it * 1.15, 9);
    expect(e.co2e_g).toBeCloseTo(it * 1.15 * 396.25 + 1610379.2 * (8 / 96) * (730 / 35_040), 6);
    expect(e.warnings.join(' ')).toMatch(/vCPU/);
    // Heroku publishes no CPU: the AWS average profile is a default, and the answer says so.
    const f = Object.fromEntries(e.factors.map((x: { name: string }) => [x.name, x]));
    expect(f.cpu_power_per_vcpu).toMatchObject({ status: 'default' });
    expect(e.warnings.join(' ')).toMatch(/The CPU of heroku performance-l is not published/);
  });

  it('matches instance types case-insensitively and Azure size aliases', async () => {
    const base = { provider: 'azure', region: 'westeurope', duration_hours: 24 };
    const answers = await Promise.all(
      ['D2s v3', 'Standard_D2s_v3', 'D2s_v3', 'standard_d2s_v3'].map(async (instance_type) =>
        t.json(await estimate({ ...base, instance_type })),
      ),
    );
    for (const a of answers) expect(a.co2e_g).toBe(answers[0].co2e_g);
    const lower = await t.json(
      await estimate({
        provider: 'scaleway',
        region: 'FR-PAR-2',
        instance_type: 'coparm1-4c-16g',
        duration_hours: 730,
      }),
    );
    expect(lower.co2e_g).toBeCloseTo(1109.1026840552, 8);
  });

  it('answers values reproducible from its own factors for instances of every provider', async () => {
    const cases = [
      { provider: 'aws', region: 'eu-west-3', instance_type: 'c6g.xlarge', vcpus: 4 },
      { provider: 'gcp', region: 'europe-west9', instance_type: 'n2-standard-4', vcpus: 4 },
      { provider: 'azure', region: 'francecentral', instance_type: 'D4s v5', vcpus: 4 },
      { provider: 'scaleway', region: 'nl-ams-2', instance_type: 'PRO2-S', vcpus: 8 },
      { provider: 'heroku', region: 'eu', instance_type: 'standard-2x', vcpus: 2 },
    ];
    for (const c of cases) {
      const res = await estimate({ ...c, vcpus: undefined, duration_hours: 100, utilization: 0.3, count: 2 });
      expect(res.status, `${c.provider} ${c.instance_type}`).toBe(200);
      const e = await t.json(res);
      const it = await t.json(await t.request(`/v1/providers/${c.provider}/instance-types`));
      const shape = it.data.find((x: { id: string }) => x.id === c.instance_type);
      const r = recompute(e, { vcpus: shape.vcpus, memoryGb: shape.memory_gb ?? 0, hours: 100, count: 2 });
      expect(Math.abs(e.co2e_g - r.co2e_g) / r.co2e_g, `${c.provider} co2e`).toBeLessThan(1e-9);
      expect(Math.abs(e.energy_kwh - r.energy_kwh) / r.energy_kwh).toBeLessThan(1e-9);
      expect(Math.abs(e.water_l - r.water_l) / r.water_l).toBeLessThan(1e-9);
    }
  });

  it('estimates custom hardware with the region provider defaults, and says so', async () => {
    const x86 = await t.json(
      await estimate({
        provider: 'ovhcloud',
        region: 'gra',
        hardware: { vcpus: 4, memory_gb: 16 },
        duration_hours: 730,
      }),
    );
    const f = Object.fromEntries(x86.factors.map((x: { name: string }) => [x.name, x]));
    // AWS average (unknown CPU) 0.74..3.5 at 0.5 → 2.12 W; AWS m5 host default
    expect(f.cpu_power_per_vcpu.value).toBeCloseTo(2.12, 12);
    expect(f.cpu_power_per_vcpu.status).toBe('default');
    expect(f.host_embodied).toMatchObject({ value: 1610.3792, status: 'default' });
    expect(f.host_vcpus.value).toBe(96);
    expect(f.pue).toMatchObject({ value: 1.28, status: 'default' });
    expect(x86.warnings.length).toBeGreaterThanOrEqual(2);

    const arm = await t.json(
      await estimate({
        provider: 'scaleway',
        region: 'fr-par-2',
        hardware: { vcpus: 4, memory_gb: 16, cpu_architecture: 'arm64' },
        duration_hours: 730,
      }),
    );
    const a = Object.fromEntries(arm.factors.map((x: { name: string }) => [x.name, x]));
    expect(a.cpu_power_per_vcpu.value).toBeCloseTo(1.0818195813, 9); // Altra Max default on Scaleway
    expect(a.host_embodied.value).toBe(1332.856); // AWS m6g host for arm64
    expect(a.lifespan.value).toBe(52_560);
  });

  it('takes the Scaleway defaults for Clever Cloud on Scaleway (scw → fr-par-2)', async () => {
    const e = await t.json(
      await estimate({
        provider: 'clever-cloud',
        region: 'scw',
        hardware: { vcpus: 2, memory_gb: 4 },
        duration_hours: 10,
      }),
    );
    const f = Object.fromEntries(e.factors.map((x: { name: string }) => [x.name, x]));
    expect(f.pue.value).toBe(1.16);
    expect(f.grid_intensity.value).toBe(44);
    expect(f.lifespan.value).toBe(52_560);
    // AMD EPYC 7543 (Milan): CCF's AMD EPYC 3rd Gen coefficients 0.45..2.02 at 0.5
    expect(f.cpu_power_per_vcpu.value).toBeCloseTo(1.235, 12);
  });

  it('warns when a region publishes no WUE and when memory or CPU is unknown', async () => {
    const ams = await t.json(
      await estimate({
        provider: 'scaleway',
        region: 'nl-ams-2',
        instance_type: 'PRO2-S',
        duration_hours: 1,
      }),
    );
    expect(ams.breakdown.water_onsite_l).toBe(0);
    expect(ams.warnings.join(' ')).toMatch(/WUE/);
    const m1 = await t.json(
      await estimate({
        provider: 'gcp',
        region: 'us-central1',
        instance_type: 'm1-ultramem-40',
        duration_hours: 1,
      }),
    );
    expect(m1.breakdown.memory_energy_kwh).toBe(0);
    expect(m1.warnings.join(' ')).toMatch(/memory/);
    const b1s = await t.json(
      await estimate({ provider: 'azure', region: 'westeurope', instance_type: 'B1s', duration_hours: 1 }),
    );
    expect(b1s.warnings.join(' ')).toMatch(/Azure average/);
  });
});

describe('POST /v1/estimates/server errors', () => {
  const problemOf = async (res: Response) => {
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    return t.json(res);
  };

  it('rejects an unknown field instead of defaulting (400 naming it)', async () => {
    const res = await estimate({
      provider: 'aws',
      region: 'us-east-1',
      instance_type: 'm5.large',
      duration_hours: 1,
      utilisation: 0.9,
    });
    expect(res.status).toBe(400);
    const p = await problemOf(res);
    expect(p.errors).toEqual([{ path: 'utilisation', message: "Unknown field 'utilisation'." }]);
  });

  it('lists every offending field', async () => {
    const res = await estimate({
      provider: '',
      region: 7,
      hardware: { vcpus: 0, memory_gb: -1, cpu_architecture: 'sparc' },
      utilization: 2,
      duration_hours: 0,
      count: 1.5,
    });
    expect(res.status).toBe(400);
    const p = await problemOf(res);
    expect(p.errors.map((e: { path: string }) => e.path).sort()).toEqual(
      [
        'count',
        'duration_hours',
        'hardware.cpu_architecture',
        'hardware.memory_gb',
        'hardware.vcpus',
        'provider',
        'region',
        'utilization',
      ].sort(),
    );
    expect(p.status).toBe(400);
    expect(p.type).toBe('/problems/validation-error');
  });

  it('requires exactly one of instance_type and hardware', async () => {
    const neither = await problemOf(
      await estimate({ provider: 'aws', region: 'us-east-1', duration_hours: 1 }),
    );
    expect(neither.errors[0].path).toBe('instance_type');
    const both = await problemOf(
      await estimate({
        provider: 'aws',
        region: 'us-east-1',
        instance_type: 'm5.large',
        hardware: { vcpus: 1, memory_gb: 1 },
        duration_hours: 1,
      }),
    );
    expect(both.errors[0].message).toMatch(/not both/);
  });

  it('rejects values beyond the finite bounds', async () => {
    const p = await problemOf(
      await estimate({
        provider: 'aws',
        region: 'us-east-1',
        instance_type: 'm5.large',
        duration_hours: 876_001,
        count: 1_000_001,
      }),
    );
    expect(p.errors.map((e: { path: string }) => e.path).sort()).toEqual(['count', 'duration_hours']);
  });

  it('answers 400 for malformed JSON and 415 for a non-JSON body', async () => {
    const bad = await t.post('/v1/estimates/server', '{"provider": "aws",');
    expect(bad.status).toBe(400);
    expect((await problemOf(bad)).type).toBe('/problems/malformed-json');
    const text = await t.request('/v1/estimates/server', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(text.status).toBe(415);
    await problemOf(text);
  });

  it('answers 422 naming the unknown provider with the valid ones', async () => {
    const res = await estimate({
      provider: 'linode',
      region: 'eu-central',
      instance_type: 'g6-standard-2',
      duration_hours: 1,
    });
    expect(res.status).toBe(422);
    const p = await problemOf(res);
    expect(p.errors).toHaveLength(1);
    expect(p.errors[0].path).toBe('provider');
    expect(p.errors[0].message).toContain('scaleway');
  });

  it('answers 422 naming both an unknown region and an unknown instance type', async () => {
    const p = await problemOf(
      await estimate({ provider: 'aws', region: 'mars-1', instance_type: 'm5.lrage', duration_hours: 1 }),
    );
    expect(p.status).toBe(422);
    expect(p.errors.map((e: { path: string }) => e.path)).toEqual(['region', 'instance_type']);
    expect(p.errors[0].message).toContain('us-east-1');
    expect(p.errors[1].message).toContain("'m5.large'");
    expect(p.errors[1].message).toContain('/v1/providers/aws/instance-types');
  });

  it('answers 422 for an unknown CPU family and an architecture that contradicts it', async () => {
    const unknown = await problemOf(
      await estimate({
        provider: 'aws',
        region: 'us-east-1',
        hardware: { vcpus: 2, memory_gb: 4, cpu_family: 'Pentium 4' },
        duration_hours: 1,
      }),
    );
    expect(unknown.errors[0].path).toBe('hardware.cpu_family');
    const contradiction = await problemOf(
      await estimate({
        provider: 'aws',
        region: 'us-east-1',
        hardware: { vcpus: 2, memory_gb: 4, cpu_family: 'AWS Graviton2', cpu_architecture: 'x86_64' },
        duration_hours: 1,
      }),
    );
    expect(contradiction.errors[0].path).toBe('hardware.cpu_architecture');
  });
});

describe('host provenance', () => {
  it('cites the borrowed value of a proxy host, not the shape source', async () => {
    const e = await t.json(
      await estimate({
        provider: 'scaleway',
        region: 'fr-par-2',
        instance_type: 'COPARM1-4C-16G',
        duration_hours: 1,
      }),
    );
    const f = Object.fromEntries(e.factors.map((x: { name: string }) => [x.name, x]));
    expect(f.host_embodied).toMatchObject({ status: 'proxy', source_id: 'ccf-teads-embodied' });
    expect(f.host_vcpus.source_id).toBe('boavizta-api-data');
    const dyno = await t.json(
      await estimate({ provider: 'heroku', region: 'eu', instance_type: 'basic', duration_hours: 1 }),
    );
    const d = Object.fromEntries(dyno.factors.map((x: { name: string }) => [x.name, x]));
    expect(d.host_embodied.source_id).toBe('ccf-teads-embodied');
    expect(d.host_vcpus.source_id).toBe('ccf-teads-embodied');
  });
});

describe('every CPU profile answers whole-server power on one basis (server v3)', () => {
  it('every profile is SPECpower and adds only the memory above its reference; the TDP curve is the other basis', async () => {
    const catalog = await t.catalog.get();
    expect(catalog.cpuProfiles.length).toBeGreaterThanOrEqual(20);
    const seen = new Set<string>();
    for (const p of catalog.cpuProfiles) {
      // 4 vCPU, 16 GB (4 GB per vCPU) of custom hardware at full load, on the default host of its architecture
      const res = await estimate({
        provider: 'aws',
        region: 'us-east-1',
        hardware: { vcpus: 4, memory_gb: 16, cpu_family: p.family },
        utilization: 1,
        duration_hours: 1,
      });
      expect(res.status, p.family).toBe(200);
      const e = await t.json(res);
      const b = e.breakdown;
      const f = Object.fromEntries(e.factors.map((x: { name: string }) => [x.name, x]));
      expect(b.power_basis, p.family).toBe('specpower');
      expect(p.profile.method, p.family).toBe('specpower');
      seen.add(b.power_basis);
      // the default host: m5 (96 vCPU, 384 GB, 1 chip) for x86_64, m6g (64 vCPU, 256 GB) for arm64
      const host = p.architecture === 'arm64' ? 256 : 384;
      const expected = Math.max(0, host - (p.memoryGbPerChip as number)) * (16 / host);
      expect(b.memory_gb_counted, p.family).toBeCloseTo(expected, 12);
      expect(b.rest_of_server_energy_kwh).toBe(0);
      expect(f.memory_reference_per_chip.value).toBe(p.memoryGbPerChip);
      expect(e.warnings.join(' ')).not.toMatch(/covers the CPU alone/);
      if (p.tdpCurve) {
        // the other basis: the TDP curve at u = 1 (1.02 · TDP / threads), all 16 GB, + 33 %
        const curve = (1.02 * p.tdpCurve.tdpW) / p.tdpCurve.threads;
        expect(f.cpu_power_per_vcpu_tdp_curve.value, p.family).toBeCloseTo(curve, 12);
        expect(b.other_basis.it_energy_kwh, p.family).toBeCloseTo(
          ((4 * curve) / 1000 + 16 * 0.000392) * 1.33,
          12,
        );
        expect(e.co2e_g_low, p.family).toBeLessThanOrEqual(b.other_basis.co2e_g);
        expect(e.co2e_g_high, p.family).toBeGreaterThanOrEqual(b.other_basis.co2e_g);
      } else {
        expect(b.other_basis, p.family).toBeNull();
        expect(f.cpu_power_per_vcpu_tdp_curve, p.family).toBeUndefined();
      }
      expect(b.it_energy_kwh).toBeCloseTo(
        b.cpu_energy_kwh + b.memory_energy_kwh + b.rest_of_server_energy_kwh,
        15,
      );
      // Whole-server wall power per vCPU at full load: plausible for a server (1–20 W per vCPU).
      const wattsPerVcpu = (b.it_energy_kwh * 1000) / 4;
      expect(wattsPerVcpu, p.family).toBeGreaterThan(1);
      expect(wattsPerVcpu, p.family).toBeLessThan(20);
    }
    expect([...seen]).toEqual(['specpower']);
  });
});

describe('grid_source', () => {
  const FRANCE = [
    { provider: 'aws', region: 'eu-west-3', instance_type: 'm6g.large' },
    { provider: 'gcp', region: 'europe-west9', instance_type: 'n2-standard-2' },
    { provider: 'scaleway', region: 'fr-par-2', instance_type: 'COPARM1-2C-8G' },
  ];
  const gridOf = (e: { factors: { name: string; value: number; source_id: string }[] }) =>
    e.factors.find((f) => f.name === 'grid_intensity');

  it('regional (default): each provider’s published value for its French region', async () => {
    const grids = [];
    for (const c of FRANCE) {
      const implicit = await t.json(await estimate({ ...c, duration_hours: 1 }));
      const explicit = await t.json(await estimate({ ...c, duration_hours: 1, grid_source: 'regional' }));
      expect(explicit).toEqual(implicit);
      grids.push(gridOf(implicit));
    }
    expect(grids.map((g) => g?.value)).toEqual([52.87, 16.3, 44]);
    expect(grids.map((g) => g?.source_id)).toEqual([
      'gsf-real-time-cloud-2026',
      'gsf-real-time-cloud-2026',
      'scaleway-footprint-reference-2025',
    ]);
  });

  it('country: the same Ember factor for French placements of different providers', async () => {
    const grids = [];
    for (const c of FRANCE) {
      const e = await t.json(await estimate({ ...c, duration_hours: 1, grid_source: 'country' }));
      grids.push(gridOf(e));
      const b = e.breakdown;
      expect(b.operational_co2e_g).toBeCloseTo(b.it_energy_kwh * b.pue * 44.18, 9);
    }
    expect(grids[0]).toEqual({
      name: 'grid_intensity',
      value: 44.18,
      low: 44.18 * 0.85,
      high: 44.18 * 1.15,
      unit: 'gCO2e/kWh',
      source_id: 'ember-via-co2js',
      year: 2024,
      status: 'proxy',
    });
    expect(grids[1]).toEqual(grids[0]);
    expect(grids[2]).toEqual(grids[0]);
  });

  it('rejects an unknown grid source', async () => {
    const res = await estimate({ ...FRANCE[0], duration_hours: 1, grid_source: 'ember' });
    expect(res.status).toBe(400);
    expect((await t.json(res)).errors.map((e: { path: string }) => e.path)).toEqual(['grid_source']);
  });
});
