import type { Footprint } from './estimate.js';
import type { Bound, Ranged } from './factor.js';

/*
 * LLM inference, one request: a port of EcoLogits 0.9.1 (`ecologits/impacts/llm.py` at commit
 * 2d0a1c76358a1aad0c530d47794e37465ad029e8, https://github.com/genai-impact/ecologits). Every
 * constant below is the default of `compute_llm_impacts_dag` (llm.py L397-414), which
 * `llm_impacts` (ecologits/tracers/utils.py L108-119) never overrides. Only the GWP and water
 * impacts are ported (ADPe and PE are not part of a Footprint).
 */

/** EcoLogits release this module reproduces (pyproject.toml L7, ecologits/__init__.py L3). */
export const ECOLOGITS_VERSION = '0.9.1';
/** EcoLogits commit read ("chore: bump version to 0.9.1", 2025-11-13). */
export const ECOLOGITS_COMMIT = '2d0a1c76358a1aad0c530d47794e37465ad029e8';

/** Bits per weight, every model (llm.py L8: `MODEL_QUANTIZATION_BITS = 16`). */
export const LLM_QUANTIZATION_BITS = 16;
/** GPU energy per token regression, Wh: α (llm.py L10: `GPU_ENERGY_ALPHA = 1.1665273170451914e-06`). */
export const LLM_GPU_ENERGY_ALPHA = 1.1665273170451914e-6;
/** GPU energy per token regression: β (llm.py L11: `GPU_ENERGY_BETA = -0.011205921025579175`). */
export const LLM_GPU_ENERGY_BETA = -0.011205921025579175;
/** GPU energy per token regression, Wh: γ (llm.py L12: `GPU_ENERGY_GAMMA = 4.052928146734005e-05`). */
export const LLM_GPU_ENERGY_GAMMA = 4.052928146734005e-5;
/** Latency per token regression, s: α (llm.py L14: `LATENCY_ALPHA = 0.0006785088094353663`). */
export const LLM_LATENCY_ALPHA = 0.0006785088094353663;
/** Latency per token regression, s: β (llm.py L15: `LATENCY_BETA = 0.0003119310311688259`). */
export const LLM_LATENCY_BETA = 0.0003119310311688259;
/** Latency per token regression, s: γ (llm.py L16: `LATENCY_GAMMA = 0.019473717579473387`). */
export const LLM_LATENCY_GAMMA = 0.019473717579473387;
/** Memory of one GPU, GB, NVIDIA H100 80GB (llm.py L18: `GPU_MEMORY = 80  # GB`). */
export const LLM_GPU_MEMORY_GB = 80;
/** Embodied GWP of one H100, kgCO2e (llm.py L19: `GPU_EMBODIED_IMPACT_GWP = 164`). */
export const LLM_GPU_EMBODIED_KG = 164;
/** GPUs per server (llm.py L23: `SERVER_GPUS = 8`). */
export const LLM_SERVER_GPUS = 8;
/** Power of the server without its GPUs, kW, AWS p5.48xlarge (llm.py L24: `SERVER_POWER = 1.2  # kW`). */
export const LLM_SERVER_POWER_KW = 1.2;
/** Embodied GWP of the server without its GPUs, kgCO2e (llm.py L25: `SERVER_EMBODIED_IMPACT_GWP = 5700`). */
export const LLM_SERVER_EMBODIED_KG = 5700;
/** Hardware lifespan, s: 3 years (llm.py L29: `HARDWARE_LIFESPAN = 3 * 365 * 24 * 60 * 60`). */
export const LLM_HARDWARE_LIFESPAN_S = 3 * 365 * 24 * 3600;
/** Requests served at once (llm.py L31: `BATCH_SIZE = 64`; the docstring's 16 at L447 is stale). */
export const LLM_BATCH_SIZE = 64;
/** Memory overhead on the weights (llm.py L111, the literal `1.2`; docs llm_inference.md L144). */
export const LLM_MEMORY_OVERHEAD = 1.2;

/** Parameters of one run, billions: active drive energy and latency, total the GPU count. */
export interface LlmParameters {
  activeB: number;
  totalB: number;
}

