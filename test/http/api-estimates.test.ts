import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const estimate = (body: unknown) => t.post('/v1/estimates/api', body);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const names = (e: { factors: { name: string }[] }) => e.factors.map((f) => f.name);
// biome-ignore lint/suspicious/noExplicitAny: answers are read as plain JSON
const byName = (e: { factors: { name: string }[] }): Record<string, any> =>
  Object.fromEntries(e.factors.map((f) => [f.name, f]));
const paths = (p: { errors: { path: string }[] }) => p.errors.map((e) => e.path).sort();

const SCALEWAY_RESOURCES = {
  provider: 'scaleway',
  region: 'fr-par-2',
  instance_type: 'COPARM1-4C-16G',
  requests: 1_000_000,
  cpu_ms_per_request: 12,
  bytes_per_request: 2048,
  network_zone: 'FR',
};
const SCALEWAY_SERVER = {
  provider: 'scaleway',
  region: 'fr-par-2',
  instance_type: 'COPARM1-4C-16G',
  duration_hours: 730,
};

describe('POST /v1/estimates/api, resources mode', () => {
  it('estimates 1M requests of 12 ms and 2,048 B on Scaleway COPARM1-4C-16G (hand-computed)', async () => {
    const res = await estimate(SCALEWAY_RESOURCES);
    expect(res.status).toBe(200);
    const e = await t.json(res);
    // cpu_hours = 12 / 3.6e6; P(1.0) = max of Altra Max M128-30 on the SPECpower basis: the fit's
    // full-load ratio (the mean of Cascade Lake's and Broadwell's max / curve(1), the 5th and 6th of
    // the ten fit CPUs) · 1.02 · 250/128 W: whole-server power per vCPU, no rest-of-server term
    const cpuHours = 12 / 3_600_000;
    const fullRatio = (3.97 / (1.02 * (210 / 48)) + 3.69 / (1.02 * (145 / 36))) / 2;
    const P = fullRatio * 1.02 * (250 / 128);
    expect(P).toBeCloseTo(1.7808266626, 9);
    const computeItKwh = (cpuHours * P) / 1000;
    const computeKwh = computeItKwh * 1.16; // PUE fr-par-2
    const operational = computeKwh * 44; // Scaleway grid 44 g/kWh
    const embodied = ((1687.9024 * 1000) / 128) * (cpuHours / 52_560);
    const gb = 2048 / 1e9;
    const networkKwh = gb * 0.059;
    const networkG = gb * (0.059 * 44.18 + 0.013 * 494); // I_net = France (Ember) 44.18
    const perRequest = {
      co2e_g: operational + embodied + networkG, // 1.9629889142329e-5
      energy_kwh: computeKwh + networkKwh, // 1.277178630952e-7
      water_l: computeItKwh * 0.25 + computeKwh * 3.673696, // WUE 0.25, EWIF FRA
    };
    expect(rel(perRequest.co2e_g, 1.9629889142329e-5)).toBeLessThan(1e-12);

    expect(rel(e.per_request.co2e_g, perRequest.co2e_g)).toBeLessThan(1e-12);
    expect(rel(e.per_request.energy_kwh, perRequest.energy_kwh)).toBeLessThan(1e-12);
    expect(rel(e.per_request.water_l, perRequest.water_l)).toBeLessThan(1e-12);
    expect(rel(e.co2e_g, 19.629889142329)).toBeLessThan(1e-12);
    expect(rel(e.energy_kwh, 0.1277178630952)).toBeLessThan(1e-12);
    expect(rel(e.water_l, perRequest.water_l * 1e6)).toBeLessThan(1e-12);

    expect(e.breakdown).toMatchObject({ mode: 'resources', power_basis: 'specpower', memory_energy_kwh: 0 });
    expect(rel(e.breakdown.compute_energy_kwh, computeKwh)).toBeLessThan(1e-12);
    expect(rel(e.breakdown.compute_operational_co2e_g, operational)).toBeLessThan(1e-12);
    expect(rel(e.breakdown.compute_embodied_co2e_g, embodied)).toBeLessThan(1e-12);
    expect(rel(e.breakdown.network_energy_kwh, networkKwh)).toBeLessThan(1e-12);
    expect(rel(e.breakdown.network_co2e_g, networkG)).toBeLessThan(1e-12);
    expect(rel(e.breakdown.water_onsite_l, computeItKwh * 0.25)).toBeLessThan(1e-12);

    // Range: every factor at its low/high (CPU ±20%, PUE ±5%, grid ±15%, proxy host ±50%, I_net
    // ±15%), widened to span the other basis: the TDP curve at 1.0 (1.02 · 250/128 W, the CPU
    // alone) plus Boavizta's 33 % rest of the server, central factors — v2's own figure.
    const low =
      ((cpuHours * P * 0.8) / 1000) * 1.102 * 37.4 +
      ((843.9512 * 1000) / 128) * (cpuHours / 52_560) +
      gb * (0.059 * 44.18 * 0.85 + 0.013 * 494);
    const high =
      ((cpuHours * P * 1.2) / 1000) * 1.218 * 50.6 +
      ((2531.8536 * 1000) / 128) * (cpuHours / 52_560) +
      gb * (0.059 * 44.18 * 1.15 + 0.013 * 494);
    const other = ((cpuHours * 1.9921875 * 1.33) / 1000) * 1.16 * 44 + embodied + networkG;
    expect(rel(other, 1.9777698041139e-5)).toBeLessThan(1e-12); // v2's per-request figure
    // Here v2's figure lies inside the SPECpower range already: the range is unchanged.
    expect(low).toBeLessThan(other);
    expect(high).toBeGreaterThan(other);
    expect(rel(e.co2e_g_low, low * 1e6)).toBeLessThan(1e-12);
    expect(rel(e.co2e_g_high, high * 1e6)).toBeLessThan(1e-12);

    expect(e.requests).toBe(1_000_000);
    expect(e.sci).toEqual({
      functional_unit: 'request',
      basis: 'busy-time',
      co2e_g_per_unit: e.per_request.co2e_g,
    });
    expect(e.methodology).toEqual({ id: 'empreinte-api', version: '3' });
    expect(e.warnings).toHaveLength(1);
    expect(e.warnings[0]).toMatch(/^Resources mode counts busy time/);
    expect(e.warnings[0]).toMatch(/a component of an SCI score, not an SCI score/);
    expect(typeof e.data_version).toBe('string');
  });

  it('lists the resources-mode factors of docs/methodology.md, in that order, with provenance', async () => {
    const e = await t.json(await estimate(SCALEWAY_RESOURCES));
    expect(names(e)).toEqual([
      'cpu_power_per_vcpu',
      'pue',
      'grid_intensity',
      'host_embodied',
      'host_vcpus',
      'lifespan',
      'wue',
      'ewif',
      'grid_intensity_network',
      'cpu_power_per_vcpu_tdp_curve',
      'rest_of_server_ratio',
    ]);
    const f = byName(e);
    expect(f.cpu_power_per_vcpu).toMatchObject({ unit: 'W', status: 'derived' });
    expect(f.cpu_power_per_vcpu.value).toBeCloseTo(1.7808266626, 9);
    expect(f.cpu_power_per_vcpu.low).toBeCloseTo(f.cpu_power_per_vcpu.value * 0.8, 12);
    expect(f.cpu_power_per_vcpu_tdp_curve).toMatchObject({ value: 1.9921875, status: 'derived' });
    expect(f.pue).toMatchObject({ value: 1.16, status: 'published' });
    expect(f.grid_intensity).toMatchObject({ value: 44, unit: 'gCO2e/kWh' });
    expect(f.host_embodied).toMatchObject({ value: 1687.9024, status: 'proxy' });
    expect(f.host_vcpus.value).toBe(128);
    expect(f.lifespan.value).toBe(52_560);
    expect(f.wue.value).toBe(0.25);
    expect(f.ewif.value).toBe(3.673696);
    expect(f.grid_intensity_network).toMatchObject({ value: 44.18, unit: 'gCO2e/kWh', status: 'published' });
    expect(f.grid_intensity_network.low).toBeCloseTo(44.18 * 0.85, 12);
    for (const x of e.factors) expect(x.source_id, x.name).toEqual(expect.any(String));
  });

  it('keeps per_request × requests = totals and low ≤ value ≤ high', async () => {
    for (const body of [
      SCALEWAY_RESOURCES,
      { ...SCALEWAY_RESOURCES, requests: 7, bytes_per_request: 0 },
      {
        provider: 'aws',
        region: 'eu-west-3',
        instance_type: 'c6g.xlarge',
        requests: 123_457,
        cpu_ms_per_request: 3.5,
      },
      {
        provider: 'heroku',
        region: 'eu',
        instance_type: 'standard-2x',
        requests: 10,
        cpu_ms_per_request: 80,
      },
    ]) {
      const e = await t.json(await estimate(body));
      expect(rel(e.co2e_g, e.per_request.co2e_g * body.requests)).toBeLessThan(1e-12);
      expect(rel(e.energy_kwh, e.per_request.energy_kwh * body.requests)).toBeLessThan(1e-12);
      expect(rel(e.water_l, e.per_request.water_l * body.requests)).toBeLessThan(1e-12);
      expect(e.co2e_g_low).toBeLessThanOrEqual(e.co2e_g);
      expect(e.co2e_g).toBeLessThanOrEqual(e.co2e_g_high);
      expect(e.sci.co2e_g_per_unit).toBe(e.per_request.co2e_g);
    }
  });

  it('uses the SWD v4 global 494 g/kWh for the network when no network_zone is given', async () => {
    const { network_zone: _, ...body } = SCALEWAY_RESOURCES;
    const e = await t.json(await estimate(body));
    const f = byName(e);
    expect(f.grid_intensity_network).toMatchObject({ value: 494, status: 'default', source_id: 'swd-v4' });
    expect(rel(e.breakdown.network_co2e_g, 2.048e-6 * 0.072 * 494)).toBeLessThan(1e-12);
    const withZone = await t.json(await estimate(SCALEWAY_RESOURCES));
    expect(e.breakdown.compute_operational_co2e_g).toBe(withZone.breakdown.compute_operational_co2e_g);
    expect(e.co2e_g).toBeGreaterThan(withZone.co2e_g);
  });

  it('accepts network_zone as alpha-2 or alpha-3 in any case', async () => {
    const answers = await Promise.all(
      ['FR', 'fr', 'FRA', 'fra'].map(async (network_zone) =>
        t.json(await estimate({ ...SCALEWAY_RESOURCES, network_zone })),
      ),
    );
    for (const a of answers) expect(a.co2e_g).toBe(answers[0].co2e_g);
  });

  it('uses the provider defaults without an instance type, and says so', async () => {
    const e = await t.json(
      await estimate({ provider: 'scaleway', region: 'fr-par-2', requests: 10, cpu_ms_per_request: 50 }),
    );
    const f = byName(e);
    // Scaleway x86_64 default: AMD EPYC 7543, CCF's AMD EPYC 3rd Gen coefficients (max 2.02 W per
    // vCPU at 1.0, whole server); AWS m5 host.
    expect(f.cpu_power_per_vcpu).toMatchObject({ value: 2.02, status: 'default' });
    expect(f.host_embodied).toMatchObject({ value: 1610.3792, status: 'default' });
    expect(f.host_vcpus.value).toBe(96);
    expect(e.warnings.join(' ')).toMatch(/No instance type or hardware given/);
    const cpuHours = 50 / 3_600_000;
    const perRequest =
      ((cpuHours * 2.02) / 1000) * 1.16 * 44 + ((1610.3792 * 1000) / 96) * (cpuHours / 52_560);
    expect(rel(perRequest, 5.864662972828e-6)).toBeLessThan(1e-12);
    expect(rel(e.per_request.co2e_g, perRequest)).toBeLessThan(1e-12);
  });

  it('takes hardware for the CPU profile (arm64 on Scaleway: Altra Max) with the default arm64 host', async () => {
    const e = await t.json(
      await estimate({
        provider: 'scaleway',
        region: 'fr-par-2',
        hardware: { vcpus: 4, memory_gb: 16, cpu_architecture: 'arm64' },
        requests: 1,
        cpu_ms_per_request: 1000,
      }),
    );
    const f = byName(e);
    expect(f.cpu_power_per_vcpu.value).toBeCloseTo(1.7808266626, 9);
    expect(f.host_embodied.value).toBe(1332.856);
    expect(f.host_vcpus.value).toBe(64);
  });

  it('uses server v3’s whole-server power per vCPU at u = 1.0: P(1.0) = max of the SPECpower profile', async () => {
    // AWS m5.large (Skylake 0.65..4.26 W): the SPECpower max already is the whole server per vCPU.
    const e = await t.json(
      await estimate({
        provider: 'aws',
        region: 'us-east-1',
        instance_type: 'm5.large',
        requests: 1000,
        cpu_ms_per_request: 100,
      }),
    );
    expect(byName(e).cpu_power_per_vcpu.value).toBe(4.26);
    // Listed for the other basis only (the TDP curve of the 8175M at 1.0: 1.02 · 240/48 = 5.1 W).
    expect(byName(e).cpu_power_per_vcpu_tdp_curve.value).toBeCloseTo(5.1, 12);
    expect(byName(e).rest_of_server_ratio.value).toBe(0.33);
    expect(e.breakdown.power_basis).toBe('specpower');
    const cpuHours = 100 / 3_600_000;
    expect(rel(e.breakdown.compute_energy_kwh, ((cpuHours * 4.26) / 1000) * 1.15)).toBeLessThan(1e-12);
    expect(e.warnings).toEqual([expect.stringMatching(/^Resources mode counts busy time/)]);
  });

  it('counts memory_mb as a server counts its memory: only the share above the SPECpower reference', async () => {
    const base = {
      provider: 'aws',
      region: 'us-east-1',
      instance_type: 'm5.large',
      requests: 1000,
      cpu_ms_per_request: 100,
    };
    const without = await t.json(await estimate(base));
    const res = await estimate({ ...base, memory_mb: 512 });
    expect(res.status).toBe(200);
    const e = await t.json(res);
    // CCF's rule on the m5 host (384 GB, 1 chip, Skylake reference 81.32 GB): (384 − 81.32) / 384 of
    // 512 MB counts, · (100 ms / 3.6e6 ms/h) · 0.000392 kWh/GB-h · PUE 1.15, per request
    const countedGb = ((384 - 81.32) * 0.5) / 384;
    const memoryKwh = countedGb * (100 / 3_600_000) * 0.000392 * 1.15;
    expect(rel(e.breakdown.memory_energy_kwh, memoryKwh)).toBeLessThan(1e-12);
    expect(
      rel(e.breakdown.compute_energy_kwh, without.breakdown.compute_energy_kwh + memoryKwh),
    ).toBeLessThan(1e-12);
    expect(rel(e.per_request.co2e_g - without.per_request.co2e_g, memoryKwh * 396.25)).toBeLessThan(1e-9);
    expect(names(e)).toEqual(
      expect.arrayContaining(['memory_power', 'memory_reference_per_chip', 'host_memory', 'host_chips']),
    );
    expect(names(without)).not.toContain('memory_power');
    expect(e.warnings.join(' ')).not.toMatch(/upper bound/);
    // The other basis counts all of memory_mb, with the rest of the server: the range spans it.
    const other =
      (((100 / 3_600_000) * (5.1 + 0.5 * 0.392) * 1.33) / 1000) * 1.15 * 396.25 +
      ((1610.3792 * 1000) / 96) * (100 / 3_600_000 / 35_040);
    expect(e.per_request.co2e_g).toBeLessThan(other);
    expect(rel(e.co2e_g_high, other * 1000)).toBeLessThan(1e-12); // above every factor at its high
  });
});

