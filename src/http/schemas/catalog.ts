import { z } from '@hono/zod-openapi';
import { CpuArchitectureSchema, FactorSchema } from './common.js';

export const ProviderSchema = z
  .object({
    id: z.string().openapi({ example: 'scaleway' }),
    name: z.string().openapi({ example: 'Scaleway' }),
    url: z.string().nullable(),
    regions_count: z.number().int(),
    instance_types_count: z.number().int(),
    storage_services_count: z.number().int(),
    database_plans_count: z.number().int(),
    defaults: z
      .object({
        pue: z.number().nullable().openapi({
          description: 'Provider PUE used where a region publishes none (null: industry average).',
        }),
        pue_year: z.number().int().nullable(),
        pue_source_id: z.string().nullable(),
        wue_l_per_kwh: z.number().nullable(),
        wue_year: z.number().int().nullable(),
        wue_source_id: z.string().nullable(),
        cpu_family_x86_64: z.string(),
        cpu_family_arm64: z.string(),
        lifespan_hours: z.number(),
        lifespan_source_id: z.string(),
      })
      .openapi({ description: 'Values that stand in for missing region or instance data.' }),
    links: z.object({
      regions: z.string(),
      instance_types: z.string(),
      storage_services: z.string(),
      database_plans: z.string(),
    }),
  })
  .openapi('Provider');

export const RunsOnSchema = z
  .object({ provider: z.string(), region: z.string() })
  .nullable()
  .openapi({ description: 'The region whose PUE, WUE and grid this one takes (Heroku us → AWS us-east-1).' });

export const RegionSchema = z
  .object({
    provider: z.string().openapi({ example: 'scaleway' }),
    id: z.string().openapi({ example: 'fr-par-2' }),
    name: z.string().openapi({ example: "Saint-Ouen-l'Aumone" }),
    datacenter: z.string().nullable().openapi({ example: 'DC5' }),
    country: z.string().openapi({ description: 'ISO 3166 alpha-2.', example: 'FR' }),
    grid_zone: z.string().openapi({ example: 'FR' }),
    pue: z.number(),
    pue_year: z.number().int().nullable(),
    pue_source_id: z.string().nullable(),
    wue_l_per_kwh: z.number(),
    wue_year: z.number().int().nullable(),
    wue_source_id: z.string().nullable(),
    grid_intensity_g_per_kwh: z.number(),
    year: z.number().int().nullable().openapi({ description: 'Year of the grid intensity.' }),
    grid_source_id: z.string().nullable(),
    ewif_l_per_kwh: z
      .number()
      .openapi({ description: 'Water consumed per kWh of electricity in the country.' }),
    source_id: z.string().openapi({ description: 'Source of the region row.' }),
    runs_on: RunsOnSchema,
    factors: z
      .array(FactorSchema)
      .openapi({ description: 'pue, wue, grid_intensity and ewif with ranges and status.' }),
    warnings: z.array(z.string()),
  })
  .openapi('Region');

export const InstanceTypeSchema = z
  .object({
    provider: z.string().openapi({ example: 'scaleway' }),
    id: z.string().openapi({ example: 'COPARM1-4C-16G' }),
    family: z.string().nullable(),
    vcpus: z.number().int(),
    vcpus_status: z.string().openapi({ description: 'published, or estimated (Heroku dynos).' }),
    memory_gb: z
      .number()
      .nullable()
      .openapi({ description: 'null when unknown (memory energy counted as 0).' }),
    cpu_family: z
      .string()
      .openapi({ description: 'CPU family, or several joined by ";" (the mean is used).' }),
    cpu_family_status: z.enum(['published', 'default']).openapi({
      description: 'default: the CPU is not published and the provider profile is used.',
    }),
    cpu_architecture: CpuArchitectureSchema,
    host_vcpus: z.number().int(),
    host_embodied_kgco2e: z.number(),
    embodied_status: z.string().openapi({ description: 'published (measured), proxy or estimated.' }),
    gpu_model: z
      .string()
      .nullable()
      .openapi({ description: 'Its GPU or AI accelerator model; null without.' }),
    gpu_count: z
      .number()
      .nullable()
      .openapi({ description: 'How many (a fraction for a share of one GPU).' }),
    source_id: z.string(),
  })
  .openapi('InstanceType');

export const GridIntensitySchema = z
  .object({
    zone: z.string().openapi({ description: 'ISO 3166 alpha-3, or WORLD.', example: 'FRA' }),
    country_alpha2: z.string().nullable().openapi({ example: 'FR' }),
    name: z.string().openapi({ example: 'France' }),
    year: z.number().int().openapi({ example: 2024 }),
    grid_intensity_g_per_kwh: z.number().openapi({ example: 44.18 }),
    source_id: z.string(),
  })
  .openapi('GridIntensity');

export const SourceSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    publisher: z.string(),
    url: z.string().nullable(),
    year: z.number().int().nullable(),
    version: z.string().nullable(),
    note: z.string().nullable(),
  })
  .openapi('Source');

export const listOf = <T extends z.ZodTypeAny>(item: T, name: string) =>
  z.object({ data: z.array(item) }).openapi(name);

export const StorageServiceSchema = z
  .object({
    provider: z.string().openapi({ example: 'aws' }),
    id: z.string().openapi({ example: 's3-standard' }),
    name: z.string().openapi({ example: 'S3 Standard' }),
    kind: z.enum(['block', 'object', 'file', 'archive']),
    medium: z.enum(['ssd', 'hdd']),
    replication_factor: z.number().openapi({ description: 'Copies the provider keeps of every byte.' }),
    replication_status: z.string().openapi({
      description:
        "derived (Cloud Carbon Footprint's per-service factor mapped onto the product), estimated (a proxy), or published.",
    }),
    source_id: z.string(),
    note: z.string().nullable(),
  })
  .openapi('StorageService');

export const DatabasePlanSchema = z
  .object({
    provider: z.string().openapi({ example: 'heroku' }),
    id: z.string().openapi({ example: 'standard-0' }),
    engines: z.array(z.string()).openapi({ example: ['postgresql'] }),
    vcpus: z.number().int().openapi({ description: 'vCPUs of each node.' }),
    vcpus_status: z.string().openapi({ description: 'published, or estimated (derivation in note).' }),
    memory_gb: z.number().nullable(),
    storage_gb: z.number().nullable().openapi({ description: 'Storage included (null: bought separately).' }),
    storage_service: z.string().nullable().openapi({ description: 'The storage service holding its data.' }),
    nodes: z.number().int(),
    standby_nodes: z.number().int().openapi({ description: 'Standbys the plan itself includes.' }),
    instance_type: z.object({ provider: z.string(), id: z.string() }).nullable().openapi({
      description: 'The instance type its nodes run as; null: vCPUs and memory on the provider defaults.',
    }),
    regions: z
      .array(z.string())
      .nullable()
      .openapi({ description: 'Regions it is sold in; null: every region.' }),
    source_id: z.string(),
    note: z.string().nullable(),
  })
  .openapi('DatabasePlan');
