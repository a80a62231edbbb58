import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../../src/factors/seed/csv.js';
import { exact, type Ranged } from '../../src/models/factor.js';
import {
  ECOLOGITS_COMMIT,
  ECOLOGITS_VERSION,
  LLM_BATCH_SIZE,
  LLM_HARDWARE_LIFESPAN_S,
  type LlmSite,
  type LlmSiteFactors,
  llmFootprint,
  llmRequestAt,
} from '../../src/models/llm.js';

/*
 * Every expected number below was computed by running EcoLogits' own code, version 0.9.1 at commit
 * 2d0a1c76358a1aad0c530d47794e37465ad029e8 (ecologits/impacts/llm.py `compute_llm_impacts` and
 * `compute_llm_impacts_dag`, ecologits/tracers/utils.py `llm_impacts`; Python 3.11.7), as recorded
 * in the EcoLogits port spec, §6 (case ids A–S). EcoLogits' own tests assert no numeric value.
 * EcoLogits gives GWP in kgCO2e and the grid in kgCO2e/kWh: both are converted to grams here.
 */

const r = (value: number, low: number, high: number): Ranged => ({ value, low, high });

/** |actual − expected| ≤ tol · |expected|. */
function close(actual: number, expected: number, tol = 1e-6): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.abs(expected));
}

// ecologits/data/electricity_mixes.csv @2d0a1c7 (gwp kgCO2eq/kWh → g/kWh; wue L/kWh).
const SWE = { gridGPerKwh: 0.03582 * 1000, ewifLPerKwh: 6.0315 }; // L45
const USA = { gridGPerKwh: 0.38355 * 1000, ewifLPerKwh: 3.1321 }; // L50
const FRA = { gridGPerKwh: 0.04418 * 1000, ewifLPerKwh: 3.6737 }; // L19
// Provider datacenters, ecologits/tracers/utils.py L137-168 @2d0a1c7.
const MISTRAL: LlmSite = { pue: 1.16, wueLPerKwh: 0.09, ...SWE }; // L158-162
const OPENAI: LlmSite = { pue: 1.2, wueLPerKwh: 0.569, ...USA }; // L163-167
/** huggingface_hub, L153-157: PUE 1.09–1.14, WUE 0.13–0.99 (central = midpoint, not EcoLogits'). */
const HF: LlmSiteFactors = {
  pue: r(1.115, 1.09, 1.14),
  wueLPerKwh: r(0.56, 0.13, 0.99),
  gridGPerKwh: exact(USA.gridGPerKwh),
  ewifLPerKwh: exact(USA.ewifLPerKwh),
};
const exactSite = (s: LlmSite): LlmSiteFactors => ({
  pue: exact(s.pue),
  wueLPerKwh: exact(s.wueLPerKwh),
  gridGPerKwh: exact(s.gridGPerKwh),
  ewifLPerKwh: exact(s.ewifLPerKwh),
});

describe('EcoLogits 0.9.1 constants', () => {
  it('names the release and commit it ports', () => {
    expect(ECOLOGITS_VERSION).toBe('0.9.1');
    expect(ECOLOGITS_COMMIT).toBe('2d0a1c76358a1aad0c530d47794e37465ad029e8');
    expect(LLM_HARDWARE_LIFESPAN_S).toBe(94_608_000);
    expect(LLM_BATCH_SIZE).toBe(64);
  });
});