describe('POST /v1/estimates/api, allocation mode', () => {
  it('shares a server estimate over its requests and adds the network (494 g/kWh by default)', async () => {
    const server = await t.json(await t.post('/v1/estimates/server', SCALEWAY_SERVER));
    const res = await estimate({ server: SCALEWAY_SERVER, requests: 1_000_000, bytes_per_request: 2048 });
    expect(res.status).toBe(200);
    const e = await t.json(res);
    const networkG = 2.048e-6 * (0.059 * 494 + 0.013 * 494); // 7.2843264e-5
    const networkKwh = 2.048e-6 * 0.059;
    // server co2e 1109.1026840552 g (hand-computed in server-estimates.test.ts)
    expect(rel(e.per_request.co2e_g, 1109.1026840552 / 1e6 + networkG)).toBeLessThan(1e-11);
    expect(rel(e.per_request.co2e_g, server.co2e_g / 1e6 + networkG)).toBeLessThan(1e-12);
    expect(rel(e.per_request.energy_kwh, server.energy_kwh / 1e6 + networkKwh)).toBeLessThan(1e-12);
    expect(rel(e.per_request.water_l, server.water_l / 1e6)).toBeLessThan(1e-12);
    expect(rel(e.co2e_g, server.co2e_g + networkG * 1e6)).toBeLessThan(1e-12);
    expect(rel(e.co2e_g_low, server.co2e_g_low + 2.048 * (0.059 * 494 * 0.85 + 0.013 * 494))).toBeLessThan(
      1e-12,
    );
    expect(rel(e.co2e_g_high, server.co2e_g_high + 2.048 * (0.059 * 494 * 1.15 + 0.013 * 494))).toBeLessThan(
      1e-12,
    );
    expect(e.co2e_g_low).toBeLessThanOrEqual(e.co2e_g);
    expect(e.co2e_g).toBeLessThanOrEqual(e.co2e_g_high);
    expect(e.breakdown.mode).toBe('allocation');
    expect(
      rel(e.breakdown.compute_operational_co2e_g, server.breakdown.operational_co2e_g / 1e6),
    ).toBeLessThan(1e-12);
    expect(rel(e.breakdown.compute_embodied_co2e_g, server.breakdown.embodied_co2e_g / 1e6)).toBeLessThan(
      1e-12,
    );
    expect(e.sci).toEqual({
      functional_unit: 'request',
      basis: 'allocation',
      co2e_g_per_unit: e.per_request.co2e_g,
    });
    expect(e.breakdown.power_basis).toBe(server.breakdown.power_basis);
    expect(
      rel(e.breakdown.memory_energy_kwh, (server.breakdown.memory_energy_kwh * 1.16) / 1e6),
    ).toBeLessThan(1e-12);
    expect(e.warnings.join(' ')).not.toMatch(/busy time/);
    expect(rel(e.co2e_g, e.per_request.co2e_g * 1e6)).toBeLessThan(1e-12);
  });

  it("lists the server estimate's factors plus grid_intensity_network", async () => {
    const server = await t.json(await t.post('/v1/estimates/server', SCALEWAY_SERVER));
    const e = await t.json(await estimate({ server: SCALEWAY_SERVER, requests: 5, network_zone: 'DE' }));
    expect(names(e)).toEqual([...names(server), 'grid_intensity_network']);
    expect(e.factors.slice(0, -1)).toEqual(server.factors);
    expect(byName(e).grid_intensity_network).toMatchObject({ status: 'published', unit: 'gCO2e/kWh' });
    expect(byName(e).grid_intensity_network.value).toBeGreaterThan(200); // Germany, Ember
  });

  it('has no network part without bytes, and carries the server warnings', async () => {
    const body = { provider: 'heroku', region: 'us', instance_type: 'performance-l', duration_hours: 730 };
    const server = await t.json(await t.post('/v1/estimates/server', body));
    const e = await t.json(await estimate({ server: body, requests: 4 }));
    expect(e.breakdown.network_co2e_g).toBe(0);
    expect(rel(e.co2e_g, server.co2e_g)).toBeLessThan(1e-12);
    expect(e.warnings).toEqual(server.warnings);
    expect(e.warnings.length).toBeGreaterThan(0);
  });
});

