import { z } from '@hono/zod-openapi';
import { ApiEstimateSchema, ApiResourcesRequestSchema } from '../../schemas/api.js';
import {
  DatabaseEstimateSchema,
  DatabasePlanField,
  databaseRequestShape,
  NetworkEstimateSchema,
  networkRequestShape,
  oneOfGbOrBytes,
  StorageEstimateRequestSchema,
  StorageEstimateSchema,
  StorageServiceField,
} from '../../schemas/beyond-vms.js';
import { LlmEstimateSchema, llmRequestShape } from '../../schemas/llm.js';
import {
  GridSourceSchema,
  HardwareSchema,
  InstanceTypeField,
  ProviderIdField,
  RegionIdField,
  ServerEstimateSchema,
  serverRequestShape,
} from '../../schemas/server.js';
import { crossFieldRule, instanceOrHardwareRule } from '../../validation.js';

export const COMPARE_MIN_CANDIDATES = 2;
export const COMPARE_MAX_CANDIDATES = 50;

export const CompareServerWorkloadSchema = z
  .strictObject({
    kind: z.literal('server'),
    instance_type: InstanceTypeField()
      .optional()
      .openapi({ description: 'Used by candidates that name no instance type of their own.' }),
    hardware: HardwareSchema.optional(),
    utilization: serverRequestShape.utilization,
    gpu_utilization: serverRequestShape.gpu_utilization,
    duration_hours: serverRequestShape.duration_hours,
    count: serverRequestShape.count,
  })
  .check(instanceOrHardwareRule())
  .openapi('CompareServerWorkload', {
    description:
      'Servers as in a server estimate, without a placement. Each candidate needs an instance type: its own, ' +
      'or the workload’s `instance_type`/`hardware`.',
  });

const resources = ApiResourcesRequestSchema.shape;

export const CompareApiWorkloadSchema = z
  .strictObject({
    kind: z.literal('api'),
    requests: resources.requests,
    cpu_ms_per_request: resources.cpu_ms_per_request,
    memory_mb: resources.memory_mb,
    bytes_per_request: resources.bytes_per_request,
  })
  .openapi('CompareApiWorkload', {
    description:
      'API requests in resources mode (network at the SWD v4 global 494 g/kWh); a candidate’s instance type sets ' +
      'the CPU power and host, else the provider defaults.',
  });

const storageShape = StorageEstimateRequestSchema.shape;
export const CompareStorageWorkloadSchema = z
  .strictObject({
    kind: z.literal('storage'),
    size_gb: storageShape.size_gb,
    duration_hours: storageShape.duration_hours,
  })
  .openapi('CompareStorageWorkload', {
    description: 'Stored data; each candidate names its storage `service`.',
  });

const networkShape = networkRequestShape;
export const CompareNetworkWorkloadSchema = z
  .strictObject({
    kind: z.literal('network'),
    gb: networkShape.gb,
    bytes: networkShape.bytes,
    destination: networkShape.destination,
  })
  .check(oneOfGbOrBytes())
  .openapi('CompareNetworkWorkload', { description: 'Data transferred out of each candidate’s region.' });

export const CompareDatabaseWorkloadSchema = z
  .strictObject({
    kind: z.literal('managed_database'),
    engine: databaseRequestShape.engine,
    storage_gb: databaseRequestShape.storage_gb,
    high_availability: databaseRequestShape.high_availability,
    utilization: databaseRequestShape.utilization,
    duration_hours: databaseRequestShape.duration_hours,
  })
  .openapi('CompareManagedDatabaseWorkload', {
    description:
      'A managed database; each candidate names its `plan`, or an `instance_type` (then the workload gives `engine`).',
  });

export const CompareLlmWorkloadSchema = z
  .strictObject({
    kind: z.literal('llm'),
    output_tokens: llmRequestShape.output_tokens,
    input_tokens: llmRequestShape.input_tokens,
    requests: llmRequestShape.requests,
    latency_s: llmRequestShape.latency_s,
  })
  .openapi('CompareLlmWorkload', {
    description: 'LLM calls; each candidate names its `provider` and `model` (two models, or two providers).',
  });

export const CompareCandidateSchema = z
  .strictObject({
    provider: ProviderIdField().openapi({
      description: 'Provider id (GET /v1/providers; for LLM workloads GET /v1/llm/providers or self-hosted).',
    }),
    region: RegionIdField()
      .optional()
      .openapi({ description: 'Region of the provider: required for every kind but llm.' }),
    instance_type: InstanceTypeField()
      .optional()
      .openapi({
        description:
          'Server and API workloads: replaces the workload’s instance_type or hardware on this candidate. Managed ' +
          'databases: the instance type its nodes run as (instead of a plan).',
      }),
    service: StorageServiceField()
      .optional()
      .openapi({ description: 'Storage workloads (required there): the candidate’s storage service.' }),
    plan: DatabasePlanField()
      .optional()
      .openapi({ description: 'Managed database workloads: the candidate’s plan (or its instance_type).' }),
    model: llmRequestShape.model
      .optional()
      .openapi({ description: 'LLM workloads (required there): the model.' }),
    hosting: llmRequestShape.hosting,
    zone: llmRequestShape.zone,
  })
  .openapi('CompareCandidate', {
    description: 'A placement; it carries the fields of the workload’s kind, and no others.',
  });

/** The candidate fields each workload kind takes (others are a 400 naming the field). */
const CANDIDATE_FIELDS: Record<string, readonly string[]> = {
  server: ['instance_type'],
  api: ['instance_type'],
  storage: ['service'],
  network: [],
  managed_database: ['plan', 'instance_type'],
  llm: ['model', 'hosting', 'zone'],
};
const KIND_FIELDS = ['instance_type', 'service', 'plan', 'model', 'hosting', 'zone'];

