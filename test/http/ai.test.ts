import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, migrationsWithFactorSet, type TestApp } from '../helpers/app.js';

let t: TestApp;
/** The factor set of issue 21 (0014_seed_catalogs): the same code, no GPUs in the catalog. */
let cpuOnly: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  cpuOnly = await createTestApp({ migrationsFolder: migrationsWithFactorSet('0014_seed_catalogs') });
});

type Factor = {
  name: string;
  value: number;
  low: number;
  high: number;
  status: string;
  source_id: string | null;
};
const f = (e: { factors: Factor[] }, name: string) => e.factors.find((x) => x.name === name) as Factor;

describe('servers with GPUs (docs/methodology.md, "GPUs")', () => {
  const p4d = { provider: 'aws', region: 'us-east-1', instance_type: 'p4d.24xlarge', duration_hours: 8760 };

  it('lists GPU instance types with their GPU model and count', async () => {
    const aws = (await t.json(await t.request('/v1/providers/aws/instance-types'))).data as Record<
      string,
      unknown
    >[];
    expect(aws.find((i) => i.id === 'p4d.24xlarge')).toMatchObject({
      gpu_model: 'NVIDIA A100 SXM4 40GB',
      gpu_count: 8,
    });
    expect(aws.find((i) => i.id === 'm5.large')).toMatchObject({ gpu_model: null, gpu_count: null });
    const scw = (await t.json(await t.request('/v1/providers/scaleway/instance-types'))).data as Record<
      string,
      unknown
    >[];
    expect(scw.find((i) => i.id === 'H100-1-80G')).toMatchObject({
      gpu_model: 'NVIDIA H100 PCIe 80GB',
      gpu_count: 1,
    });
  });

  it('adds the GPUs to the CPU-only figure, by hand from CCF’s A100 watts and the A100 embodied', async () => {
    const e = await t.json(await t.post('/v1/estimates/server', p4d));
    // A100: 46 W idle, 407 W at full load (CCF Appendix III); u = 0.5 → 226.5 W per GPU; 8 GPUs.
    expect(f(e, 'gpu_power')).toMatchObject({
      value: 226.5,
      status: 'published',
      source_id: 'ccf-coefficients',
    });
    expect(f(e, 'gpu_count').value).toBe(8);
    expect(e.breakdown.gpu_energy_kwh).toBeCloseTo((8 * 226.5 * 8760) / 1000, 9);
    // 143 kgCO2e per board (Boavizta's A100 80GB via EcoLogits, a proxy for the 40GB), over CCF's 4 years.
    expect(f(e, 'gpu_embodied')).toMatchObject({ value: 143, status: 'estimated' });
    expect(e.breakdown.gpu_embodied_co2e_g).toBeCloseTo((8 * 143 * 1000 * 8760) / 35_040, 9);
    // The CPU part is unchanged: the same request on the factor set without GPUs, plus the GPU terms.
    const before = await cpuOnly.json(await cpuOnly.post('/v1/estimates/server', p4d));
    expect(before.breakdown.gpu_energy_kwh).toBeUndefined();
    const gpuOperational = e.breakdown.gpu_energy_kwh * f(e, 'pue').value * f(e, 'grid_intensity').value;
    expect(e.co2e_g).toBeCloseTo(before.co2e_g + gpuOperational + e.breakdown.gpu_embodied_co2e_g, 6);
    expect(e.energy_kwh).toBeCloseTo(before.energy_kwh + e.breakdown.gpu_energy_kwh * f(e, 'pue').value, 9);
    expect(e.co2e_g).toBeGreaterThan(2 * before.co2e_g);
    expect(e.warnings.join(' ')).toContain("NVIDIA A100 SXM4 40GB are another GPU's figure");
  });

  it('takes gpu_utilization apart from utilization (idle GPUs draw their idle power)', async () => {
    const idle = await t.json(await t.post('/v1/estimates/server', { ...p4d, gpu_utilization: 0 }));
    expect(f(idle, 'gpu_power').value).toBe(46);
    const full = await t.json(await t.post('/v1/estimates/server', { ...p4d, gpu_utilization: 1 }));
    expect(f(full, 'gpu_power').value).toBe(407);
    expect(f(full, 'cpu_power_per_vcpu').value).toBe(f(idle, 'cpu_power_per_vcpu').value);
    const bad = await t.post('/v1/estimates/server', { ...p4d, gpu_utilization: 1.5 });
    expect(bad.status).toBe(400);
  });

  it('estimates Scaleway GPU instances, which the catalog did not have before', async () => {
    const body = {
      provider: 'scaleway',
      region: 'fr-par-2',
      instance_type: 'H100-1-80G',
      duration_hours: 8760,
    };
    expect((await cpuOnly.post('/v1/estimates/server', body)).status).toBe(422);
    const e = await t.json(await t.post('/v1/estimates/server', body));
    // H100 PCIe: 350 W (NVIDIA's product brief), idle estimated from CCF's idle/max ratio.
    expect(f(e, 'gpu_power_idle')).toBeUndefined();
    expect(e.breakdown.gpu_energy_kwh).toBeCloseTo((f(e, 'gpu_power').value * 8760) / 1000, 9);
    expect(e.breakdown.gpu_embodied_co2e_g).toBeGreaterThan(0);
  });
});

