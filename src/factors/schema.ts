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
  /** Methodology 3: the status of min/max (published, proxy, derived); null in the v2 factor set. */
  status: text('status'),
  /** Methodology 3: the status of `memory_gb_per_chip` (published, proxy); null in the v2 factor set. */
  memoryStatus: text('memory_status'),
  /** Methodology 3: the source of `memory_gb_per_chip`. */
  memorySourceId: text('memory_source_id').references(() => sources.id),
  /** Methodology 3: the source of `tdp_w`/`threads`, the TDP-curve cross-check of a SPECpower row. */
  tdpSourceId: text('tdp_source_id').references(() => sources.id),
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
    /**
     * Methodology 3: where `host_chips` comes from: `ccf-coefficients` for CCF's heuristic, else the
     * source that gives the host's sockets (Boavizta's Scaleway archetypes); null in the v2 set.
     */
    hostChipsSourceId: text('host_chips_source_id'),
    hostEmbodiedKg: real('host_embodied_kg').notNull(),
    /** GPUs or AI accelerators attached to the instance (`gpu_models.model`); null: none. */
    gpuModel: text('gpu_model'),
    /** How many (a fraction for a share of one GPU, Azure NVadsA10 v5). */
    gpuCount: real('gpu_count'),
    /** Source of the GPU model and count. */
    gpuSourceId: text('gpu_source_id'),
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

/**
 * A GPU or AI accelerator model: its power when idle and at full load (W per GPU, the linear
 * curve between them), its embodied emissions per board, each with a status and a source.
 */
export const gpuModels = sqliteTable('gpu_models', {
  model: text('model').primaryKey(),
  maxW: real('max_w').notNull(),
  maxStatus: text('max_status').notNull(),
  maxSourceId: text('max_source_id')
    .notNull()
    .references(() => sources.id),
  idleW: real('idle_w').notNull(),
  idleStatus: text('idle_status').notNull(),
  idleSourceId: text('idle_source_id')
    .notNull()
    .references(() => sources.id),
  memoryGb: real('memory_gb'),
  embodiedKg: real('embodied_kg').notNull(),
  embodiedStatus: text('embodied_status').notNull(),
  embodiedSourceId: text('embodied_source_id')
    .notNull()
    .references(() => sources.id),
  note: text('note'),
});

/**
 * A hosted LLM provider's datacenter assumption (EcoLogits' provider table): the grid zone
 * (ISO alpha-3) its requests are served from, PUE and on-site WUE as ranges (min = max when single).
 */
export const llmProviders = sqliteTable('llm_providers', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  zone: text('zone').notNull(),
  pueMin: real('pue_min').notNull(),
  pueMax: real('pue_max').notNull(),
  wueMin: real('wue_min').notNull(),
  wueMax: real('wue_max').notNull(),
  cloud: text('cloud'),
  sourceId: text('source_id')
    .notNull()
    .references(() => sources.id),
  note: text('note'),
});

/**
 * A language model of a provider: total and active parameters in billions, each a range (min = max
 * when published as one number), `status` published (an open-weight model card) or estimated.
 */
export const llmModels = sqliteTable(
  'llm_models',
  {
    providerId: text('provider_id')
      .notNull()
      .references(() => llmProviders.id),
    id: text('id').notNull(),
    architecture: text('architecture').notNull(),
    totalBMin: real('total_b_min').notNull(),
    totalBMax: real('total_b_max').notNull(),
    activeBMin: real('active_b_min').notNull(),
    activeBMax: real('active_b_max').notNull(),
    status: text('status').notNull(),
    warnings: text('warnings'),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.id] })],
);

/**
 * A storage product of a provider (block volume, object bucket, file share, archive tier): the
 * medium its bytes sit on and how many copies the provider keeps (`replication_factor`, with its
 * status: CCF's per-service factor mapped onto the product is `derived`).
 */
export const storageServices = sqliteTable(
  'storage_services',
  {
    providerId: text('provider_id')
      .notNull()
      .references(() => providers.id),
    id: text('id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    medium: text('medium').notNull(),
    replicationFactor: real('replication_factor').notNull(),
    replicationStatus: text('replication_status').notNull(),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.id] })],
);

/**
 * A managed database plan: its engines (`;`-joined), the shape of each node (an instance type of
 * `instance_provider_id`, else `vcpus`/`memory_gb` on the provider's defaults), the storage it
 * includes and the storage service that holds it, nodes and standbys included, and the regions
 * it is sold in (`;`-joined region ids; null: every region of the provider). A family row
 * (`db.m5.*` on instance types `m5.*`) stands for one plan per instance type of that family: the
 * catalog expands it (AWS RDS classes are EC2 types).
 */
export const databasePlans = sqliteTable(
  'database_plans',
  {
    providerId: text('provider_id')
      .notNull()
      .references(() => providers.id),
    id: text('id').notNull(),
    engines: text('engines').notNull(),
    vcpus: integer('vcpus'),
    vcpusStatus: text('vcpus_status'),
    memoryGb: real('memory_gb'),
    storageGb: real('storage_gb'),
    storageServiceId: text('storage_service_id'),
    nodes: integer('nodes').notNull(),
    standbyNodes: integer('standby_nodes').notNull(),
    instanceProviderId: text('instance_provider_id'),
    instanceTypeId: text('instance_type_id'),
    regions: text('regions'),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.providerId, t.id] })],
);

