import type { Catalog, LlmModelInfo, LlmProviderInfo } from '../factors/catalog.js';
import type { EstimateBase } from '../models/estimate.js';
import { exact, type Factor } from '../models/factor.js';
import {
  LLM_GPU_EMBODIED_KG,
  LLM_HARDWARE_LIFESPAN_S,
  LLM_SERVER_EMBODIED_KG,
  LLM_SERVER_POWER_KW,
  type LlmRequestBreakdown,
  llmFootprint,
} from '../models/llm.js';
import { type FieldIssue, UnknownReferenceError } from './errors.js';
import { regionGrid } from './placement.js';
import { attempt, resolvePlacement } from './resolve.js';
import { closest } from './suggest.js';
import { zoneGridFactor } from './zones.js';

export const LLM_METHODOLOGY = Object.freeze({ id: 'empreinte-llm', version: '1' });

/** The provider id of open-weight models run on the caller's own servers (`hosting`). */
export const SELF_HOSTED = 'self-hosted';

/** `POST /v1/estimates/llm` (docs/methodology.md, "LLM calls"). */
export interface LlmEstimateRequest {
  provider: string;
  model: string;
  output_tokens: number;
  input_tokens?: number | undefined;
  requests?: number | undefined;
  /** Measured request latency, s: caps the modelled generation time (EcoLogits' `request_latency`). */
  latency_s?: number | undefined;
  /** `self-hosted` only: the provider region of the caller's servers. */
  hosting?: { provider: string; region: string } | undefined;
  /** Hosted providers only: another grid zone than the provider's (ISO alpha-2 or alpha-3). */
  zone?: string | undefined;
}

export interface LlmEstimateBreakdown {
  provider: string;
  model: string;
  requests: number;
  output_tokens: number;
  input_tokens: number | null;
  usage_co2e_g: number;
  embodied_co2e_g: number;
  per_request: { energy_kwh: number; co2e_g: number; water_l: number };
  /** One request with the model's lowest and highest parameter counts, at the central site factors. */
  runs: { min_params: LlmRequestBreakdown; max_params: LlmRequestBreakdown };
}

export type LlmEstimate = EstimateBase<LlmEstimateBreakdown>;

export const INPUT_TOKENS_WARNING =
  "Input tokens are not counted: EcoLogits' method estimates the generation of output tokens (the decode " +
  'phase, at a batch of 64 requests on H100 GPUs); the prefill of the prompt is not modelled, so long prompts ' +
  'make the figure a lower bound.';

const WARNING_TEXT: Record<string, (m: LlmModelInfo) => string> = {
  'model-arch-not-released': (m) =>
    `The architecture of ${m.id} is not published: its parameters are EcoLogits' estimates (total ` +
    `${range(m.row.totalBMin, m.row.totalBMax)} B, active ${range(m.row.activeBMin, m.row.activeBMax)} B; status estimated).`,
  'model-arch-multimodal': (m) =>
    `${m.id} is multimodal: only its text output is counted, not image or audio inputs and outputs.`,
};

const range = (a: number, b: number) => (a === b ? `${a}` : `${a}–${b}`);

/** A constant of EcoLogits' method as a factor (source `ecologits`, status published). */
const constant = (name: string, value: number, unit: string): Factor =>
  Object.freeze({
    name,
    ...exact(value),
    unit,
    source_id: 'ecologits',
    year: 2025,
    status: 'published' as const,
  });

const CONSTANT_FACTORS: readonly Factor[] = [
  constant('llm_gpu_embodied', LLM_GPU_EMBODIED_KG, 'kgCO2e'),
  constant('llm_server_embodied', LLM_SERVER_EMBODIED_KG, 'kgCO2e'),
  constant('llm_server_power', LLM_SERVER_POWER_KW, 'kW'),
  constant('llm_hardware_lifespan', LLM_HARDWARE_LIFESPAN_S / 3600, 'h'),
];

/** The provider's model, or a 422 with the closest ids (every issue at once). */
function resolveModel(catalog: Catalog, req: LlmEstimateRequest, at: (f: string) => string) {
  const issues: FieldIssue[] = [];
  const selfHosted = req.provider.trim().toLowerCase() === SELF_HOSTED;
  let provider: LlmProviderInfo | undefined;
  let model: LlmModelInfo | undefined;
  if (selfHosted) {
    const name = req.model.trim().toLowerCase();
    model = catalog.openWeightModels.find((m) => m.id.toLowerCase() === name);
    if (!model) {
      const ids = catalog.openWeightModels.map((m) => m.id);
      const near = closest(req.model, ids);
      issues.push({
        path: at('model'),
        message: `Unknown open-weight model '${req.model}'.${near.length ? ` Did you mean ${near.map((n) => `'${n}'`).join(', ')}?` : ''} Self-hosted models are those of GET /v1/llm/models with status published.`,
      });
    }
  } else {
    provider = catalog.llmProvider(req.provider);
    if (!provider) {
      const ids = [...catalog.llmProviders.map((p) => p.id), SELF_HOSTED];
      const near = closest(req.provider, ids);
      issues.push({
        path: at('provider'),
        message: `Unknown LLM provider '${req.provider}'.${near.length ? ` Did you mean ${near.map((n) => `'${n}'`).join(', ')}?` : ''} Valid providers: ${ids.join(', ')}.`,
      });
    } else {
      model = catalog.llmModel(provider.id, req.model);
      if (!model) {
        const ids = catalog.llmModels(provider.id).map((m) => m.id);
        const near = closest(req.model, ids);
        issues.push({
          path: at('model'),
          message: `Unknown model '${req.model}' for provider '${provider.id}'.${near.length ? ` Did you mean ${near.map((n) => `'${n}'`).join(', ')}?` : ''} List them with GET /v1/llm/models.`,
        });
      }
    }
  }
  return { selfHosted, provider, model, issues };
}