describe('POST /v1/estimates/llm equals EcoLogits 0.9.1 (commit 2d0a1c7) on its own reference runs', () => {
  // Cases of /tmp/ecologits-spec.md §6, computed by running EcoLogits' own code (ecologits/tracers/utils.py
  // llm_impacts, ecologits/impacts/llm.py): energy and embodied do not depend on the grid, so they must
  // equal EcoLogits' to the last digits; usage CO2e uses our Ember grid for the provider's zone instead.
  const llm = async (body: Record<string, unknown>) => t.json(await t.post('/v1/estimates/llm', body));

  it('case C: mistral open-mistral-7b, 1000 output tokens, 100 s', async () => {
    const e = await llm({
      provider: 'mistral',
      model: 'open-mistral-7b',
      output_tokens: 1000,
      latency_s: 100,
    });
    expect(e.energy_kwh).toBeCloseTo(8.535977680336086e-5, 15);
    expect(e.breakdown.embodied_co2e_g / 1000).toBeCloseTo(6.425890462914508e-6, 15);
    expect(e.breakdown.runs.min_params).toMatchObject({ gpu_count: 1, model_memory_gb: 17.52 });
    expect(e.breakdown.runs.min_params.generation_s).toBeCloseTo(44.390417883156424, 10);
    expect(f(e, 'active_parameters')).toMatchObject({
      value: 7.3,
      status: 'published',
      source_id: 'ecologits',
    });
  });

  it('case F: mistral open-mixtral-8x22b, 500 tokens: 8 GPUs', async () => {
    const e = await llm({
      provider: 'mistral',
      model: 'open-mixtral-8x22b',
      output_tokens: 500,
      latency_s: 100,
    });
    expect(e.energy_kwh).toBeCloseTo(0.0004906365175852844, 14);
    expect(e.breakdown.embodied_co2e_g / 1000).toBeCloseTo(3.819713565933624e-5, 14);
    expect(e.breakdown.runs.max_params.gpu_count).toBe(8);
  });

  it('case Q: openai gpt-4o (an estimated architecture): each bound equals EcoLogits’ min and max', async () => {
    const e = await llm({ provider: 'openai', model: 'gpt-4o', output_tokens: 1000, latency_s: 100 });
    expect(e.breakdown.runs.min_params.energy_kwh).toBeCloseTo(0.0021253491958404765, 14);
    expect(e.breakdown.runs.max_params.energy_kwh).toBeCloseTo(0.003471284759571784, 14);
    expect(e.breakdown.runs.min_params.embodied_co2e_g / 1000).toBeCloseTo(0.000160488984355285, 14);
    expect(e.breakdown.runs.max_params.embodied_co2e_g / 1000).toBeCloseTo(0.00023161360561474716, 14);
    expect(e.energy_kwh).toBeCloseTo((0.0021253491958404765 + 0.003471284759571784) / 2, 14);
    expect(f(e, 'active_parameters')).toMatchObject({ low: 44, high: 132, status: 'estimated' });
    expect(e.warnings.join(' ')).toContain('The architecture of gpt-4o is not published');
  });

  it('case K: Llama 3.1 70B on Hugging Face (PUE 1.09–1.14): server and GPU energy before PUE equal EcoLogits’', async () => {
    const e = await llm({
      provider: 'huggingface',
      model: 'meta-llama/Meta-Llama-3.1-70B-Instruct',
      output_tokens: 1000,
      latency_s: 100,
    });
    const run = e.breakdown.runs.min_params;
    // EcoLogits' energy bounds are (server + GPUs) × PUE min and × PUE max.
    expect((run.energy_kwh / run.pue) * 1.09).toBeCloseTo(0.0005996802428646992, 14);
    expect((run.energy_kwh / run.pue) * 1.14).toBeCloseTo(0.0006271885108860156, 14);
    expect(run.gpu_count).toBe(4);
    expect(e.breakdown.embodied_co2e_g / 1000).toBeCloseTo(5.0553201579194094e-5, 14);
  });
});