/** Key/value facts about the data: `data_version`. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * A measured page (one row per normalised URL) and the figures it is served from: the median of
 * its field samples of the window (`field_*`), its latest lab test (`lab_*`), and the bucket of the
 * page-weight distribution its served figure is counted in (src/models/site-figure.ts
 * servedSiteFigure). `version` is bumped by every change of its samples (a measurement, a lab
 * test, the retention job) in the transaction that reads them; the figures computed from that read
 * are written only if they are newer than the stored ones (`figure_version`), so the newest read
 * always wins. `last_day` / `oldest_day` are UTC day numbers (days since 1970-01-01) of its latest
 * accepted measurement or lab test and of its oldest sample.
 */
export const sitePages = sqliteTable(
  'site_pages',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    url: text('url').notNull().unique(),
    fieldBytes: integer('field_bytes'),
    fieldCoverage: real('field_coverage'),
    fieldClients: integer('field_clients').notNull().default(0),
    labBytes: integer('lab_bytes'),
    labTestedAt: text('lab_tested_at'),
    bucket: integer('bucket'),
    measurements: integer('measurements').notNull().default(0),
    firstMeasuredAt: text('first_measured_at').notNull(),
    measuredAt: text('measured_at').notNull(),
    lastDay: integer('last_day').notNull(),
    oldestDay: integer('oldest_day'),
    version: integer('version').notNull().default(0),
    figureVersion: integer('figure_version').notNull().default(0),
  },
  (t) => [
    index('site_pages_bucket_idx').on(t.bucket),
    index('site_pages_last_day_idx').on(t.lastDay),
    index('site_pages_oldest_day_idx').on(t.oldestDay),
  ],
);

/**
 * Lab tests of pages by URL (`/v1/sites/tests`), which are also their queue: `status` is queued,
 * running, done or failed. A `running` row left by a stopped server is queued again at the next
 * start until `attempts` reaches its limit. Result columns are set when done (CO2e and rating
 * under `model`), `error_*` when failed. At most one pending (queued or running) test per URL,
 * and a few per client and network (`client`, `network`: kept only while the test is pending).
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
    /** A done test stopped at the byte cap: its bytes are a lower bound (1); 0 otherwise. */
    bytesCapped: integer('bytes_capped', { mode: 'boolean' }).notNull().default(false),
    /** Keyed hash of the requesting client (address, IPv6 /64) while the test is pending; cleared when it ends. */
    client: text('client'),
    /** Keyed hash of the client's network (IPv4 /24, IPv6 /48) while the test is pending; cleared when it ends. */
    network: text('network'),
  },
  (t) => [
    index('site_tests_status_created_idx').on(t.status, t.createdAt),
    index('site_tests_url_created_idx').on(t.url, t.createdAt),
    uniqueIndex('site_tests_pending_url_idx').on(t.url).where(sql`${t.status} IN ('queued', 'running')`),
    index('site_tests_pending_client_idx').on(t.client).where(sql`${t.status} IN ('queued', 'running')`),
    index('site_tests_pending_network_idx').on(t.network).where(sql`${t.status} IN ('queued', 'running')`),
  ],
);

/**
 * One sample of a page: at most one per (page, source, UTC day, client key), a later measurement
 * of the same client that day replacing its own. `client` is an HMAC of the client's address and
 * the day (never the address); `first_view` and `coverage` are null when the client did not say.
 * `source` is `field` (the widget, API clients); lab tests add `lab`.
 */
export const siteSamples = sqliteTable(
  'site_samples',
  {
    pageId: integer('page_id')
      .notNull()
      .references(() => sitePages.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    day: integer('day').notNull(),
    client: text('client').notNull(),
    bytes: integer('bytes').notNull(),
    coverage: real('coverage'),
    firstView: integer('first_view', { mode: 'boolean' }),
    measuredAt: text('measured_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.pageId, t.source, t.day, t.client] })],
);

/**
 * The page-weight distribution `cleaner_than` ranks against: how many pages have their figure in
 * each log-spaced bucket (`min_bytes` is the bucket's lower edge; src/models/site-buckets.ts).
 * The rows are seeded once by the migration; triggers on `site_pages.bucket` move the counts.
 */
export const siteBuckets = sqliteTable('site_buckets', {
  bucket: integer('bucket').primaryKey(),
  minBytes: integer('min_bytes').notNull().unique(),
  pages: integer('pages').notNull().default(0),
});

/** The same distribution per group of 40 buckets (`grp = bucket / 40`), kept by the same triggers. */
export const siteBucketGroups = sqliteTable('site_bucket_groups', {
  grp: integer('grp').primaryKey(),
  pages: integer('pages').notNull().default(0),
});

/**
 * New pages created per client key (one per client and day) today: a client creates at most
 * SITE_NEW_PAGES_PER_CLIENT_DAY pages a day. Rows of past days are deleted by the retention job.
 */
export const siteNewPages = sqliteTable(
  'site_new_pages',
  {
    client: text('client').primaryKey(),
    day: integer('day').notNull(),
    pages: integer('pages').notNull(),
  },
  (t) => [index('site_new_pages_day_idx').on(t.day)],
);

/** Server secrets generated once and kept (the client-key HMAC secret when SITE_KEY_SECRET is unset). */
export const siteSecrets = sqliteTable('site_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
});
