import { z } from '@hono/zod-openapi';
import { SCI_BASES } from '../../services/api-estimate.js';
import type { FieldIssue } from '../../services/errors.js';
import { crossFieldRule, instanceOrHardwareRule, issuesFromZod } from '../validation.js';
import { estimateFields } from './common.js';
import { llmRequestShape } from './llm.js';
import {
  GridSourceSchema,
  HardwareSchema,
  InstanceTypeField,
  LIMITS,
  PowerBasisSchema,
  ProviderIdField,
  RegionIdField,
  ServerEstimateRequestSchema,
  ServerEstimateSchema,
} from './server.js';

/** At most this many LLM calls per API request (each is an LLM estimate). */
export const API_MAX_LLM_CALLS = 3;

const common = {
  requests: z
    .number()
    .int()
    .min(1)
    .max(LIMITS.requests)
    .openapi({ description: 'Number of requests the total covers.', example: 1_000_000 }),
  bytes_per_request: z.number().min(0).max(LIMITS.bytes).optional().openapi({
    description: 'Bytes transferred per request (network part, SWD v4). Default 0.',
    example: 2048,
  }),
  network_zone: z.string().trim().min(1).max(16).optional().openapi({
    description: 'Country of the network (ISO alpha-2/alpha-3). Default: global 494 g/kWh.',
    example: 'FR',
  }),
  llm_calls: z
    .array(
      z
        .strictObject({
          provider: llmRequestShape.provider,
          model: llmRequestShape.model,
          output_tokens: llmRequestShape.output_tokens,
          input_tokens: llmRequestShape.input_tokens,
        })
        .check(
          crossFieldRule((v, ctx) => {
            if (typeof v.provider === 'string' && v.provider.trim().toLowerCase() === 'self-hosted')
              ctx.addIssue({
                code: 'custom',
                path: ['provider'],
                message:
                  'A hosted provider (GET /v1/llm/providers): a self-hosted model runs on your own servers, estimate them as servers.',
              });
          }),
        )
        .openapi('ApiLlmCall', {
          description: 'A call to a language model that one request makes (POST /v1/estimates/llm).',
        }),
    )
    .min(1)
    .max(API_MAX_LLM_CALLS)
    .optional()
    .openapi({
      description: `LLM calls each request makes (1 to ${API_MAX_LLM_CALLS}): their footprint is added to every request's.`,
    }),
};

export const ApiResourcesRequestSchema = z
  .strictObject({
    provider: ProviderIdField(),
    region: RegionIdField(),
    instance_type: InstanceTypeField().optional(),
    hardware: HardwareSchema.optional(),
    cpu_ms_per_request: z
      .number()
      .min(0)
      .max(LIMITS.cpuMsPerRequest)
      .openapi({ description: 'CPU time of one request on one vCPU, milliseconds.', example: 12 }),
    memory_mb: z
      .number()
      .min(0)
      .max(LIMITS.memoryMb)
      .optional()
      .openapi({
        description:
          'Memory the service holds while a request runs, MB, over the request’s CPU time; counted as a ' +
          'server counts its memory: only the share above the memory its SPECpower watts already hold ' +
          '(CCF’s rule on the host). Default: not counted.',
        example: 512,
      }),
    grid_source: GridSourceSchema.optional(),
    ...common,
  })
  .check(instanceOrHardwareRule())
  .openapi('ApiResourcesRequest', {
    description:
      'Resources mode (busy time): the CPU time, memory and bytes of one request on a placement; an SCI ' +
      'component and a lower bound that excludes idle capacity.',
    example: {
      provider: 'scaleway',
      region: 'fr-par-2',
      instance_type: 'COPARM1-4C-16G',
      requests: 1_000_000,
      cpu_ms_per_request: 12,
      bytes_per_request: 2048,
      network_zone: 'FR',
    },
  });

