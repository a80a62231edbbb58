import { z } from '@hono/zod-openapi';
import { crossFieldRule } from '../validation.js';
import { estimateFields } from './common.js';
import { LIMITS, ProviderIdField, RegionIdField } from './server.js';

/**
 * Upper bounds: no model of the catalog publishes a context window (EcoLogits' registry has none),
 * so output and input tokens are bounded by 10 million, above the largest context window announced.
 */
export const LLM_LIMITS = { tokens: 10_000_000, requests: 1e12, latencyS: 3_600 } as const;

const name = (example: string, description: string) =>
  z.string().trim().min(1).max(LIMITS.name).openapi({ example, description });

export const llmRequestShape = {
  provider: name(
    'mistral',
    'LLM provider (GET /v1/llm/providers), or `self-hosted` for an open-weight model on your own servers (with `hosting`).',
  ),
  model: name('open-mistral-7b', 'Model of the provider, case-insensitive (GET /v1/llm/models).'),
  output_tokens: z
    .number()
    .int()
    .min(1)
    .max(LLM_LIMITS.tokens)
    .openapi({ description: 'Output (completion) tokens of one request.', example: 1000 }),
  input_tokens: z.number().int().min(0).max(LLM_LIMITS.tokens).optional().openapi({
    description: 'Input (prompt) tokens of one request: echoed, not counted (see the warnings).',
  }),
  requests: z
    .number()
    .int()
    .min(1)
    .max(LLM_LIMITS.requests)
    .optional()
    .openapi({ description: 'Number of such requests. Default 1.', example: 1 }),
  latency_s: z.number().gt(0).max(LLM_LIMITS.latencyS).optional().openapi({
    description:
      "Measured latency of one request, s: caps the modelled generation time (EcoLogits' request_latency).",
  }),
  hosting: z
    .strictObject({ provider: ProviderIdField(), region: RegionIdField() })
    .optional()
    .openapi({ description: '`self-hosted` only: the provider region of your servers (PUE, WUE, grid).' }),
  zone: z.string().trim().min(2).max(5).optional().openapi({
    description:
      "Hosted providers only: another grid zone than the provider's datacenter (ISO 3166 alpha-2 or alpha-3).",
  }),
};

/** `hosting` with `self-hosted` (required there) and `zone` without it. */
export const llmPlacementRule = () =>
  crossFieldRule((v, ctx) => {
    const self = typeof v.provider === 'string' && v.provider.trim().toLowerCase() === 'self-hosted';
    if (self && v.zone !== undefined)
      ctx.addIssue({ code: 'custom', path: ['zone'], message: 'Not for self-hosted models: give hosting.' });
    if (!self && v.hosting !== undefined)
      ctx.addIssue({ code: 'custom', path: ['hosting'], message: 'Only for provider self-hosted.' });
    if (self && v.hosting === undefined)
      ctx.addIssue({ code: 'custom', path: ['hosting'], message: 'Required for provider self-hosted.' });
  });

export const LlmEstimateRequestSchema = z
  .strictObject(llmRequestShape)
  .check(llmPlacementRule())
  .openapi('LlmEstimateRequest', {
    example: {
      provider: 'mistral',
      model: 'open-mistral-7b',
      output_tokens: 1000,
      input_tokens: 400,
      requests: 1000,
    },
  });

const RunSchema = z
  .object({
    active_b: z.number(),
    total_b: z.number(),
    output_tokens: z.number(),
    gpu_energy_per_gpu_kwh: z.number(),
    gpu_energy_kwh: z.number(),
    generation_s: z.number(),
    latency_capped: z.boolean(),
    model_memory_gb: z.number(),
    gpu_count: z.number().int(),
    server_energy_kwh: z.number(),
    pue: z.number(),
    energy_kwh: z.number(),
    hardware_embodied_kg: z.number(),
    usage_co2e_g: z.number(),
    embodied_co2e_g: z.number(),
    co2e_g: z.number(),
    water_l: z.number(),
  })
  .openapi('LlmRequestRun', {
    description: "One request through EcoLogits' method with one set of parameters.",
  });

export const LlmBreakdownSchema = z
  .object({
    provider: z.string(),
    model: z.string(),
    requests: z.number().int(),
    output_tokens: z.number().int(),
    input_tokens: z.number().int().nullable(),
    usage_co2e_g: z.number(),
    embodied_co2e_g: z.number(),
    per_request: z.object({ energy_kwh: z.number(), co2e_g: z.number(), water_l: z.number() }),
    runs: z.object({ min_params: RunSchema, max_params: RunSchema }).openapi({
      description:
        'One request with the lowest and the highest parameter counts (central site factors); the central figures are their mean.',
    }),
  })
  .openapi('LlmBreakdown');

export const LlmEstimateSchema = z.object(estimateFields(LlmBreakdownSchema)).openapi('LlmEstimate');

export const LlmModelSchema = z
  .object({
    provider: z.string().openapi({ example: 'mistral' }),
    id: z.string().openapi({ example: 'open-mistral-7b' }),
    architecture: z.enum(['dense', 'moe']),
    total_parameters_b: z.object({ min: z.number(), max: z.number() }),
    active_parameters_b: z.object({ min: z.number(), max: z.number() }),
    status: z.enum(['published', 'estimated']).openapi({
      description:
        "published: an open-weight model's card; estimated: EcoLogits' estimate for an unpublished architecture.",
    }),
    self_hostable: z.boolean().openapi({ description: 'Open weights: usable with provider self-hosted.' }),
    warnings: z.array(z.string()),
    source_id: z.string(),
  })
  .openapi('LlmModel');

export const LlmProviderSchema = z
  .object({
    id: z.string().openapi({ example: 'openai' }),
    zone: z.string().openapi({ description: 'Grid zone (ISO 3166 alpha-3) its datacenters are assumed in.' }),
    pue: z.object({ min: z.number(), max: z.number() }),
    wue_l_per_kwh: z.object({ min: z.number(), max: z.number() }),
    cloud: z.string().nullable(),
    models_count: z.number().int(),
    source_id: z.string(),
  })
  .openapi('LlmProvider');
