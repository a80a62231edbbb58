import { z } from '@hono/zod-openapi';
import { DATABASE_ENGINES } from '../../models/managed-database.js';
import { NETWORK_DESTINATIONS } from '../../models/network.js';
import { STORAGE_KINDS, STORAGE_MEDIA } from '../../models/storage.js';
import { crossFieldRule, exactlyOneRule } from '../validation.js';
import { estimateFields } from './common.js';
import {
  GridSourceSchema,
  InstanceTypeField,
  LIMITS,
  ProviderIdField,
  RegionIdField,
  ServerBreakdownSchema,
  serverRequestShape,
} from './server.js';

/** Upper bounds of the storage, network and database fields (finite results, docs/methodology.md). */
export const BEYOND_VM_LIMITS = {
  sizeGb: 1e9,
  gb: 1e9,
  bytes: 9e15,
} as const;

const name = (example: string, description: string) =>
  z.string().trim().min(1).max(LIMITS.name).openapi({ example, description });

export const StorageServiceField = () =>
  name(
    'ebs-gp3',
    'Storage service of the provider, case-insensitive (GET /v1/providers/{provider}/storage-services).',
  );
export const DatabasePlanField = () =>
  name(
    'standard-0',
    'Database plan of the provider, case-insensitive (GET /v1/providers/{provider}/database-plans).',
  );

export const StorageKindSchema = z.enum(STORAGE_KINDS).openapi('StorageKind');
export const StorageMediumSchema = z.enum(STORAGE_MEDIA).openapi('StorageMedium', {
  description: 'The medium the bytes sit on: its power per TB (CCF: SSD 1.2, HDD 0.65 Wh per TB-hour).',
});
export const NetworkDestinationSchema = z.enum(NETWORK_DESTINATIONS).openapi('NetworkDestination', {
  description:
    'Where the bytes go: `internet` (default), `inter-region` or `intra-region`. Every destination counts the same ' +
    'cloud-network energy per GB (no source separates them).',
});
export const DatabaseEngineSchema = z.enum(DATABASE_ENGINES).openapi('DatabaseEngine');

const sizeGb = z
  .number()
  .gt(0)
  .max(BEYOND_VM_LIMITS.sizeGb)
  .openapi({ description: 'Data stored (one copy), GB (1 GB = 1e9 bytes).', example: 500 });

export const storageRequestShape = {
  provider: ProviderIdField().openapi({ example: 'aws' }),
  region: RegionIdField().openapi({ example: 'eu-west-3' }),
  service: StorageServiceField(),
  size_gb: sizeGb,
  duration_hours: serverRequestShape.duration_hours,
  grid_source: GridSourceSchema.optional(),
};

export const StorageEstimateRequestSchema = z
  .strictObject(storageRequestShape)
  .openapi('StorageEstimateRequest', {
    example: {
      provider: 'aws',
      region: 'eu-west-3',
      service: 's3-standard',
      size_gb: 2000,
      duration_hours: 8760,
    },
  });

export const StorageBreakdownSchema = z
  .object({
    service: z.string(),
    kind: StorageKindSchema,
    medium: StorageMediumSchema,
    stored_tb: z.number().openapi({ description: 'TB held on drives: size × replication factor.' }),
    replication_factor: z.number().openapi({ description: 'Copies the provider keeps of every byte.' }),
    it_energy_kwh: z.number(),
    pue: z.number(),
    operational_co2e_g: z.number(),
    embodied_co2e_g: z.number().openapi({ description: 'Not counted: 0 (see the warnings).' }),
    water_onsite_l: z.number(),
    water_offsite_l: z.number(),
  })
  .openapi('StorageBreakdown');

export const StorageEstimateSchema = z
  .object(estimateFields(StorageBreakdownSchema))
  .openapi('StorageEstimate');

export const networkRequestShape = {
  provider: ProviderIdField().openapi({ example: 'aws' }),
  region: RegionIdField().openapi({ example: 'eu-west-3' }),
  gb: z.number().min(0).max(BEYOND_VM_LIMITS.gb).optional().openapi({
    description: 'Data transferred out, GB (1e9 bytes). Exactly one of gb and bytes.',
    example: 1000,
  }),
  bytes: z
    .number()
    .int()
    .min(0)
    .max(BEYOND_VM_LIMITS.bytes)
    .optional()
    .openapi({ description: 'Data transferred out, bytes. Exactly one of gb and bytes.' }),
  destination: NetworkDestinationSchema.optional(),
  grid_source: GridSourceSchema.optional(),
};

