import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Every cited source. Factor rows reference one by id. */
export const sources = sqliteTable('sources', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  publisher: text('publisher').notNull(),
  url: text('url'),
  year: integer('year'),
  version: text('version'),
  note: text('note'),
});

/**
 * A hosting provider and the defaults that stand in for missing region or instance data.
 * `cpu_profile_*` name rows of `cpu_profiles`. No default PUE: the industry average applies.
 */
export const providers = sqliteTable('providers', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  url: text('url'),
  defaultPue: real('default_pue'),
  defaultPueYear: integer('default_pue_year'),
  defaultPueSourceId: text('default_pue_source_id').references(() => sources.id),
  defaultWueLPerKwh: real('default_wue_l_per_kwh'),
  defaultWueYear: integer('default_wue_year'),
  defaultWueSourceId: text('default_wue_source_id').references(() => sources.id),
  cpuProfileX86: text('cpu_profile_x86').notNull(),
  cpuProfileArm64: text('cpu_profile_arm64').notNull(),
  lifespanHours: real('lifespan_hours').notNull(),
  lifespanSourceId: text('lifespan_source_id')
    .notNull()
    .references(() => sources.id),
});

/**
 * A provider region (zone, datacenter). Values are the published ones (null when not
 * published); the catalog resolves fallbacks. A region that runs on another provider's
 * region names it in `runs_on_*` and leaves its factors null.
 */
export const regions = sqliteTable(
  'regions',
  {
    providerId: text('provider_id')
      .notNull()
      .references(() => providers.id),
    id: text('id').notNull(),
    name: text('name').notNull(),
    datacenter: text('datacenter'),
    country: text('country').notNull(),
    gridZone: text('grid_zone').notNull(),
    pue: real('pue'),
    pueYear: integer('pue_year'),
    pueStatus: text('pue_status'),
    wueLPerKwh: real('wue_l_per_kwh'),
    wueYear: integer('wue_year'),
    wueStatus: text('wue_status'),
    gridGPerKwh: real('grid_g_per_kwh'),
    gridYear: integer('grid_year'),
    gridStatus: text('grid_status'),
    ccfGridGPerKwh: real('ccf_grid_g_per_kwh'),
    runsOnProvider: text('runs_on_provider'),
    runsOnRegion: text('runs_on_region'),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.id] })],
);

/** ISO 3166 country codes, generated into the seed so nothing maps codes at run time. */
export const countries = sqliteTable('countries', {
  alpha2: text('alpha2').primaryKey(),
  alpha3: text('alpha3').notNull().unique(),
  name: text('name').notNull(),
});

/** Yearly average grid carbon intensity per zone (ISO alpha-3, or WORLD). */
export const gridIntensities = sqliteTable(
  'grid_intensities',
  {
    zone: text('zone').notNull(),
    year: integer('year').notNull(),
    gPerKwh: real('g_per_kwh').notNull(),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id),
  },
  (t) => [primaryKey({ columns: [t.zone, t.year] })],
);

/** Consumptive water of electricity generation (EWIF) per country (ISO alpha-3). */
export const electricityWater = sqliteTable('electricity_water', {
  zone: text('zone').primaryKey(),
  lPerKwh: real('l_per_kwh').notNull(),
  sourceId: text('source_id')
    .notNull()
    .references(() => sources.id),
});

/**
 * CPU power per vCPU: SPECpower min/max (W) or TDP + threads for the Teads curve.
 * `memory_gb_per_chip` (SPECpower rows): the memory per chip of the SPECpower servers the
 * profile comes from (CCF's MEMORY_BY_COMPUTE_PROCESSOR), already inside its watts.
 */
export const cpuProfiles = sqliteTable('cpu_profiles', {
  family: text('family').primaryKey(),
  architecture: text('architecture').notNull(),
  method: text('method').notNull(),
  minWPerVcpu: real('min_w_per_vcpu'),
  maxWPerVcpu: real('max_w_per_vcpu'),
  tdpW: real('tdp_w'),
  threads: integer('threads'),
  memoryGbPerChip: real('memory_gb_per_chip'),
  sourceId: text('source_id')
    .notNull()
    .references(() => sources.id),
  note: text('note'),
});