/**
 * Estimates LLM calls (422 on an unknown provider, model, hosting region or zone), EcoLogits'
 * method: GPU energy from active parameters, GPUs from total parameters, server share, PUE,
 * embodied share of the request's generation time; every figure × `requests`.
 */
export function estimateLlm(catalog: Catalog, req: LlmEstimateRequest, prefix = ''): LlmEstimate {
  const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
  const { selfHosted, provider, model, issues } = resolveModel(catalog, req, at);
  const warnings: string[] = [];
  let site: { pue: Factor; wue: Factor; grid: Factor; ewif: Factor } | undefined;
  if (selfHosted) {
    if (!req.hosting) issues.push({ path: at('hosting'), message: 'Required for self-hosted models.' });
    else {
      const placed = attempt(issues, () =>
        resolvePlacement(catalog, req.hosting?.provider ?? '', req.hosting?.region ?? '', at('hosting')),
      );
      if (placed) {
        const { grid, regionWarnings } = regionGrid(placed.region);
        site = { pue: placed.region.pue, wue: placed.region.wue, grid, ewif: placed.region.ewif };
        warnings.push(...regionWarnings);
      }
    }
  } else if (provider) {
    const zone = req.zone ?? provider.row.zone;
    const grid = attempt(issues, () => zoneGridFactor(catalog, 'grid_intensity', zone, at('zone')));
    if (grid) {
      const water = catalog.ewif(zone);
      if (water.warning) warnings.push(water.warning);
      site = { pue: provider.pue, wue: provider.wue, grid, ewif: water.factor };
    }
  }
  if (issues.length || !model || !site) throw new UnknownReferenceError(issues);

  const requests = req.requests ?? 1;
  const result = llmFootprint(
    {
      activeBMin: model.row.activeBMin,
      activeBMax: model.row.activeBMax,
      totalBMin: model.row.totalBMin,
      totalBMax: model.row.totalBMax,
    },
    { requests, outputTokens: req.output_tokens, requestLatencyS: req.latency_s },
    { pue: site.pue, wueLPerKwh: site.wue, gridGPerKwh: site.grid, ewifLPerKwh: site.ewif },
  );
  const status = model.row.status === 'published' ? 'published' : 'estimated';
  const params = (name: string, min: number, max: number): Factor => ({
    name,
    value: (min + max) / 2,
    low: min,
    high: max,
    unit: 'B',
    source_id: model.row.sourceId,
    year: 2025,
    status,
  });
  for (const code of model.row.warnings?.split(';') ?? []) {
    const text = WARNING_TEXT[code];
    if (text) warnings.push(text(model));
  }
  warnings.push(INPUT_TOKENS_WARNING);
  const b = result.breakdown;
  return {
    co2e_g: result.co2e_g,
    co2e_g_low: result.co2e_g_low,
    co2e_g_high: result.co2e_g_high,
    energy_kwh: result.energy_kwh,
    water_l: result.water_l,
    breakdown: {
      provider: selfHosted ? SELF_HOSTED : (provider as LlmProviderInfo).id,
      model: model.id,
      requests,
      output_tokens: req.output_tokens,
      input_tokens: req.input_tokens ?? null,
      usage_co2e_g: b.usage_co2e_g,
      embodied_co2e_g: b.embodied_co2e_g,
      per_request: {
        energy_kwh: result.energy_kwh / requests,
        co2e_g: result.co2e_g / requests,
        water_l: result.water_l / requests,
      },
      runs: { min_params: b.min_params, max_params: b.max_params },
    },
    factors: [
      params('active_parameters', model.row.activeBMin, model.row.activeBMax),
      params('total_parameters', model.row.totalBMin, model.row.totalBMax),
      site.pue,
      site.wue,
      site.grid,
      site.ewif,
      ...CONSTANT_FACTORS,
    ],
    methodology: LLM_METHODOLOGY,
    data_version: catalog.dataVersion,
    warnings,
  };
}