/** Exactly one of `gb` and `bytes` (a 400 naming the field otherwise). */
export const oneOfGbOrBytes = () => exactlyOneRule('gb', 'bytes');

export const NetworkEstimateRequestSchema = z
  .strictObject(networkRequestShape)
  .check(oneOfGbOrBytes())
  .openapi('NetworkEstimateRequest', {
    example: { provider: 'aws', region: 'eu-west-3', gb: 1000, destination: 'internet' },
  });

export const NetworkBreakdownSchema = z
  .object({
    destination: NetworkDestinationSchema,
    gb: z.number(),
    it_energy_kwh: z.number(),
    pue: z.number(),
    operational_co2e_g: z.number(),
    embodied_co2e_g: z.number().openapi({ description: 'Not counted: 0 (see the warnings).' }),
    water_onsite_l: z.number(),
    water_offsite_l: z.number(),
  })
  .openapi('NetworkBreakdown');

export const NetworkEstimateSchema = z
  .object(estimateFields(NetworkBreakdownSchema))
  .openapi('NetworkEstimate');

export const databaseRequestShape = {
  provider: ProviderIdField().openapi({ example: 'heroku' }),
  region: RegionIdField().openapi({ example: 'eu' }),
  plan: DatabasePlanField().optional(),
  instance_type: InstanceTypeField()
    .optional()
    .openapi({ description: 'Instead of a plan: the instance type each node runs as (with `engine`).' }),
  engine: DatabaseEngineSchema.optional().openapi({
    description: "Required with instance_type; with a plan, one of the plan's engines (default its first).",
  }),
  storage_gb: z.number().min(0).max(BEYOND_VM_LIMITS.sizeGb).optional().openapi({
    description: "Data stored, GB. Default: the plan's included storage (0 without one).",
    example: 64,
  }),
  storage_service: StorageServiceField()
    .optional()
    .openapi({ description: "The storage service holding the data. Default: the plan's." }),
  high_availability: z.boolean().optional().openapi({
    description: 'Adds one standby per node when the plan includes none. Default false.',
  }),
  utilization: serverRequestShape.utilization,
  duration_hours: serverRequestShape.duration_hours,
  grid_source: GridSourceSchema.optional(),
};

/** A plan, or an instance type with its engine. */
export const planOrInstanceRule = () => [
  exactlyOneRule('plan', 'instance_type'),
  crossFieldRule((v, ctx) => {
    if (v.instance_type !== undefined && v.plan === undefined && v.engine === undefined)
      ctx.addIssue({ code: 'custom', path: ['engine'], message: 'Required with instance_type.' });
  }),
];

export const DatabaseEstimateRequestSchema = z
  .strictObject(databaseRequestShape)
  .check(...planOrInstanceRule())
  .openapi('ManagedDatabaseEstimateRequest', {
    example: { provider: 'heroku', region: 'eu', plan: 'standard-0', duration_hours: 8760 },
  });

const partFields = {
  co2e_g: z.number(),
  co2e_g_low: z.number(),
  co2e_g_high: z.number(),
  energy_kwh: z.number(),
  water_l: z.number(),
  operational_co2e_g: z.number(),
  embodied_co2e_g: z.number(),
};

export const DatabaseBreakdownSchema = z
  .object({
    plan: z.string().nullable(),
    engine: z.string(),
    nodes: z.number().int().openapi({ description: 'Nodes running, standbys included.' }),
    standby_nodes: z.number().int(),
    compute: z
      .object({
        ...partFields,
        instance_type: z.string().nullable(),
        vcpus: z.number().int(),
        memory_gb: z.number(),
        nodes: z.number().int(),
        breakdown: ServerBreakdownSchema,
      })
      .openapi('ManagedDatabaseCompute', {
        description: 'Its nodes, as a server estimate of `nodes` servers.',
      }),
    storage: z
      .object({
        ...partFields,
        service: z.string().nullable(),
        medium: StorageMediumSchema,
        storage_gb: z.number(),
        copies: z.number().int().openapi({ description: 'One copy of the data per node.' }),
        breakdown: StorageBreakdownSchema.omit({ service: true, kind: true, medium: true }),
      })
      .openapi('ManagedDatabaseStorage', {
        description: 'Its data, one copy per node, on its storage service.',
      }),
  })
  .openapi('ManagedDatabaseBreakdown');

export const DatabaseEstimateSchema = z
  .object(estimateFields(DatabaseBreakdownSchema))
  .openapi('ManagedDatabaseEstimate');