describe('one request, one bound (docs/methodology.md, "LLM calls"; EcoLogits llm.py)', () => {
  // tests/test_llm_impacts.py L15-16 parameters: old World mix (gwp 0.590478 kg/kWh, wue 5.04), PUE 1.26, WUE 0.37.
  const testMix: LlmSite = { pue: 1.26, wueLPerKwh: 0.37, gridGPerKwh: 0.590478 * 1000, ewifLPerKwh: 5.04 };

  it('case A: Mistral 7B, 200 tokens, latency 5 s caps the modelled 8.9 s (spec §6 A, compute_llm_impacts)', () => {
    const b = llmRequestAt({ activeB: 7.3, totalB: 7.3 }, 200, testMix, 5);
    close(b.gpu_energy_per_gpu_kwh, 8.93720056859519e-6);
    expect(b.generation_s).toBe(5);
    expect(b.latency_capped).toBe(true);
    close(b.model_memory_gb, 17.52);
    expect(b.gpu_count).toBe(1);
    close(b.server_energy_kwh, 3.2552083333333335e-6);
    close(b.energy_kwh, 1.536243521642994e-5);
    close(b.usage_co2e_g, 9.071180021727118e-6 * 1000);
    close(b.embodied_co2e_g, 7.237925175460849e-7 * 1000);
    close(b.co2e_g, 9.794972539273203e-6 * 1000);
    close(b.water_l, 0.00010324170962849579);
    expect(b.hardware_embodied_kg).toBe(876.5);
  });

  it("case A': the same without a measured latency (spec §6 A', request_latency=None)", () => {
    const b = llmRequestAt({ activeB: 7.3, totalB: 7.3 }, 200, testMix);
    expect(b.latency_capped).toBe(false);
    close(b.energy_kwh, 1.854367565038529e-5);
    close(b.usage_co2e_g, 1.0949632510688204e-5 * 1000);
    close(b.embodied_co2e_g, 1.2851780925829015e-6 * 1000);
    close(b.water_l, 0.0001246209178408493);
  });

  it('case B: Mixtral 8x7B (12.9 active / 46.7 total), 200 tokens, latency 10 s not capping (spec §6 B)', () => {
    const b = llmRequestAt({ activeB: 12.9, totalB: 46.7 }, 200, testMix, 10);
    close(b.gpu_energy_per_gpu_kwh, 9.574944122117412e-6);
    close(b.generation_s, 9.638013443198895);
    expect(b.latency_capped).toBe(false);
    close(b.model_memory_gb, 112.08);
    expect(b.gpu_count).toBe(2);
    close(b.gpu_energy_kwh, 2 * 9.574944122117412e-6);
    close(b.server_energy_kwh, 1.2549496670831895e-5);
    close(b.energy_kwh, 3.994122499298407e-5);
    close(b.usage_co2e_g, 2.3584414651407248e-5 * 1000);
    close(b.embodied_co2e_g, 2.7903688056783754e-6 * 1000);
    close(b.water_l, 0.0002684210084428502);
    expect(b.hardware_embodied_kg).toBe(1753);
  });

  it('case C: mistralai open-mistral-7b, 1000 tokens, 100 s, SWE (spec §6 C, llm_impacts + DAG intermediates)', () => {
    const b = llmRequestAt({ activeB: 7.3, totalB: 7.3 }, 1000, MISTRAL, 100);
    close(b.gpu_energy_per_gpu_kwh, 4.4686002842975955e-5);
    close(b.generation_s, 44.390417883156424);
    close(b.model_memory_gb, 17.52);
    expect(b.gpu_count).toBe(1);
    close(b.server_energy_kwh, 2.890001164267996e-5);
    close(b.energy_kwh, 8.535977680336086e-5);
    close(b.usage_co2e_g, 3.057587205096386e-6 * 1000);
    close(b.embodied_co2e_g, 6.425890462914508e-6 * 1000);
    close(b.water_l, 0.0006049054727080888);
  });

  it('case D: the same with a 2 s latency caps server and embodied, not GPU energy (spec §6 D)', () => {
    const b = llmRequestAt({ activeB: 7.3, totalB: 7.3 }, 1000, MISTRAL, 2);
    expect(b.generation_s).toBe(2);
    close(b.gpu_energy_per_gpu_kwh, 4.4686002842975955e-5);
    close(b.energy_kwh, 5.334617996451877e-5);
    close(b.usage_co2e_g, 1.9108601663290625e-6 * 1000);
    close(b.embodied_co2e_g, 2.8951700701843393e-7 * 1000);
    close(b.water_l, 0.0003780398381657608);
  });

  it('case E: mistralai open-mixtral-8x7b, 500 tokens, 100 s (spec §6 E)', () => {
    const b = llmRequestAt({ activeB: 12.9, totalB: 46.7 }, 500, MISTRAL, 100);
    expect(b.gpu_count).toBe(2);
    close(b.energy_kwh, 9.192821625369349e-5);
    close(b.usage_co2e_g, 3.2928687062073008e-6 * 1000);
    close(b.embodied_co2e_g, 6.975922014195937e-6 * 1000);
    close(b.water_l, 0.000651452981610449);
  });

  it('case F: mistralai open-mixtral-8x22b (39.1 / 140.6), 500 tokens, 100 s: 8 GPUs (spec §6 F)', () => {
    const b = llmRequestAt({ activeB: 39.1, totalB: 140.6 }, 500, MISTRAL, 100);
    close(b.gpu_energy_per_gpu_kwh, 3.139668222595523e-5);
    close(b.generation_s, 32.983499011600536);
    close(b.model_memory_gb, 337.44);
    expect(b.gpu_count).toBe(8);
    close(b.server_energy_kwh, 0.00017178905735208612);
    expect(b.hardware_embodied_kg).toBe(7012);
    close(b.energy_kwh, 0.0004906365175852844);
    close(b.usage_co2e_g, 1.7574600059904887e-5 * 1000);
    close(b.embodied_co2e_g, 3.819713565933624e-5 * 1000);
    close(b.water_l, 0.0034769153073288214);
  });

  it("case G: mistralai mistral-small-latest in zone FRA: PUE/WUE stay the provider's (spec §6 G)", () => {
    const b = llmRequestAt({ activeB: 23.6, totalB: 23.6 }, 1000, { ...MISTRAL, ...FRA }, 100);
    close(b.energy_kwh, 0.0001044786273462933);
    close(b.usage_co2e_g, 4.615865756159238e-6 * 1000);
    close(b.embodied_co2e_g, 8.026875156822957e-6 * 1000);
    close(b.water_l, 0.0004546379110683765);
  });

  it('matches EcoLogits to the last bits on energy (same operations, same order)', () => {
    expect(llmRequestAt({ activeB: 7.3, totalB: 7.3 }, 1000, MISTRAL, 100).energy_kwh).toBe(
      8.535977680336086e-5,
    );
    expect(llmRequestAt({ activeB: 39.1, totalB: 140.6 }, 500, MISTRAL, 100).energy_kwh).toBe(
      0.0004906365175852844,
    );
    expect(llmRequestAt({ activeB: 12.9, totalB: 46.7 }, 200, testMix, 10).energy_kwh).toBe(
      3.994122499298407e-5,
    );
  });
});