export const ApiAllocationRequestSchema = z
  .strictObject({
    server: ServerEstimateRequestSchema,
    ...common,
  })
  .openapi('ApiAllocationRequest', {
    description: "Allocation mode: a server's footprint shared by the requests it served.",
    example: {
      server: {
        provider: 'heroku',
        region: 'eu',
        instance_type: 'standard-2x',
        duration_hours: 730,
        count: 2,
      },
      requests: 5_000_000,
      bytes_per_request: 4096,
    },
  });

export const ApiEstimateRequestSchema = z
  .union([ApiAllocationRequestSchema, ApiResourcesRequestSchema])
  .openapi('ApiEstimateRequest', {
    description:
      'A body with `server` is allocation mode; any other is resources mode. Mixing them is a 400.',
  });

const footprint = z.object({ co2e_g: z.number(), energy_kwh: z.number(), water_l: z.number() });

export const ApiBreakdownSchema = z
  .object({
    mode: z.enum(['resources', 'allocation']),
    power_basis: PowerBasisSchema,
    compute_energy_kwh: z.number().openapi({ description: 'Facility energy of compute, memory included.' }),
    memory_energy_kwh: z.number().openapi({ description: 'The memory part of compute_energy_kwh.' }),
    compute_operational_co2e_g: z.number(),
    compute_embodied_co2e_g: z.number(),
    network_energy_kwh: z.number(),
    network_co2e_g: z.number(),
    water_onsite_l: z.number(),
    water_offsite_l: z.number(),
    llm_co2e_g: z
      .number()
      .optional()
      .openapi({ description: "With llm_calls: their CO2e, one request's calls." }),
    llm_energy_kwh: z.number().optional(),
    llm_water_l: z.number().optional(),
  })
  .openapi('ApiBreakdown', { description: 'One request, split by part.' });

export const ApiEstimateSchema = z
  .object({
    ...estimateFields(ApiBreakdownSchema),
    requests: z.number().int(),
    per_request: footprint.openapi({ description: 'One request.' }),
    sci: z
      .object({
        functional_unit: z.literal('request'),
        basis: z.enum(SCI_BASES).openapi({
          description:
            '`busy-time` (resources mode: the busy CPU time and memory of each request; an SCI component, ' +
            'not an SCI score, and a lower bound) or `allocation` (allocation mode: a share of a whole server). ' +
            'Answers pinned to a methodology-2 factor set say `marginal` and `attributional`.',
        }),
        co2e_g_per_unit: z.number(),
      })
      .openapi({ description: 'Software Carbon Intensity with R = one request.' }),
  })
  .openapi('ApiEstimate');

/** Keys that only belong to one mode, to explain a mixed body. */
export const RESOURCES_ONLY_KEYS = [
  'provider',
  'region',
  'instance_type',
  'hardware',
  'cpu_ms_per_request',
  'memory_mb',
  'grid_source',
] as const;

export type ApiEstimateRequestBody = z.infer<typeof ApiEstimateRequestSchema>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates an API estimate body against the one mode it chose (`server` present: allocation,
 * else resources), so errors name that mode's fields; a resources-mode field in an allocation
 * body is explained as such. One parse, no union: batch items use it too.
 */
export function parseApiEstimateRequest(
  body: unknown,
): { success: true; data: ApiEstimateRequestBody } | { success: false; issues: FieldIssue[] } {
  const allocation = isObject(body) && 'server' in body;
  const parsed = (allocation ? ApiAllocationRequestSchema : ApiResourcesRequestSchema).safeParse(body);
  if (parsed.success) return { success: true, data: parsed.data };
  const issues = issuesFromZod(parsed.error.issues).map((issue) =>
    allocation && (RESOURCES_ONLY_KEYS as readonly string[]).includes(issue.path)
      ? {
          path: issue.path,
          message: `'${issue.path}' belongs to resources mode; a body with 'server' is allocation mode (put it inside 'server' or drop 'server').`,
        }
      : issue,
  );
  return { success: false, issues };
}

export { ServerEstimateSchema };