/** The datacenter and grid of one run, each a single number. */
export interface LlmSite {
  pue: number;
  /** On-site water usage effectiveness, L/kWh. */
  wueLPerKwh: number;
  /** Grid carbon intensity, gCO2e/kWh (EcoLogits has kgCO2e/kWh). */
  gridGPerKwh: number;
  /** Water consumed to produce electricity (off-site), L/kWh. */
  ewifLPerKwh: number;
}

/** One request, one run (one set of parameters, one site). */
export interface LlmRequestBreakdown {
  active_b: number;
  total_b: number;
  output_tokens: number;
  /** Energy of one GPU, kWh (EcoLogits `gpu_energy`). */
  gpu_energy_per_gpu_kwh: number;
  /** Energy of all the GPUs, kWh: gpu_count × gpu_energy_per_gpu_kwh. */
  gpu_energy_kwh: number;
  /** Generation time, s: the modelled one, or the measured request latency when shorter. */
  generation_s: number;
  /** Whether the measured request latency capped the modelled generation time. */
  latency_capped: boolean;
  /** Memory the weights need, GB (EcoLogits `model_required_memory`). */
  model_memory_gb: number;
  gpu_count: number;
  /** Server without its GPUs, kWh (EcoLogits `server_energy`). */
  server_energy_kwh: number;
  pue: number;
  /** (server + GPUs) × PUE, kWh (EcoLogits `request_energy`). */
  energy_kwh: number;
  /** Embodied GWP of the GPUs and their share of the server, kgCO2e (EcoLogits `server_gpu_embodied_gwp`). */
  hardware_embodied_kg: number;
  usage_co2e_g: number;
  embodied_co2e_g: number;
  co2e_g: number;
  /** EcoLogits' usage water: energy_kwh × (WUE + PUE × EWIF), L (no embodied water). */
  water_l: number;
}