describe('POST /v1/estimates/api errors', () => {
  const problemOf = async (res: Response, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    return t.json(res);
  };

  it('names requests: 0 and cpu_ms_per_request: -3', async () => {
    const p = await problemOf(
      await estimate({ provider: 'scaleway', region: 'fr-par-2', requests: 0, cpu_ms_per_request: -3 }),
      400,
    );
    expect(p.type).toBe('/problems/validation-error');
    expect(paths(p)).toEqual(['cpu_ms_per_request', 'requests']);
    expect(p.errors.find((e: { path: string }) => e.path === 'requests').message).toMatch(/>=1/);
  });

  it('names the missing fields of resources mode (not one union error at the root)', async () => {
    const p = await problemOf(await estimate({}), 400);
    expect(paths(p)).toEqual(['cpu_ms_per_request', 'provider', 'region', 'requests']);
  });

  it('names the fields of allocation mode when the body has server', async () => {
    const p = await problemOf(
      await estimate({ server: { ...SCALEWAY_SERVER, duration_hours: 0, utilisation: 1 }, requests: 1.5 }),
      400,
    );
    expect(paths(p)).toEqual(['requests', 'server.duration_hours', 'server.utilisation']);
    const neither = await problemOf(
      await estimate({ server: { provider: 'aws', region: 'us-east-1', duration_hours: 1 }, requests: 1 }),
      400,
    );
    expect(paths(neither)).toEqual(['server.instance_type']);
    const notObject = await problemOf(await estimate({ server: 5, requests: 1 }), 400);
    expect(paths(notObject)).toEqual(['server']);
  });

  it('names the resources-mode fields of a body that mixes both modes', async () => {
    const p = await problemOf(await estimate({ ...SCALEWAY_RESOURCES, server: SCALEWAY_SERVER }), 400);
    expect(paths(p)).toEqual(['cpu_ms_per_request', 'instance_type', 'provider', 'region']);
    for (const e of p.errors) expect(e.message).toMatch(/belongs to resources mode/);
  });

  it('rejects unknown fields and both instance_type and hardware', async () => {
    const typo = await problemOf(await estimate({ ...SCALEWAY_RESOURCES, bytes_per_requests: 1 }), 400);
    expect(typo.errors).toEqual([
      { path: 'bytes_per_requests', message: "Unknown field 'bytes_per_requests'." },
    ]);
    const both = await problemOf(
      await estimate({ ...SCALEWAY_RESOURCES, hardware: { vcpus: 1, memory_gb: 1 } }),
      400,
    );
    expect(paths(both)).toEqual(['hardware']);
  });

  it('rejects values beyond the finite bounds and of the wrong type', async () => {
    const p = await problemOf(
      await estimate({
        ...SCALEWAY_RESOURCES,
        requests: 1e15 + 1,
        cpu_ms_per_request: 3_600_001,
        bytes_per_request: 1e12 + 1,
        network_zone: '',
      }),
      400,
    );
    expect([...new Set(paths(p))]).toEqual([
      'bytes_per_request',
      'cpu_ms_per_request',
      'network_zone',
      'requests',
    ]);
    const types = await problemOf(
      await estimate({
        ...SCALEWAY_RESOURCES,
        requests: '10',
        cpu_ms_per_request: null,
        bytes_per_request: -1,
      }),
      400,
    );
    expect(paths(types)).toEqual(['bytes_per_request', 'cpu_ms_per_request', 'requests']);
    const array = await problemOf(await estimate([SCALEWAY_RESOURCES]), 400);
    expect(paths(array)).toEqual(['body']);
  });

  it('answers 422 naming region and network_zone in resources mode', async () => {
    const p = await problemOf(
      await estimate({ ...SCALEWAY_RESOURCES, region: 'fr-par-9', network_zone: 'XX' }),
      422,
    );
    expect(p.type).toBe('/problems/unknown-reference');
    expect(p.errors.map((e: { path: string }) => e.path)).toEqual(['region', 'network_zone']);
    expect(p.errors[0].message).toContain('fr-par-2');
    const it = await problemOf(
      await estimate({ ...SCALEWAY_RESOURCES, instance_type: 'COPARM1-4C-61G' }),
      422,
    );
    expect(paths(it)).toEqual(['instance_type']);
  });

  it('answers 422 naming server.region and network_zone in allocation mode', async () => {
    const p = await problemOf(
      await estimate({ server: { ...SCALEWAY_SERVER, region: 'fr-par-9' }, requests: 1, network_zone: 'XX' }),
      422,
    );
    expect(p.errors.map((e: { path: string }) => e.path)).toEqual(['server.region', 'network_zone']);
    const provider = await problemOf(
      await estimate({ server: { ...SCALEWAY_SERVER, provider: 'linode' }, requests: 1 }),
      422,
    );
    expect(paths(provider)).toEqual(['server.provider']);
  });
});