describe('ranges: EcoLogits min and max runs (llm.py L515-558)', () => {
  it('case K: Llama 3.1 70B on huggingface_hub, both bounds (spec §6 K)', () => {
    const f = llmFootprint(
      { activeBMin: 70.55, activeBMax: 70.55, totalBMin: 70.55, totalBMax: 70.55 },
      { requests: 1, outputTokens: 1000, requestLatencyS: 100 },
      HF,
    );
    const { low, high } = f.breakdown;
    close(low.gpu_energy_per_gpu_kwh, 8.070143120036925e-5);
    close(low.generation_s, 87.30610007994332);
    close(low.model_memory_gb, 169.32);
    expect(low.gpu_count).toBe(4);
    close(low.server_energy_kwh, 0.0002273596356248524);
    expect(low.hardware_embodied_kg).toBe(3506);
    close(f.energy_kwh_low, 0.0005996802428646992);
    close(f.energy_kwh_high, 0.0006271885108860156);
    close(low.usage_co2e_g, 0.00023000735715075538 * 1000);
    close(high.usage_co2e_g, 0.00024055815335033128 * 1000);
    close(low.embodied_co2e_g, 5.0553201579194094e-5 * 1000);
    close(high.embodied_co2e_g, 5.0553201579194094e-5 * 1000);
    close(f.co2e_g_low, 0.00028056055872994947 * 1000);
    close(f.co2e_g_high, 0.00029111135492952537 * 1000);
    close(f.water_l_low, 0.0021252601842298223);
    close(f.water_l_high, 0.0028603521596156966);
    // Central: both parameter runs (here equal) at the midpoint PUE 1.115 and WUE 0.56.
    close(f.energy_kwh, (1.115 / 1.09) * 0.0005996802428646992);
    expect(f.co2e_g_low).toBeLessThan(f.co2e_g);
    expect(f.co2e_g).toBeLessThan(f.co2e_g_high);
  });

  it('case L: Llama 3.1 405B needs 16 GPUs and the 100 s latency caps its time (spec §6 L)', () => {
    const f = llmFootprint(
      { activeBMin: 405.85, activeBMax: 405.85, totalBMin: 405.85, totalBMax: 405.85 },
      { requests: 1, outputTokens: 1000, requestLatencyS: 100 },
      HF,
    );
    const { low } = f.breakdown;
    close(low.gpu_energy_per_gpu_kwh, 0.00027162590753608426);
    expect(low.generation_s).toBe(100);
    close(low.model_memory_gb, 974.04);
    expect(low.gpu_count).toBe(16);
    close(low.server_energy_kwh, 0.0010416666666666667);
    expect(low.hardware_embodied_kg).toBe(14024);
    close(f.energy_kwh_low, 0.005872572494095976);
    close(f.energy_kwh_high, 0.0061419565534581765);
    close(f.breakdown.low.usage_co2e_g, 0.0022524251801105117 * 1000);
    close(f.breakdown.high.usage_co2e_g, 0.0023557474360788836 * 1000);
    close(f.breakdown.low.embodied_co2e_g, 0.00023161360561474716 * 1000);
    close(f.water_l_low, 0.020812332320778705);
    close(f.water_l_high, 0.028010970205962035);
  });

  it('case M: openai/gpt-oss-120b (5.1 active / 117 total MoE) on huggingface_hub (spec §6 M)', () => {
    const f = llmFootprint(
      { activeBMin: 5.1, activeBMax: 5.1, totalBMin: 117, totalBMax: 117 },
      { requests: 1, outputTokens: 1000, requestLatencyS: 100 },
      HF,
    );
    expect(f.breakdown.low.gpu_count).toBe(4);
    close(f.energy_kwh_low, 0.0003111360589937297);
    close(f.energy_kwh_high, 0.00032540835527784573);
    close(f.breakdown.low.usage_co2e_g, 0.00011933623542704503 * 1000);
    close(f.breakdown.high.usage_co2e_g, 0.00012481037466681772 * 1000);
    close(f.breakdown.low.embodied_co2e_g, 2.4839226556787206e-5 * 1000);
    close(f.co2e_g_low, 0.00014417546198383223 * 1000);
    close(f.co2e_g_high, 0.00014964960122360494 * 1000);
    close(f.water_l_low, 0.0011026627705771291);
    close(f.water_l_high, 0.0014840553926300114);
  });

  it("case Q: openai gpt-4o (440 total, 44–132 active): central is EcoLogits' mean (spec §6 Q)", () => {
    const f = llmFootprint(
      { activeBMin: 44, activeBMax: 132, totalBMin: 440, totalBMax: 440 },
      { requests: 1, outputTokens: 1000, requestLatencyS: 100 },
      exactSite(OPENAI),
    );
    const { low, high } = f.breakdown;
    expect(low.gpu_count).toBe(16);
    expect(high.gpu_count).toBe(16);
    close(f.energy_kwh_low, 0.0021253491958404765);
    close(f.energy_kwh_high, 0.003471284759571784);
    close(low.usage_co2e_g, 0.0008151776840646148 * 1000);
    close(high.usage_co2e_g, 0.0013314112695337577 * 1000);
    close(low.embodied_co2e_g, 0.000160488984355285 * 1000);
    close(high.embodied_co2e_g, 0.00023161360561474716 * 1000); // latency-capped at 100 s
    close(f.co2e_g_low, 0.0009756666684198998 * 1000);
    close(f.co2e_g_high, 0.001563024875148505 * 1000);
    close(f.water_l_low, 0.009197491151983579);
    close(f.water_l_high, 0.015022054222742087);
    // Exact site: central = RangeValue.mean of EcoLogits' range.
    close(f.energy_kwh, (0.0021253491958404765 + 0.003471284759571784) / 2, 1e-12);
    close(f.co2e_g, ((0.0009756666684198998 + 0.001563024875148505) / 2) * 1000);
    close(f.water_l, (0.009197491151983579 + 0.015022054222742087) / 2);
  });

  it('case I: mistral-medium-2508 (dense 70–120): the GPU count differs between the runs (spec §6 I)', () => {
    const f = llmFootprint(
      { activeBMin: 70, activeBMax: 120, totalBMin: 70, totalBMax: 120 },
      { requests: 1, outputTokens: 1000, requestLatencyS: 100 },
      exactSite(MISTRAL),
    );
    close(f.energy_kwh_low, 0.0006356113597390543);
    close(f.energy_kwh_high, 0.0008071888516642668);
    close(f.breakdown.low.embodied_co2e_g, 5.03371177554764e-5 * 1000);
    close(f.breakdown.high.embodied_co2e_g, 5.790340140368679e-5 * 1000);
    close(f.water_l_low, 0.004504285325245197);
    close(f.water_l_high, 0.005720176084872893);
  });

  it('multiplies every figure by the number of requests', () => {
    const model = { activeBMin: 44, activeBMax: 132, totalBMin: 440, totalBMax: 440 };
    const one = llmFootprint(model, { requests: 1, outputTokens: 500 }, exactSite(OPENAI));
    const many = llmFootprint(model, { requests: 1000, outputTokens: 500 }, exactSite(OPENAI));
    close(many.co2e_g, 1000 * one.co2e_g, 1e-12);
    close(many.co2e_g_low, 1000 * one.co2e_g_low, 1e-12);
    close(many.energy_kwh_high, 1000 * one.energy_kwh_high, 1e-12);
    close(many.water_l, 1000 * one.water_l, 1e-12);
    expect(many.breakdown.request_latency_s).toBeNull();
    expect(many.breakdown.low).toEqual(one.breakdown.low);
  });

  it('takes the grid and EWIF ranges at their ends for the bounds, their value for the centre', () => {
    const site: LlmSiteFactors = {
      ...exactSite(OPENAI),
      gridGPerKwh: r(383.55, 300, 450),
      ewifLPerKwh: r(3.1321, 2, 4),
    };
    const model = { activeBMin: 8, activeBMax: 28, totalBMin: 8, totalBMax: 28 };
    const f = llmFootprint(model, { requests: 1, outputTokens: 1000 }, site);
    close(f.breakdown.low.usage_co2e_g, f.breakdown.low.energy_kwh * 300, 1e-12);
    close(f.breakdown.high.usage_co2e_g, f.breakdown.high.energy_kwh * 450, 1e-12);
    close(f.breakdown.min_params.usage_co2e_g, f.breakdown.min_params.energy_kwh * 383.55, 1e-12);
    close(f.breakdown.low.water_l, f.breakdown.low.energy_kwh * (0.569 + 1.2 * 2), 1e-12);
    expect(f.co2e_g_low).toBeLessThan(f.co2e_g);
    expect(f.co2e_g).toBeLessThan(f.co2e_g_high);
  });

  it('rejects a min above its max', () => {
    expect(() =>
      llmFootprint(
        { activeBMin: 10, activeBMax: 5, totalBMin: 10, totalBMax: 10 },
        { requests: 1, outputTokens: 1 },
        exactSite(OPENAI),
      ),
    ).toThrow(RangeError);
  });
});