describe('POST /v1/estimates/llm', () => {
  it('multiplies by requests, and self-hosts an open-weight model in a catalog region', async () => {
    const one = await t.json(
      await t.post('/v1/estimates/llm', {
        provider: 'mistral',
        model: 'open-mistral-7b',
        output_tokens: 400,
      }),
    );
    const many = await t.json(
      await t.post('/v1/estimates/llm', {
        provider: 'mistral',
        model: 'open-mistral-7b',
        output_tokens: 400,
        requests: 1000,
      }),
    );
    expect(many.co2e_g).toBeCloseTo(1000 * one.co2e_g, 9);
    expect(many.breakdown.per_request.co2e_g).toBeCloseTo(one.co2e_g, 12);
    const self = await t.json(
      await t.post('/v1/estimates/llm', {
        provider: 'self-hosted',
        model: 'open-mistral-7b',
        output_tokens: 400,
        hosting: { provider: 'scaleway', region: 'fr-par-2' },
      }),
    );
    expect(f(self, 'pue')).toMatchObject({ value: 1.16, source_id: 'scaleway-footprint-reference-2025' });
    expect(self.breakdown.runs.min_params.gpu_energy_kwh).toBe(one.breakdown.runs.min_params.gpu_energy_kwh);
  });

  it('answers 422 with the closest ids, 400 for bad tokens and misplaced hosting', async () => {
    const base = { provider: 'openai', model: 'gpt-4o', output_tokens: 100 };
    const typo = await t.json(await t.post('/v1/estimates/llm', { ...base, model: 'gpt-4oo' }));
    expect(typo.status).toBe(422);
    expect(typo.errors[0].path).toBe('model');
    expect(typo.errors[0].message).toContain("'gpt-4o'");
    const provider = await t.json(await t.post('/v1/estimates/llm', { ...base, provider: 'opneai' }));
    expect(provider.errors[0].message).toContain("Did you mean 'openai'");
    for (const output_tokens of [0, 1.5, 10_000_001]) {
      const bad = await t.json(await t.post('/v1/estimates/llm', { ...base, output_tokens }));
      expect(bad.status, String(output_tokens)).toBe(400);
      expect(bad.errors[0].path).toBe('output_tokens');
    }
    const noHosting = await t.json(
      await t.post('/v1/estimates/llm', { ...base, provider: 'self-hosted', model: 'open-mistral-7b' }),
    );
    expect(noHosting.errors).toEqual([{ path: 'hosting', message: 'Required for provider self-hosted.' }]);
    const closed = await t.json(
      await t.post('/v1/estimates/llm', {
        ...base,
        provider: 'self-hosted',
        hosting: { provider: 'aws', region: 'us-east-1' },
      }),
    );
    expect(closed.status).toBe(422);
    expect(closed.errors[0].message).toContain("Unknown open-weight model 'gpt-4o'");
  });

  it('lists models and providers', async () => {
    const models = (await t.json(await t.request('/v1/llm/models'))).data as Record<string, unknown>[];
    expect(models).toHaveLength(74);
    expect(models.find((m) => m.id === 'gpt-4o')).toMatchObject({
      provider: 'openai',
      total_parameters_b: { min: 440, max: 440 },
      active_parameters_b: { min: 44, max: 132 },
      status: 'estimated',
      self_hostable: false,
    });
    const providers = (await t.json(await t.request('/v1/llm/providers'))).data as Record<string, unknown>[];
    expect(providers.find((p) => p.id === 'mistral')).toMatchObject({
      zone: 'SWE',
      pue: { min: 1.16, max: 1.16 },
    });
  });

  it('compares two models for the same tokens, and joins batches', async () => {
    const c = await t.json(
      await t.post('/v1/compare', {
        workload: { kind: 'llm', output_tokens: 500, requests: 1000 },
        candidates: [
          { provider: 'openai', model: 'gpt-4o-mini' },
          { provider: 'mistral', model: 'mistral-small-latest' },
        ],
      }),
    );
    const direct = await t.json(
      await t.post('/v1/estimates/llm', {
        provider: 'mistral',
        model: 'mistral-small-latest',
        output_tokens: 500,
        requests: 1000,
      }),
    );
    expect(c.results[1].estimate).toEqual(direct);
    expect(c.ranking).toEqual([1, 0]);
    const bad = await t.json(
      await t.post('/v1/compare', {
        workload: { kind: 'llm', output_tokens: 500 },
        candidates: [{ provider: 'openai', region: 'x', model: 'gpt-4o' }, { provider: 'mistral' }],
      }),
    );
    expect(bad.errors.map((e: { path: string }) => e.path)).toEqual([
      'candidates[0].region',
      'candidates[1].model',
    ]);
    const batch = await t.json(
      await t.post('/v1/estimates/batch', {
        items: [
          {
            type: 'llm',
            provider: 'mistral',
            model: 'mistral-small-latest',
            output_tokens: 500,
            requests: 1000,
          },
        ],
      }),
    );
    expect(batch.items[0].estimate).toEqual(direct);
    expect(batch.by_type.llm.co2e_g).toBe(direct.co2e_g);
  });

  it('adds the LLM calls each API request makes to every request (resources and allocation modes)', async () => {
    const api = {
      provider: 'scaleway',
      region: 'fr-par-2',
      instance_type: 'COPARM1-4C-16G',
      requests: 10_000,
      cpu_ms_per_request: 20,
    };
    const call = { provider: 'mistral', model: 'mistral-small-latest', output_tokens: 300 };
    const plain = await t.json(await t.post('/v1/estimates/api', api));
    const withLlm = await t.json(await t.post('/v1/estimates/api', { ...api, llm_calls: [call, call] }));
    const one = await t.json(await t.post('/v1/estimates/llm', call));
    expect(withLlm.per_request.co2e_g).toBeCloseTo(plain.per_request.co2e_g + 2 * one.co2e_g, 12);
    expect(withLlm.co2e_g).toBeCloseTo(10_000 * (plain.per_request.co2e_g + 2 * one.co2e_g), 8);
    expect(withLlm.breakdown.llm_co2e_g).toBeCloseTo(2 * one.co2e_g, 12);
    expect(withLlm.sci.co2e_g_per_unit).toBe(withLlm.per_request.co2e_g);
    expect(withLlm.factors.map((x: Factor) => x.name)).toContain('llm_active_parameters');
    const unknown = await t.json(
      await t.post('/v1/estimates/api', { ...api, llm_calls: [{ ...call, model: 'mistral-smal' }] }),
    );
    expect(unknown.status).toBe(422);
    expect(unknown.errors[0].path).toBe('llm_calls[0].model');
    const allocation = await t.json(
      await t.post('/v1/estimates/api', {
        server: {
          provider: 'scaleway',
          region: 'fr-par-2',
          instance_type: 'COPARM1-4C-16G',
          duration_hours: 730,
        },
        requests: 1000,
        llm_calls: [call],
      }),
    );
    expect(allocation.breakdown.llm_co2e_g).toBeCloseTo(one.co2e_g, 12);
  });
});
