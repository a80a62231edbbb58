import { z } from '@hono/zod-openapi';
import { POWER_BASES } from '../../models/server.js';
import { GRID_SOURCES } from '../../services/placement.js';
import { exactlyOneRule } from '../validation.js';
import { CpuArchitectureSchema, estimateFields } from './common.js';

/** Upper bounds that keep every result finite (docs/methodology.md). */
export const LIMITS = {
  durationHours: 876_000,
  count: 1_000_000,
  vcpus: 10_000,
  memoryGb: 100_000,
  requests: 1e15,
  pageViews: 1e15,
  bytes: 1e12,
  cpuMsPerRequest: 3_600_000,
  memoryMb: 100_000_000,
  name: 128,
} as const;

const name = (example: string, description: string) =>
  z.string().trim().min(1).max(LIMITS.name).openapi({ example, description });

export const ProviderIdField = () => name('scaleway', 'Provider id (GET /v1/providers).');
export const RegionIdField = () =>
  name('fr-par-2', 'Region id of the provider (GET /v1/providers/{provider}/regions).');
export const InstanceTypeField = () =>
  name(
    'COPARM1-4C-16G',
    'Instance type of the provider, case-insensitive (GET /v1/providers/{provider}/instance-types).',
  );

export const GridSourceSchema = z.enum(GRID_SOURCES).openapi('GridSource', {
  description:
    "Where grid intensities come from: `regional` (default) the region's published value when there is one, else " +
    "its country's Ember value; `country` the country's Ember value for every placement (compares providers like " +
    'with like).',
});

export const PowerBasisSchema = z.enum(POWER_BASES).openapi('PowerBasis', {
  description:
    'What the CPU power profile measures: `specpower` the whole server at the wall (memory up to SPECpower’s ' +
    'reference included), every CPU on this basis since methodology 3; `tdp-curve` the CPU alone (memory and ' +
    'an estimated rest of the server are added), in methodology-2 answers only.',
});

export const OtherBasisSchema = z
  .object({
    power_basis: z.literal('tdp-curve'),
    it_energy_kwh: z.number(),
    energy_kwh: z.number(),
    co2e_g: z.number(),
  })
  .openapi('OtherBasisFigure');

export const HardwareSchema = z
  .strictObject({
    vcpus: z.number().int().min(1).max(LIMITS.vcpus).openapi({ example: 4 }),
    memory_gb: z.number().min(0).max(LIMITS.memoryGb).openapi({ example: 16 }),
    cpu_family: z.string().trim().min(1).max(LIMITS.name).optional().openapi({
      description: 'A CPU family of the catalog (cpu-power data), e.g. "Ampere Altra Max M128-30".',
    }),
    cpu_architecture: CpuArchitectureSchema.optional().openapi({ description: 'Default x86_64.' }),
  })
  .openapi('Hardware', { description: 'A machine described instead of an instance type.' });

/** Fields of a server placement, shared by server estimates and API allocation mode. */
export const serverRequestShape = {
  provider: ProviderIdField(),
  region: RegionIdField(),
  instance_type: InstanceTypeField().optional(),
  hardware: HardwareSchema.optional(),
  utilization: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .openapi({ description: 'Average CPU utilization, 0..1. Default 0.5.', example: 0.5 }),
  gpu_utilization: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .openapi({
      description:
        'Average GPU utilization, 0..1, for instance types with GPUs (their power is linear between idle and full ' +
        'load). Default: `utilization`.',
    }),
  duration_hours: z
    .number()
    .gt(0)
    .max(LIMITS.durationHours)
    .openapi({ description: 'Hours the servers run.', example: 730 }),
  count: z
    .number()
    .int()
    .min(1)
    .max(LIMITS.count)
    .optional()
    .openapi({ description: 'Number of identical servers. Default 1.', example: 1 }),
  grid_source: GridSourceSchema.optional(),
};

export const ServerEstimateRequestSchema = z
  .strictObject(serverRequestShape)
  .check(exactlyOneRule('instance_type', 'hardware'))
  .openapi('ServerEstimateRequest', {
    example: {
      provider: 'scaleway',
      region: 'fr-par-2',
      instance_type: 'COPARM1-4C-16G',
      duration_hours: 730,
    },
  });

export const ServerBreakdownSchema = z
  .object({
    power_basis: PowerBasisSchema,
    memory_gb_counted: z.number().openapi({
      description:
        'Memory the model adds to the CPU profile, GB: only what exceeds SPECpower’s memory per chip (all of it ' +
        'for a TDP-curve profile in methodology-2 answers).',
    }),
    cpu_energy_kwh: z.number(),
    memory_energy_kwh: z.number(),
    rest_of_server_energy_kwh: z.number().openapi({
      description:
        'TDP-curve profiles (methodology 2): board, fans, storage, network and power losses; 0 for SPECpower.',
    }),
    it_energy_kwh: z.number(),
    pue: z.number(),
    operational_co2e_g: z.number(),
    embodied_co2e_g: z.number(),
    water_onsite_l: z.number(),
    water_offsite_l: z.number(),
    gpu_energy_kwh: z.number().optional().openapi({
      description: "Servers with GPUs only: the GPUs' energy, inside it_energy_kwh.",
    }),
    gpu_embodied_co2e_g: z.number().optional().openapi({
      description: "Servers with GPUs only: the GPU boards' embodied share, inside embodied_co2e_g.",
    }),
    other_basis: OtherBasisSchema.nullable()
      .optional()
      .openapi({
        description:
          'Methodology 3: the same workload on the TDP curve (the other power basis: all memory and Boavizta’s ' +
          'rest of the server), central values; `co2e_g_low`/`co2e_g_high` span its `co2e_g`. Null when the ' +
          'CPU has no TDP (the unknown-CPU averages); absent in methodology-2 answers.',
      }),
  })
  .openapi('ServerBreakdown');

export const ServerEstimateSchema = z.object(estimateFields(ServerBreakdownSchema)).openapi('ServerEstimate');