describe('GPU count at ceil boundaries (spec §7 A6)', () => {
  const at = (totalB: number) => llmRequestAt({ activeB: 1, totalB }, 1, OPENAI);

  it('2000 B needs exactly 60 GPUs of memory, rounded to 64', () => {
    expect(at(2000).model_memory_gb).toBe(4800);
    expect(at(2000).gpu_count).toBe(64);
  });

  it('440 B: 13.2 → 14 → 16 GPUs', () => {
    expect(at(440).gpu_count).toBe(16);
  });

  it('rounds small models to one GPU and steps by powers of two', () => {
    expect(at(0.28).gpu_count).toBe(1);
    expect(at(33.3).gpu_count).toBe(1); // 79.92 GB
    expect(at(33.34).gpu_count).toBe(2); // 80.016 GB
    expect(at(1760).gpu_count).toBe(64); // 4224 GB → 53 → 64
  });

  it('refuses a model without parameters (EcoLogits fails in log2(0))', () => {
    expect(() => at(0)).toThrow(RangeError);
  });
});

describe('data files (src/factors/data/llm-*.csv)', () => {
  const read = (name: string) =>
    parseCsvRecords(readFileSync(new URL(`../../src/factors/data/${name}`, import.meta.url), 'utf8'), name);

  it('llm-models.csv: the 74 models of the spec, EcoLogits 0.9.1 source', () => {
    const { header, records } = read('llm-models.csv');
    expect(header.join(',')).toBe(
      'provider,model,ecologits_provider,architecture,total_b_min,total_b_max,active_b_min,active_b_max,status,warnings,source,note',
    );
    expect(records).toHaveLength(74);
    for (const m of records) {
      expect(m.source).toBe('EcoLogits 0.9.1 ecologits/data/models.json @2d0a1c7');
      expect(m.status).toBe(
        m.warnings?.split(';').includes('model-arch-not-released') ? 'estimated' : 'published',
      );
      expect(Number(m.total_b_min)).toBeLessThanOrEqual(Number(m.total_b_max));
      expect(Number(m.active_b_max)).toBeLessThanOrEqual(Number(m.total_b_max));
    }
    const gpt4o = records.find((m) => m.provider === 'openai' && m.model === 'gpt-4o');
    expect(gpt4o).toMatchObject({ total_b_min: '440', active_b_min: '44', active_b_max: '132' });
  });

  it('llm-providers.csv: the six EcoLogits providers', () => {
    const { header, records } = read('llm-providers.csv');
    expect(header.join(',')).toBe(
      'provider,ecologits_provider,zone,pue_min,pue_max,wue_min,wue_max,cloud,source,note',
    );
    expect(records.map((p) => p.provider).sort()).toEqual([
      'anthropic',
      'cohere',
      'google',
      'huggingface',
      'mistral',
      'openai',
    ]);
    expect(records.find((p) => p.provider === 'mistral')).toMatchObject({
      ecologits_provider: 'mistralai',
      zone: 'SWE',
      pue_min: '1.16',
      wue_max: '0.09',
    });
  });
});