/**
 * An instance shape. `cpu_families` lists `cpu_profiles.family` values joined by `;`
 * (null: the provider's default profile). `memory_gb` null: unknown.
 */
export const instanceTypes = sqliteTable(
  'instance_types',
  {
    providerId: text('provider_id')
      .notNull()
      .references(() => providers.id),
    id: text('id').notNull(),
    family: text('family'),
    vcpus: integer('vcpus').notNull(),
    vcpusStatus: text('vcpus_status').notNull(),
    memoryGb: real('memory_gb'),
    cpuFamilies: text('cpu_families'),
    cpuArchitecture: text('cpu_architecture').notNull(),
    hostVcpus: integer('host_vcpus').notNull(),
    /** Memory of the host (the largest type of the family); null: unknown or not needed. */
    hostMemoryGb: real('host_memory_gb'),
    /** Physical CPU chips of the host (CCF: ceil(host vCPUs / 96), 2 for m5zn and z1d). */
    hostChips: integer('host_chips'),
    hostEmbodiedKg: real('host_embodied_kg').notNull(),
    embodiedStatus: text('embodied_status').notNull(),
    /** Source of the shape (vCPUs, memory, CPU). */
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id),
    /** Source of `host_vcpus`. */
    hostSourceId: text('host_source_id')
      .notNull()
      .references(() => sources.id),
    /** Source of `host_embodied_kg` (for proxies, the source of the value borrowed). */
    embodiedSourceId: text('embodied_source_id')
      .notNull()
      .references(() => sources.id),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.id] })],
);

/**
 * Provider-independent factors: `pue_industry_average`, `memory_power` (kWh per GB-hour),
 * `rest_of_server_ratio`. `low`/`high`: the range the sources give (null: the default rule).
 */
export const globalFactors = sqliteTable('global_factors', {
  name: text('name').primaryKey(),
  value: real('value').notNull(),
  low: real('low'),
  high: real('high'),
  unit: text('unit').notNull(),
  year: integer('year'),
  sourceId: text('source_id')
    .notNull()
    .references(() => sources.id),
  note: text('note'),
});

/** Key/value facts about the data: `data_version`. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * The latest measured weight of a page (one row per normalised URL): the only table the API
 * writes. `co2e_g` is the per-view estimate of `bytes` under `model`; `measurements` counts every
 * measurement since the first one.
 */
export const sites = sqliteTable(
  'sites',
  {
    url: text('url').primaryKey(),
    bytes: integer('bytes').notNull(),
    model: text('model').notNull(),
    co2eG: real('co2e_g').notNull(),
    rating: text('rating'),
    measurements: integer('measurements').notNull().default(1),
    firstMeasuredAt: text('first_measured_at').notNull(),
    measuredAt: text('measured_at').notNull(),
  },
  (t) => [index('sites_co2e_g_idx').on(t.co2eG)],
);

/**
 * Lab tests of pages by URL (`/v1/sites/tests`), which are also their queue: `status` is queued,
 * running, done or failed. A `running` row left by a stopped server is queued again at the next
 * start until `attempts` reaches its limit. Result columns are set when done (CO2e and rating
 * under `model`), `error_*` when failed. At most one pending (queued or running) test per URL.
 */
export const siteTests = sqliteTable(
  'site_tests',
  {
    id: text('id').primaryKey(),
    url: text('url').notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: text('created_at').notNull(),
    startedAt: text('started_at'),
    finishedAt: text('finished_at'),
    bytes: integer('bytes'),
    requests: integer('requests'),
    thirdPartyBytes: integer('third_party_bytes'),
    thirdPartyRequests: integer('third_party_requests'),
    model: text('model'),
    co2eG: real('co2e_g'),
    rating: text('rating'),
    durationMs: integer('duration_ms'),
    errorType: text('error_type'),
    errorDetail: text('error_detail'),
  },
  (t) => [
    index('site_tests_status_created_idx').on(t.status, t.createdAt),
    index('site_tests_url_created_idx').on(t.url, t.createdAt),
    uniqueIndex('site_tests_pending_url_idx').on(t.url).where(sql`${t.status} IN ('queued', 'running')`),
  ],
);