export const CompareRequestSchema = z
  .strictObject({
    workload: z.discriminatedUnion('kind', [
      CompareServerWorkloadSchema,
      CompareApiWorkloadSchema,
      CompareStorageWorkloadSchema,
      CompareNetworkWorkloadSchema,
      CompareDatabaseWorkloadSchema,
      CompareLlmWorkloadSchema,
    ]),
    candidates: z
      .array(CompareCandidateSchema)
      .min(COMPARE_MIN_CANDIDATES)
      .max(COMPARE_MAX_CANDIDATES)
      .openapi({ description: '2 to 50 placements; the first is the baseline of the deltas.' }),
    grid_source: GridSourceSchema.optional(),
  })
  .check(
    crossFieldRule((v, ctx) => {
      const w = v.workload as Record<string, unknown> | undefined;
      if (typeof w !== 'object' || w === null || !Array.isArray(v.candidates)) return;
      const allowed = CANDIDATE_FIELDS[String(w.kind)];
      v.candidates.forEach((c: unknown, i) => {
        if (typeof c !== 'object' || c === null || !allowed) return;
        const candidate = c as Record<string, unknown>;
        for (const field of [...KIND_FIELDS, ...(w.kind === 'llm' ? ['region'] : [])]) {
          if (candidate[field] !== undefined && !allowed.includes(field)) {
            ctx.addIssue({
              code: 'custom',
              path: ['candidates', i, field],
              message: `Not a field of a ${String(w.kind)} candidate (it takes ${allowed.length ? allowed.join(', ') : 'provider and region only'}).`,
            });
          }
        }
        if (w.kind !== 'llm' && candidate.region === undefined) {
          ctx.addIssue({ code: 'custom', path: ['candidates', i, 'region'], message: 'Required.' });
        }
        if (w.kind === 'llm' && candidate.model === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['candidates', i, 'model'],
            message: 'Required: each candidate of an llm workload names its model.',
          });
        }
        if (w.kind === 'storage' && candidate.service === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['candidates', i, 'service'],
            message: 'Required: each candidate of a storage workload names its storage service.',
          });
        }
        if (w.kind === 'managed_database') {
          const given =
            (candidate.plan !== undefined ? 1 : 0) + (candidate.instance_type !== undefined ? 1 : 0);
          if (given !== 1) {
            ctx.addIssue({
              code: 'custom',
              path: ['candidates', i, given === 0 ? 'plan' : 'instance_type'],
              message: 'Give exactly one of plan or instance_type for each managed database candidate.',
            });
          } else if (candidate.instance_type !== undefined && w.engine === undefined) {
            ctx.addIssue({
              code: 'custom',
              path: ['workload', 'engine'],
              message: 'Required when a candidate gives instance_type.',
            });
          }
        }
      });
      // A server workload without a shape needs every candidate to name its instance type.
      if (w.kind !== 'server') return;
      if (w.instance_type !== undefined || w.hardware !== undefined) return;
      if (!Array.isArray(v.candidates)) return;
      v.candidates.forEach((c: unknown, i) => {
        if (
          typeof c === 'object' &&
          c !== null &&
          (c as Record<string, unknown>).instance_type === undefined
        ) {
          ctx.addIssue({
            code: 'custom',
            path: ['candidates', i, 'instance_type'],
            message:
              'Required: the server workload has no instance_type or hardware, so every candidate must name its instance_type.',
          });
        }
      });
    }),
  )
  .openapi('CompareRequest', {
    example: {
      workload: { kind: 'server', duration_hours: 8760 },
      candidates: [
        { provider: 'heroku', region: 'us', instance_type: 'performance-l' },
        { provider: 'scaleway', region: 'fr-par-2', instance_type: 'COPARM1-8C-32G' },
      ],
    },
  });

export const CompareResultSchema = z
  .object({
    candidate: CompareCandidateSchema,
    estimate: z
      .union([
        ServerEstimateSchema,
        ApiEstimateSchema,
        StorageEstimateSchema,
        NetworkEstimateSchema,
        DatabaseEstimateSchema,
        LlmEstimateSchema,
      ])
      .openapi({
        description:
          'Equal to the direct estimate of the workload on this candidate (server, API, storage, network or managed database estimate).',
      }),
    delta_co2e_g: z.number().openapi({ description: 'co2e_g minus the baseline’s (the first candidate).' }),
    delta_pct: z.number().nullable().openapi({
      description: 'delta_co2e_g as a percent of the baseline’s co2e_g (−50: half); null when that is 0.',
    }),
    delta_by_part: z.object({ compute_co2e_g: z.number(), storage_co2e_g: z.number() }).optional().openapi({
      description:
        'Managed database workloads: the delta of its nodes and of its storage against the baseline’s.',
    }),
  })
  .openapi('CompareResult');

export const ComparisonSchema = z
  .object({
    results: z.array(CompareResultSchema).openapi({ description: 'One per candidate, in request order.' }),
    ranking: z.array(z.number().int()).openapi({
      description: 'Candidate indexes from the lowest co2e_g to the highest; ties keep request order.',
      example: [1, 0],
    }),
    warnings: z.array(z.string()).openapi({
      description:
        'What makes the candidates less comparable: mixed CPU power bases, grid intensities from different ' +
        'publishers. Empty when none.',
    }),
  })
  .openapi('Comparison');
