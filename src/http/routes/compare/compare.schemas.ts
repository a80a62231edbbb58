import { z } from '@hono/zod-openapi';
import { ApiEstimateSchema, ApiResourcesRequestSchema } from '../../schemas/api.js';
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

export const CompareCandidateSchema = z
  .strictObject({
    provider: ProviderIdField(),
    region: RegionIdField(),
    instance_type: InstanceTypeField()
      .optional()
      .openapi({ description: 'Replaces the workload’s instance_type or hardware on this candidate.' }),
  })
  .openapi('CompareCandidate');

export const CompareRequestSchema = z
  .strictObject({
    workload: z.discriminatedUnion('kind', [CompareServerWorkloadSchema, CompareApiWorkloadSchema]),
    candidates: z
      .array(CompareCandidateSchema)
      .min(COMPARE_MIN_CANDIDATES)
      .max(COMPARE_MAX_CANDIDATES)
      .openapi({ description: '2 to 50 placements; the first is the baseline of the deltas.' }),
    grid_source: GridSourceSchema.optional(),
  })
  .check(
    crossFieldRule((v, ctx) => {
      // A server workload without a shape needs every candidate to name its instance type.
      const w = v.workload as Record<string, unknown> | undefined;
      if (typeof w !== 'object' || w === null || w.kind !== 'server') return;
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
    estimate: z.union([ServerEstimateSchema, ApiEstimateSchema]).openapi({
      description: 'Equal to the direct estimate of the workload on this candidate (server or API estimate).',
    }),
    delta_co2e_g: z.number().openapi({ description: 'co2e_g minus the baseline’s (the first candidate).' }),
    delta_pct: z.number().nullable().openapi({
      description: 'delta_co2e_g as a percent of the baseline’s co2e_g (−50: half); null when that is 0.',
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