/** Next power of two ≥ n (n ≥ 1): EcoLogits' `2 ** math.ceil(math.log2(n))`, as an integer loop. */
function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * One LLM request with one set of parameters at one site, EcoLogits' per-request DAG (Python's
 * order of operations kept, so GPU counts agree at ceil boundaries):
 *
 * ```
 * gpu_energy_per_gpu_kwh = N_out · (α_E · exp(β_E · B) · P_act + γ_E) / 1000       B = 64; Wh → kWh    L59-62
 * generation_s           = min(N_out · (α_L · P_act + β_L · B + γ_L), latency_s)   latency: measured     L89-93
 * model_memory_gb        = 1.2 · P_tot · 16 / 8                                     P in billions         L111
 * gpu_count              = 2^ceil(log2(ceil(model_memory_gb / 80)))                 80 GB H100            L129-130
 * server_energy_kwh      = generation_s / 3600 · 1.2 kW · gpu_count / 8 / B                               L154
 * energy_kwh             = PUE · (server_energy_kwh + gpu_count · gpu_energy_per_gpu_kwh)                L176
 * usage_co2e_g           = energy_kwh · I(grid)                                     g/kWh                 L194
 * water_l                = energy_kwh · (WUE + PUE · EWIF)                          PUE twice: EcoLogits' code L251
 * hardware_embodied_kg   = gpu_count / 8 · 5700 + gpu_count · 164                                         L273
 * embodied_co2e_g        = generation_s · hardware_embodied_kg / (3 years in s · B) · 1000                L339
 * ```
 * The measured latency only caps the server and embodied terms, never the GPU energy. Input
 * tokens play no part. `requestLatencyS` = Infinity: no measured latency (EcoLogits' `None`).
 *
 * @throws RangeError when the model needs no GPU (total parameters ≤ 0; Python fails in `log2(0)`)
 * @see docs/methodology.md, "LLM calls"
 * @see https://github.com/genai-impact/ecologits/blob/2d0a1c76358a1aad0c530d47794e37465ad029e8/ecologits/impacts/llm.py#L37-L383
 */
export function llmRequestAt(
  params: LlmParameters,
  outputTokens: number,
  site: LlmSite,
  requestLatencyS = Number.POSITIVE_INFINITY,
): LlmRequestBreakdown {
  // (1) gpu_energy, L59-62.
  let gpuEnergyPerToken =
    LLM_GPU_ENERGY_ALPHA * Math.exp(LLM_GPU_ENERGY_BETA * LLM_BATCH_SIZE) * params.activeB +
    LLM_GPU_ENERGY_GAMMA;
  gpuEnergyPerToken /= 1000;
  const gpuEnergyPerGpuKwh = outputTokens * gpuEnergyPerToken;
  // (2) generation_latency, L89-93.
  const latencyPerToken =
    LLM_LATENCY_ALPHA * params.activeB + LLM_LATENCY_BETA * LLM_BATCH_SIZE + LLM_LATENCY_GAMMA;
  const modelledS = outputTokens * latencyPerToken;
  const latencyCapped = requestLatencyS < modelledS;
  const generationS = latencyCapped ? requestLatencyS : modelledS;
  // (3) model_required_memory, L111: ((1.2 * P) * 16) / 8.
  const memoryGb = (LLM_MEMORY_OVERHEAD * params.totalB * LLM_QUANTIZATION_BITS) / 8;
  // (4) gpu_required_count, L129-130.
  const gpuNb = Math.ceil(memoryGb / LLM_GPU_MEMORY_GB);
  if (!(gpuNb >= 1)) {
    throw new RangeError(`an LLM needs at least one GPU (total parameters ${params.totalB} B)`);
  }
  const gpuCount = nextPowerOfTwo(gpuNb);
  // (5) server_energy, L154.
  const serverEnergyKwh =
    (generationS / 3600) * LLM_SERVER_POWER_KW * (gpuCount / LLM_SERVER_GPUS) * (1 / LLM_BATCH_SIZE);
  // (6) request_energy, L176.
  const gpuEnergyKwh = gpuCount * gpuEnergyPerGpuKwh;
  const energyKwh = site.pue * (serverEnergyKwh + gpuEnergyKwh);
  // (7) request_usage_gwp, L194; (8) request_usage_wcf, L251.
  const usageG = energyKwh * site.gridGPerKwh;
  const waterL = energyKwh * (site.wueLPerKwh + site.pue * site.ewifLPerKwh);
  // (9) server_gpu_embodied_gwp, L273; (10) request_embodied_gwp, L339 (kg, then g).
  const hardwareKg = (gpuCount / LLM_SERVER_GPUS) * LLM_SERVER_EMBODIED_KG + gpuCount * LLM_GPU_EMBODIED_KG;
  const embodiedKg = (generationS * hardwareKg) / (LLM_HARDWARE_LIFESPAN_S * LLM_BATCH_SIZE);
  const embodiedG = embodiedKg * 1000;
  return {
    active_b: params.activeB,
    total_b: params.totalB,
    output_tokens: outputTokens,
    gpu_energy_per_gpu_kwh: gpuEnergyPerGpuKwh,
    gpu_energy_kwh: gpuEnergyKwh,
    generation_s: generationS,
    latency_capped: latencyCapped,
    model_memory_gb: memoryGb,
    gpu_count: gpuCount,
    server_energy_kwh: serverEnergyKwh,
    pue: site.pue,
    energy_kwh: energyKwh,
    hardware_embodied_kg: hardwareKg,
    usage_co2e_g: usageG,
    embodied_co2e_g: embodiedG,
    co2e_g: usageG + embodiedG,
    water_l: waterL,
  };
}

/**
 * A model's parameter range, billions (the `llm-models.csv` columns): min = max for a model whose
 * card publishes them, a range for EcoLogits' estimates of closed models.
 */
export interface LlmModelParameters {
  activeBMin: number;
  activeBMax: number;
  totalBMin: number;
  totalBMax: number;
}

/** The provider's datacenter (PUE, WUE from `llm-providers.csv`) and the grid of its zone. */
export interface LlmSiteFactors {
  pue: Ranged;
  wueLPerKwh: Ranged;
  gridGPerKwh: Ranged;
  ewifLPerKwh: Ranged;
}

export interface LlmWorkload {
  /** Number of requests: a multiplier of the per-request figures. */
  requests: number;
  /** Output (completion) tokens per request. */
  outputTokens: number;
  /** Measured latency of one request, s; absent: none measured (nothing caps the model). */
  requestLatencyS?: number;
}

export interface LlmBreakdown {
  requests: number;
  output_tokens: number;
  /** null: no measured latency. */
  request_latency_s: number | null;
  /** One request, min parameters, central site factors. */
  min_params: LlmRequestBreakdown;
  /** One request, max parameters, central site factors. */
  max_params: LlmRequestBreakdown;
  /** One request, EcoLogits' min bound: min parameters, every site factor at its low end. */
  low: LlmRequestBreakdown;
  /** One request, EcoLogits' max bound: max parameters, every site factor at its high end. */
  high: LlmRequestBreakdown;
  /** Central, all requests. */
  usage_co2e_g: number;
  embodied_co2e_g: number;
}

export interface LlmFootprint extends Footprint {
  co2e_g_low: number;
  co2e_g_high: number;
  energy_kwh_low: number;
  energy_kwh_high: number;
  water_l_low: number;
  water_l_high: number;
  breakdown: LlmBreakdown;
}

function siteAt(f: LlmSiteFactors, bound: Bound): LlmSite {
  return {
    pue: f.pue[bound],
    wueLPerKwh: f.wueLPerKwh[bound],
    gridGPerKwh: f.gridGPerKwh[bound],
    ewifLPerKwh: f.ewifLPerKwh[bound],
  };
}

/**
 * `requests` LLM requests, with EcoLogits' range semantics (llm.py L515-558): the DAG runs once
 * with the min parameters and once with the max (a published model: both the same), and
 *
 * ```
 * low     = requests · run(min params, every site factor at its low end)      EcoLogits' .min
 * high    = requests · run(max params, every site factor at its high end)     EcoLogits' .max
 * central = requests · (run(min params, central site) + run(max params, central site)) / 2
 * ```
 * for energy, CO2e (usage + embodied) and water alike. The central value is the mean of the two
 * parameter runs, as EcoLogits displays `RangeValue.mean` (utils/range_value.py L18-20), both runs
 * at the central PUE, WUE, grid and EWIF (our grid and EWIF carry ranges, EcoLogits' do not).
 * With an exact site it is EcoLogits' mean exactly; with a PUE or WUE range (anthropic,
 * huggingface) EcoLogits' mean would average the low-end and high-end site runs, which
 * `(breakdown.low + breakdown.high) / 2` gives. Low ≤ central ≤ high: every quantity is
 * non-decreasing in the parameters and the site factors.
 *
 * @throws RangeError when a min parameter exceeds its max (EcoLogits' RangeValue check)
 * @see docs/methodology.md, "LLM calls"
 * @see https://github.com/genai-impact/ecologits/blob/2d0a1c76358a1aad0c530d47794e37465ad029e8/ecologits/impacts/llm.py#L484-L586
 */
export function llmFootprint(model: LlmModelParameters, w: LlmWorkload, site: LlmSiteFactors): LlmFootprint {
  if (model.activeBMin > model.activeBMax || model.totalBMin > model.totalBMax) {
    throw new RangeError('LLM parameters: min exceeds max');
  }
  const latency = w.requestLatencyS ?? Number.POSITIVE_INFINITY;
  const minParams = { activeB: model.activeBMin, totalB: model.totalBMin };
  const maxParams = { activeB: model.activeBMax, totalB: model.totalBMax };
  const central = siteAt(site, 'value');
  const atMin = llmRequestAt(minParams, w.outputTokens, central, latency);
  const atMax = llmRequestAt(maxParams, w.outputTokens, central, latency);
  const low = llmRequestAt(minParams, w.outputTokens, siteAt(site, 'low'), latency);
  const high = llmRequestAt(maxParams, w.outputTokens, siteAt(site, 'high'), latency);
  const n = w.requests;
  const mean = (k: 'energy_kwh' | 'co2e_g' | 'water_l' | 'usage_co2e_g' | 'embodied_co2e_g') =>
    (n * (atMin[k] + atMax[k])) / 2;
  return {
    co2e_g: mean('co2e_g'),
    co2e_g_low: n * low.co2e_g,
    co2e_g_high: n * high.co2e_g,
    energy_kwh: mean('energy_kwh'),
    energy_kwh_low: n * low.energy_kwh,
    energy_kwh_high: n * high.energy_kwh,
    water_l: mean('water_l'),
    water_l_low: n * low.water_l,
    water_l_high: n * high.water_l,
    breakdown: {
      requests: n,
      output_tokens: w.outputTokens,
      request_latency_s: Number.isFinite(latency) ? latency : null,
      min_params: atMin,
      max_params: atMax,
      low,
      high,
      usage_co2e_g: mean('usage_co2e_g'),
      embodied_co2e_g: mean('embodied_co2e_g'),
    },
  };
}
