import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type Client, createClient, type InValue } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_TAG } from '../../scripts/generate-seed.js';
import { DATA_FACTOR_STATUSES } from '../../src/models/factor.js';

const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));
const FACTOR_TABLES = [
  'sources',
  'countries',
  'providers',
  'regions',
  'cpu_profiles',
  'instance_types',
  'grid_intensities',
  'electricity_water',
  'global_factors',
  'meta',
];
const STATUSES = DATA_FACTOR_STATUSES;
const { averageIntensity } = createRequire(import.meta.url)('@tgwf/co2/data') as {
  averageIntensity: { data: Record<string, number> };
};

let client: Client;

async function rows(sql: string, args: InValue[] = []): Promise<Record<string, unknown>[]> {
  const result = await client.execute({ sql, args });
  return result.rows.map((r) => ({ ...r }));
}

async function scalar(sql: string, args: InValue[] = []): Promise<unknown> {
  const [row] = await rows(sql, args);
  return row ? Object.values(row)[0] : undefined;
}

async function tableCounts(c: Client): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of FACTOR_TABLES) {
    const r = await c.execute(`SELECT count(*) AS n FROM ${t}`);
    counts[t] = Number(r.rows[0]?.n);
  }
  return counts;
}

/** The statements of a migration file as one script (breakpoint markers are SQL comments anyway). */
async function migrationScript(file: string): Promise<string> {
  return (await readFile(`${MIGRATIONS}/${file}`, 'utf8')).replaceAll('--> statement-breakpoint', '');
}

beforeAll(async () => {
  client = createClient({ url: ':memory:' });
  await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });
});

afterAll(() => client.close());

describe('migrations', () => {
  it('create every factor table and seed it', async () => {
    const counts = await tableCounts(client);
    for (const t of FACTOR_TABLES) expect(counts[t], t).toBeGreaterThan(0);
    expect(await scalar("SELECT value FROM meta WHERE key = 'data_version'")).toMatch(
      /^sha256:[0-9a-f]{12}$/,
    );
  });

  it('leave no foreign key violation', async () => {
    expect(await rows('PRAGMA foreign_key_check')).toEqual([]);
  });

  it('are a no-op when applied again', async () => {
    const before = await tableCounts(client);
    const applied = await scalar('SELECT count(*) FROM __drizzle_migrations');
    const version = await scalar("SELECT value FROM meta WHERE key = 'data_version'");
    await migrate(drizzle(client), { migrationsFolder: MIGRATIONS });
    expect(await tableCounts(client)).toEqual(before);
    expect(await scalar('SELECT count(*) FROM __drizzle_migrations')).toBe(applied);
    expect(Number(applied)).toBeGreaterThanOrEqual(2);
    expect(await scalar("SELECT value FROM meta WHERE key = 'data_version'")).toBe(version);
  });

  it('seed SQL is self-contained: run twice on a fresh schema with foreign keys on, same rows', async () => {
    const journal = JSON.parse(await readFile(`${MIGRATIONS}/meta/_journal.json`, 'utf8')) as {
      entries: { tag: string }[];
    };
    const schemaTags = journal.entries.map((e) => e.tag).filter((t) => !SEED_TAG.test(t));
    const seedTag = journal.entries
      .map((e) => e.tag)
      .filter((t) => SEED_TAG.test(t))
      .at(-1);
    expect(seedTag).toBeDefined();
    const fresh = createClient({ url: ':memory:' });
    try {
      await fresh.execute('PRAGMA foreign_keys = ON');
      for (const tag of schemaTags) await fresh.executeMultiple(await migrationScript(`${tag}.sql`));
      const seed = await migrationScript(`${seedTag}.sql`);
      await fresh.executeMultiple(seed);
      const once = await tableCounts(fresh);
      await fresh.executeMultiple(seed);
      expect(await tableCounts(fresh)).toEqual(once);
      expect(once).toEqual(await tableCounts(client));
      expect((await fresh.execute('PRAGMA foreign_key_check')).rows).toHaveLength(0);
    } finally {
      fresh.close();
    }
  });
});

describe('sources', () => {
  it('every factor row references an existing source', async () => {
    const refs: [string, string][] = [
      ['providers', 'default_pue_source_id'],
      ['providers', 'default_wue_source_id'],
      ['providers', 'lifespan_source_id'],
      ['regions', 'source_id'],
      ['cpu_profiles', 'source_id'],
      ['cpu_profiles', 'memory_source_id'],
      ['cpu_profiles', 'tdp_source_id'],
      ['instance_types', 'source_id'],
      ['instance_types', 'host_chips_source_id'],
      ['storage_services', 'source_id'],
      ['database_plans', 'source_id'],
      ['instance_types', 'gpu_source_id'],
      ['gpu_models', 'max_source_id'],
      ['gpu_models', 'idle_source_id'],
      ['gpu_models', 'embodied_source_id'],
      ['llm_providers', 'source_id'],
      ['llm_models', 'source_id'],
      ['grid_intensities', 'source_id'],
      ['electricity_water', 'source_id'],
      ['global_factors', 'source_id'],
    ];
    for (const [table, column] of refs) {
      const missing = await rows(
        `SELECT t.${column} AS source FROM ${table} t LEFT JOIN sources s ON s.id = t.${column}
         WHERE t.${column} IS NOT NULL AND s.id IS NULL`,
      );
      expect(missing, `${table}.${column}`).toEqual([]);
    }
    const orphans = await rows(
      `SELECT id FROM sources WHERE id NOT IN (
         SELECT source_id FROM regions UNION SELECT source_id FROM cpu_profiles
         UNION SELECT memory_source_id FROM cpu_profiles WHERE memory_source_id IS NOT NULL
         UNION SELECT tdp_source_id FROM cpu_profiles WHERE tdp_source_id IS NOT NULL
         UNION SELECT source_id FROM instance_types UNION SELECT source_id FROM grid_intensities
         UNION SELECT source_id FROM storage_services UNION SELECT source_id FROM database_plans
         UNION SELECT gpu_source_id FROM instance_types WHERE gpu_source_id IS NOT NULL
         UNION SELECT max_source_id FROM gpu_models UNION SELECT idle_source_id FROM gpu_models
         UNION SELECT embodied_source_id FROM gpu_models UNION SELECT source_id FROM llm_models
         UNION SELECT source_id FROM electricity_water UNION SELECT source_id FROM global_factors
         UNION SELECT lifespan_source_id FROM providers
         UNION SELECT default_wue_source_id FROM providers WHERE default_wue_source_id IS NOT NULL
         UNION SELECT default_pue_source_id FROM providers WHERE default_pue_source_id IS NOT NULL)`,
    );
    // Sources cited by the website models and cleaner_than, or by the methodology's power basis
    // (what SPECpower measures, the Teads curve, Ampere's measured socket power), not by any factor row.
    expect(orphans.map((r) => r.id).sort()).toEqual([
      'ampere-power-measurement',
      'co2js',
      'http-archive-web-almanac-2024',
      'onebyte',
      'sci-specification',
      'specpower-ssj2008-rules',
      'swd-v3',
      'swd-v4',
      'teads-ec2-dataset',
    ]);
  });

  it('every source has a title, a publisher and an https URL', async () => {
    const all = await rows('SELECT id, title, publisher, url, year FROM sources');
    expect(all.length).toBeGreaterThanOrEqual(20);
    for (const s of all) {
      expect(String(s.title ?? '').trim(), String(s.id)).not.toBe('');
      expect(String(s.publisher ?? '').trim(), String(s.id)).not.toBe('');
      expect(new URL(String(s.url)).protocol, String(s.id)).toBe('https:');
      if (s.year !== null) expect(Number(s.year)).toBeGreaterThanOrEqual(2015);
    }
  });

  it('lists the sources the methodology cites, with the CO2.js version and data year', async () => {
    const ids = (await rows('SELECT id FROM sources')).map((r) => r.id);
    for (const id of [
      'scaleway-footprint-reference-2025',
      'gsf-real-time-cloud-2026',
      'ccf-coefficients',
      'ccf-teads-embodied',
      'boavizta-api-data',
      'ember-via-co2js',
      'wri-electricity-water',
      'heroku-dyno-types',
      'heroku-regions',
      'ovhcloud-fleet-averages',
      'clever-cloud-zones',
      'uptime-institute-2024',
      'aws-sustainability-2024',
      'ampere-datasheets',
      'ampere-power-measurement',
      'teads-ec2-dataset',
      'servethehome-cobalt-100',
      'phoronix-axion-c4a',
      'sci-specification',
      'boavizta-server-model',
      'specpower-ssj2008-rules',
    ]) {
      expect(ids).toContain(id);
    }
    expect(await rows("SELECT year, version FROM sources WHERE id = 'ember-via-co2js'")).toEqual([
      { year: 2024, version: '0.19.0' },
    ]);
  });
});

describe('plausible bounds', () => {
  const offenders = async (sql: string) => expect(await rows(sql), sql).toEqual([]);

  it('PUE is between 1 and 3', async () => {
    await offenders(
      'SELECT provider_id, id, pue FROM regions WHERE pue IS NOT NULL AND (pue < 1 OR pue > 3)',
    );
    await offenders(
      'SELECT id, default_pue FROM providers WHERE default_pue IS NOT NULL AND (default_pue < 1 OR default_pue > 3)',
    );
    await offenders(
      "SELECT name, value FROM global_factors WHERE name = 'pue_industry_average' AND (value < 1 OR value > 3)",
    );
    expect(await scalar('SELECT count(*) FROM regions WHERE pue IS NOT NULL')).toBeGreaterThan(50);
  });

  it('grid intensity is between 0 and 1,500 g/kWh', async () => {
    await offenders(
      `SELECT provider_id, id FROM regions WHERE (grid_g_per_kwh IS NOT NULL AND (grid_g_per_kwh < 0 OR grid_g_per_kwh > 1500))
       OR (ccf_grid_g_per_kwh IS NOT NULL AND (ccf_grid_g_per_kwh < 0 OR ccf_grid_g_per_kwh > 1500))`,
    );
    await offenders('SELECT zone, g_per_kwh FROM grid_intensities WHERE g_per_kwh < 0 OR g_per_kwh > 1500');
  });

  it('WUE is between 0 and 10 L/kWh and EWIF between 0 and 50 L/kWh', async () => {
    await offenders('SELECT provider_id, id FROM regions WHERE wue_l_per_kwh < 0 OR wue_l_per_kwh > 10');
    await offenders('SELECT id FROM providers WHERE default_wue_l_per_kwh < 0 OR default_wue_l_per_kwh > 10');
    await offenders('SELECT zone, l_per_kwh FROM electricity_water WHERE l_per_kwh < 0 OR l_per_kwh > 50');
  });

  it('instance shapes are consistent: vCPUs ≥ 1, host vCPUs ≥ vCPUs, memory ≥ 0, host embodied 100–20,000 kg', async () => {
    await offenders(
      `SELECT provider_id, id, vcpus, host_vcpus, memory_gb FROM instance_types
       WHERE vcpus < 1 OR host_vcpus < vcpus OR memory_gb < 0`,
    );
    // CCF's Azure "SAP HANA on Azure Large Instances" hosts (896 vCPUs, up to 36 TB of memory)
    // carry 17,770.6 and 52,254.5 kg: the one family allowed above 20,000 kg.
    await offenders(
      `SELECT provider_id, id, family, host_embodied_kg FROM instance_types
       WHERE host_embodied_kg < 100 OR (host_embodied_kg > 20000 AND NOT (provider_id = 'azure'
         AND family = 'SAP HANA on Azure Large Instances' AND host_embodied_kg <= 60000))`,
    );
    await offenders(
      'SELECT provider_id, id FROM instance_types WHERE host_embodied_kg * 1.0 / host_vcpus NOT BETWEEN 1 AND 2000',
    );
  });

  it('CPU power per vCPU is plausible and on one basis (methodology 3)', async () => {
    // Every row is SPECpower: min/max watts per vCPU, a memory reference, statuses and sources.
    await offenders("SELECT family FROM cpu_profiles WHERE method <> 'specpower'");
    await offenders(
      `SELECT family FROM cpu_profiles WHERE
         min_w_per_vcpu IS NULL OR max_w_per_vcpu IS NULL OR min_w_per_vcpu < 0
         OR max_w_per_vcpu < min_w_per_vcpu OR max_w_per_vcpu > 20
         OR memory_gb_per_chip IS NULL OR memory_gb_per_chip NOT BETWEEN 5 AND 200
         OR status NOT IN ('published', 'proxy', 'derived', 'estimated')
         OR memory_status NOT IN ('published', 'proxy') OR memory_source_id IS NULL`,
    );
    // A TDP, when given, comes with its threads and source (the other basis of the range).
    await offenders(
      `SELECT family FROM cpu_profiles WHERE (tdp_w IS NULL) <> (threads IS NULL) OR (tdp_w IS NULL) <> (tdp_source_id IS NULL)
         OR threads < 1 OR tdp_w <= 0 OR tdp_w * 1.0 / threads > 20`,
    );
    // Derived and estimated rows rest on a TDP: without one nothing could have been derived.
    await offenders(
      "SELECT family FROM cpu_profiles WHERE status IN ('derived', 'estimated') AND tdp_w IS NULL",
    );
    // Only the three unknown-CPU averages have no TDP cross-check.
    expect(
      (await rows('SELECT family FROM cpu_profiles WHERE tdp_w IS NULL ORDER BY family')).map(
        (r) => r.family,
      ),
    ).toEqual(['AWS average (unknown CPU)', 'Azure average (unknown CPU)', 'GCP median (unknown CPU)']);
  });

  it('lifespans are positive and years plausible', async () => {
    await offenders('SELECT id FROM providers WHERE lifespan_hours <= 0');
    await offenders(
      `SELECT provider_id, id FROM regions WHERE pue_year NOT BETWEEN 2015 AND 2030
       OR wue_year NOT BETWEEN 2015 AND 2030 OR grid_year NOT BETWEEN 2015 AND 2030`,
    );
  });

  it('statuses and architectures use the fixed vocabularies', async () => {
    const list = STATUSES.map((s) => `'${s}'`).join(', ');
    await offenders(
      `SELECT provider_id, id FROM regions WHERE pue_status NOT IN (${list}) OR wue_status NOT IN (${list})
       OR grid_status NOT IN (${list})
       OR (pue IS NULL) <> (pue_status IS NULL) OR (wue_l_per_kwh IS NULL) <> (wue_status IS NULL)
       OR (grid_g_per_kwh IS NULL) <> (grid_status IS NULL)`,
    );
    await offenders(
      `SELECT provider_id, id FROM instance_types WHERE embodied_status NOT IN (${list})
       OR vcpus_status NOT IN (${list}) OR cpu_architecture NOT IN ('x86_64', 'arm64')`,
    );
    await offenders("SELECT family FROM cpu_profiles WHERE architecture NOT IN ('x86_64', 'arm64')");
  });
});

describe('coverage', () => {
  const countBy = async (table: string) =>
    Object.fromEntries(
      (await rows(`SELECT provider_id AS p, count(*) AS n FROM ${table} GROUP BY provider_id`)).map((r) => [
        r.p,
        r.n,
      ]),
    );

  it('seeds the eight providers', async () => {
    expect((await rows('SELECT id FROM providers ORDER BY id')).map((r) => r.id)).toEqual([
      'aws',
      'azure',
      'clever-cloud',
      'gcp',
      'heroku',
      'hetzner',
      'ovhcloud',
      'scaleway',
    ]);
  });

  it('seeds every region of every file', async () => {
    const n = await countBy('regions');
    expect(n.scaleway).toBe(9);
    expect(Number(n.aws) + Number(n.gcp) + Number(n.azure)).toBe(134);
    expect(n.ovhcloud).toBe(10); // 8 + sgp and syd, which Clever Cloud zones run on (issue 21)
    expect(n['clever-cloud']).toBe(12); // + parhds, rbxhds, grahds, sgp, syd, ldn (gra kept)
    expect(n.hetzner).toBe(6);
    expect(n.heroku).toBe(2);
  });

  it('seeds every instance type of every file', async () => {
    expect(await countBy('instance_types')).toEqual({
      scaleway: 56 + 15, // + gpu-instances.csv rows the other files lack (issue 22)
      aws: 505 + 93 + 31, // CCF + arm-instances.csv + gpu-instances.csv
      azure: 453 + 44 + 9,
      gcp: 128 + 48 + 19,
      heroku: 9,
      // provider-instances.csv (issue 21)
      hetzner: 17,
      ovhcloud: 41 + 3,
      'clever-cloud': 9,
    });
  });

  it('seeds GPU models, LLM providers and models, and the GPUs of 156 instance types', async () => {
    expect(await scalar('SELECT count(*) FROM gpu_models')).toBe(30);
    expect(await scalar('SELECT count(*) FROM instance_types WHERE gpu_model IS NOT NULL')).toBe(156);
    await expect(
      rows(
        'SELECT gpu_model FROM instance_types WHERE gpu_model IS NOT NULL AND gpu_model NOT IN (SELECT model FROM gpu_models)',
      ),
    ).resolves.toEqual([]);
    expect(await scalar('SELECT count(*) FROM llm_providers')).toBe(6);
    expect(await scalar('SELECT count(*) FROM llm_models')).toBe(74);
    // A GPU's idle power is below its full-load power, its embodied figure a board's (50–600 kg).
    await expect(
      rows(
        'SELECT model FROM gpu_models WHERE idle_w <= 0 OR idle_w >= max_w OR embodied_kg NOT BETWEEN 50 AND 600',
      ),
    ).resolves.toEqual([]);
  });

  it('seeds every storage service and database plan of its file', async () => {
    expect(await countBy('storage_services')).toEqual({
      aws: 23,
      gcp: 11,
      azure: 9,
      scaleway: 7,
      ovhcloud: 2,
      hetzner: 2,
      'clever-cloud': 1,
    });
    // AWS: 13 RDS family rows (db.m5.* …), expanded by the catalog into one plan per EC2 type.
    expect(await countBy('database_plans')).toEqual({
      aws: 13,
      azure: 54,
      gcp: 4,
      heroku: 17,
      scaleway: 16,
      'clever-cloud': 30,
    });
  });

  it('seeds the ISO country table and the grid zones of CO2.js', async () => {
    expect(Number(await scalar('SELECT count(*) FROM countries'))).toBeGreaterThanOrEqual(249);
    expect(await rows("SELECT alpha2, alpha3, name FROM countries WHERE alpha2 = 'FR'")).toEqual([
      { alpha2: 'FR', alpha3: 'FRA', name: 'France' },
    ]);
    expect(
      Number(await scalar("SELECT count(*) FROM grid_intensities WHERE zone <> 'WORLD'")),
    ).toBeGreaterThanOrEqual(150);
    expect(await scalar("SELECT g_per_kwh FROM grid_intensities WHERE zone = 'WORLD'")).toBe(
      averageIntensity.data.WORLD,
    );
    await expect(
      rows("SELECT zone FROM grid_intensities WHERE zone IN ('EU', 'EUROPE', 'G20', 'ASIA')"),
    ).resolves.toEqual([]);
    await expect(
      rows(
        "SELECT zone FROM grid_intensities WHERE zone <> 'WORLD' AND zone NOT IN (SELECT alpha3 FROM countries)",
      ),
    ).resolves.toEqual([]);
  });

  it('the FR grid value equals CO2.js averageIntensity.FRA exactly', async () => {
    const fra = averageIntensity.data.FRA;
    expect(typeof fra).toBe('number');
    expect(await rows("SELECT g_per_kwh, year, source_id FROM grid_intensities WHERE zone = 'FRA'")).toEqual([
      { g_per_kwh: fra, year: 2024, source_id: 'ember-via-co2js' },
    ]);
  });

  it('every electricity-water zone is an ISO alpha-3 country', async () => {
    await expect(
      rows('SELECT zone FROM electricity_water WHERE zone NOT IN (SELECT alpha3 FROM countries)'),
    ).resolves.toEqual([]);
    expect(Number(await scalar('SELECT count(*) FROM electricity_water'))).toBe(49);
  });
});

describe('references', () => {
  it('runs_on references resolve to a region that has its own factors', async () => {
    const runsOn = await rows(
      `SELECT r.provider_id, r.id, r.runs_on_provider, r.runs_on_region, h.id AS host, h.runs_on_provider AS host_runs_on
       FROM regions r LEFT JOIN regions h ON h.provider_id = r.runs_on_provider AND h.id = r.runs_on_region
       WHERE r.runs_on_provider IS NOT NULL OR r.runs_on_region IS NOT NULL`,
    );
    expect(runsOn.length).toBe(11); // Heroku us, eu; Clever Cloud scw, rbx, rbxhds, gra, grahds, mtl, wsw, sgp, syd
    for (const r of runsOn) {
      expect(r.host, `${r.provider_id}/${r.id}`).not.toBeNull();
      expect(r.host_runs_on, `${r.provider_id}/${r.id}`).toBeNull();
    }
    const hosts = Object.fromEntries(
      runsOn.map((r) => [`${r.provider_id}/${r.id}`, `${r.runs_on_provider}/${r.runs_on_region}`]),
    );
    expect(hosts['heroku/us']).toBe('aws/us-east-1');
    expect(hosts['heroku/eu']).toBe('aws/eu-west-1');
    expect(hosts['clever-cloud/scw']).toBe('scaleway/fr-par-2');
    await expect(
      rows(
        `SELECT provider_id, id FROM regions WHERE runs_on_provider IS NOT NULL AND (pue IS NOT NULL
         OR wue_l_per_kwh IS NOT NULL OR grid_g_per_kwh IS NOT NULL)`,
      ),
    ).resolves.toEqual([]);
  });

  it('every region country is an ISO alpha-2 code', async () => {
    await expect(
      rows(
        'SELECT provider_id, id, country FROM regions WHERE country NOT IN (SELECT alpha2 FROM countries)',
      ),
    ).resolves.toEqual([]);
  });

  it('every CPU family named by an instance type or a provider is a cpu_profiles row', async () => {
    const families = new Set((await rows('SELECT family FROM cpu_profiles')).map((r) => String(r.family)));
    const instances = await rows(
      'SELECT provider_id, id, cpu_families, cpu_architecture FROM instance_types',
    );
    let named = 0;
    for (const i of instances) {
      if (i.cpu_families === null) continue;
      for (const f of String(i.cpu_families).split(';')) {
        named++;
        expect(families.has(f), `${i.provider_id}/${i.id}: ${f}`).toBe(true);
      }
    }
    expect(named).toBeGreaterThan(1000);
    for (const p of await rows('SELECT id, cpu_profile_x86, cpu_profile_arm64 FROM providers')) {
      expect(families.has(String(p.cpu_profile_x86)), String(p.id)).toBe(true);
      expect(families.has(String(p.cpu_profile_arm64)), String(p.id)).toBe(true);
    }
  });

  it('arm64 instance types run on arm64 CPU profiles only', async () => {
    await expect(
      rows(
        `SELECT i.provider_id, i.id FROM instance_types i JOIN cpu_profiles c
           ON instr(';' || i.cpu_families || ';', ';' || c.family || ';') > 0
         WHERE c.architecture <> i.cpu_architecture`,
      ),
    ).resolves.toEqual([]);
    expect(
      Number(
        await scalar(
          "SELECT count(*) FROM instance_types WHERE provider_id = 'aws' AND cpu_architecture = 'arm64'",
        ),
      ),
    ).toBeGreaterThan(50);
  });
});

describe('key values', () => {
  it('m5.large sits on the AWS m5 host: 1,610.3792 kg over 96 vCPUs, 384 GB on 1 chip', async () => {
    expect(
      await rows(
        `SELECT host_embodied_kg, host_vcpus, host_memory_gb, host_chips, vcpus, cpu_families
         FROM instance_types WHERE provider_id = 'aws' AND id = 'm5.large'`,
      ),
    ).toEqual([
      {
        host_embodied_kg: 1610.3792,
        host_vcpus: 96,
        host_memory_gb: 384,
        host_chips: 1,
        vcpus: 2,
        cpu_families: 'Skylake',
      },
    ]);
  });

  it('hosts are the largest type of the family; m5zn and z1d count 2 chips (CCF)', async () => {
    expect(
      await rows(
        `SELECT id, host_vcpus, host_memory_gb, host_chips FROM instance_types
         WHERE provider_id = 'aws' AND id IN ('z1d.large', 'm5zn.large', 'm6g.large', 't3.micro', 'c5.large') ORDER BY id`,
      ),
    ).toEqual([
      { id: 'c5.large', host_vcpus: 96, host_memory_gb: 192, host_chips: 1 },
      { id: 'm5zn.large', host_vcpus: 48, host_memory_gb: 192, host_chips: 2 },
      { id: 'm6g.large', host_vcpus: 64, host_memory_gb: 256, host_chips: 1 },
      { id: 't3.micro', host_vcpus: 8, host_memory_gb: 32, host_chips: 1 },
      { id: 'z1d.large', host_vcpus: 48, host_memory_gb: 384, host_chips: 2 },
    ]);
    // CCF's memory reference per chip (MEMORY_BY_COMPUTE_PROCESSOR / MEMORY_AVG), by profile.
    expect(
      await rows(
        `SELECT family, memory_gb_per_chip FROM cpu_profiles
         WHERE family IN ('Skylake', 'Cascade Lake', 'AWS Graviton2', 'AWS average (unknown CPU)',
           'Azure average (unknown CPU)', 'AMD EPYC 3rd Gen') ORDER BY family`,
      ),
    ).toEqual([
      { family: 'AMD EPYC 3rd Gen', memory_gb_per_chip: 128 },
      { family: 'AWS Graviton2', memory_gb_per_chip: 129.78 },
      { family: 'AWS average (unknown CPU)', memory_gb_per_chip: 80.69 },
      { family: 'Azure average (unknown CPU)', memory_gb_per_chip: 80.47 },
      { family: 'Cascade Lake', memory_gb_per_chip: 98.12 },
      { family: 'Skylake', memory_gb_per_chip: 81.32 },
    ]);
  });

  it('Heroku dynos use the m5 host, no published CPU (the provider default applies) and estimated vCPUs', async () => {
    await expect(
      rows(
        `SELECT id FROM instance_types WHERE provider_id = 'heroku' AND NOT (host_embodied_kg = 1610.3792 AND host_vcpus = 96
         AND host_memory_gb = 384 AND host_chips = 1 AND cpu_families IS NULL AND vcpus_status = 'estimated'
         AND embodied_status = 'proxy')`,
      ),
    ).resolves.toEqual([]);
    expect(await scalar("SELECT cpu_profile_x86 FROM providers WHERE id = 'heroku'")).toBe(
      'AWS average (unknown CPU)',
    );
  });

  it('provider defaults follow the methodology', async () => {
    expect(
      await rows(
        `SELECT id, default_pue, default_wue_l_per_kwh, default_wue_year, cpu_profile_x86, cpu_profile_arm64, lifespan_hours
         FROM providers WHERE id IN ('aws', 'gcp', 'azure', 'scaleway') ORDER BY id`,
      ),
    ).toEqual([
      {
        id: 'aws',
        default_pue: 1.15,
        default_wue_l_per_kwh: 0.18,
        default_wue_year: 2023,
        cpu_profile_x86: 'AWS average (unknown CPU)',
        cpu_profile_arm64: 'AWS Graviton2',
        lifespan_hours: 35040,
      },
      {
        id: 'azure',
        default_pue: 1.185,
        default_wue_l_per_kwh: null,
        default_wue_year: null,
        cpu_profile_x86: 'Azure average (unknown CPU)',
        cpu_profile_arm64: 'AWS Graviton2',
        lifespan_hours: 35040,
      },
      {
        id: 'gcp',
        default_pue: 1.1,
        default_wue_l_per_kwh: null,
        default_wue_year: null,
        cpu_profile_x86: 'GCP median (unknown CPU)',
        cpu_profile_arm64: 'AWS Graviton2',
        lifespan_hours: 35040,
      },
      {
        id: 'scaleway',
        default_pue: null,
        default_wue_l_per_kwh: null,
        default_wue_year: null,
        cpu_profile_x86: 'AMD EPYC 7543',
        cpu_profile_arm64: 'Ampere Altra Max M128-30',
        lifespan_hours: 52560,
      },
    ]);
    expect(
      await rows('SELECT name, value, low, high, unit, source_id FROM global_factors ORDER BY name'),
    ).toEqual([
      {
        name: 'memory_power',
        value: 0.000392,
        low: 0.000284,
        high: 0.0004704,
        unit: 'kWh/GB-h',
        source_id: 'ccf-coefficients',
      },
      // Cloud Carbon Footprint's networking and storage coefficients (issue 21): no published range.
      {
        name: 'network_energy',
        value: 0.001,
        low: null,
        high: null,
        unit: 'kWh/GB',
        source_id: 'ccf-coefficients',
      },
      {
        name: 'pue_industry_average',
        value: 1.56,
        low: null,
        high: null,
        unit: 'ratio',
        source_id: 'uptime-institute-2024',
      },
      {
        name: 'rest_of_server_ratio',
        value: 0.33,
        low: 0.2,
        high: 0.6,
        unit: 'ratio',
        source_id: 'boavizta-server-model',
      },
      {
        name: 'storage_power_hdd',
        value: 0.00065,
        low: null,
        high: null,
        unit: 'kWh/TB-h',
        source_id: 'ccf-coefficients',
      },
      {
        name: 'storage_power_ssd',
        value: 0.0012,
        low: null,
        high: null,
        unit: 'kWh/TB-h',
        source_id: 'ccf-coefficients',
      },
    ]);
  });

  it('fleet-wide AWS WUE rows are defaults and GSF proxies are proxies', async () => {
    expect(
      await scalar("SELECT wue_status FROM regions WHERE provider_id = 'aws' AND id = 'eu-west-3'"),
    ).toBe('default');
    expect(
      await scalar("SELECT wue_status FROM regions WHERE provider_id = 'aws' AND id = 'eu-west-1'"),
    ).toBe('published');
    expect(
      await scalar("SELECT grid_status FROM regions WHERE provider_id = 'gcp' AND id = 'me-central1'"),
    ).toBe('proxy');
    expect(
      await rows(
        "SELECT grid_g_per_kwh, pue, wue_l_per_kwh FROM regions WHERE provider_id = 'scaleway' AND id = 'nl-ams-2'",
      ),
    ).toEqual([{ grid_g_per_kwh: 253, pue: 1.4, wue_l_per_kwh: null }]);
  });
});

describe('current ARM instances (arm-instances.csv)', () => {
  const FAMILY_CPU: Record<string, string> = {
    'aws/m7g': 'AWS Graviton3',
    'aws/m7gd': 'AWS Graviton3',
    'aws/c7g': 'AWS Graviton3',
    'aws/c7gd': 'AWS Graviton3',
    'aws/c7gn': 'AWS Graviton3',
    'aws/r7g': 'AWS Graviton3',
    'aws/r7gd': 'AWS Graviton3',
    'aws/m8g': 'AWS Graviton4',
    'aws/c8g': 'AWS Graviton4',
    'aws/r8g': 'AWS Graviton4',
    'gcp/t2a-standard': 'Ampere Altra Q80-30',
    'gcp/c4a-standard': 'Google Axion',
    'gcp/c4a-highcpu': 'Google Axion',
    'gcp/c4a-highmem': 'Google Axion',
    'gcp/c4a-standard-lssd': 'Google Axion',
    'gcp/c4a-highmem-lssd': 'Google Axion',
    'azure/Dpsv5-series': 'Ampere Altra Q80-30',
    'azure/Dplsv5-series': 'Ampere Altra Q80-30',
    'azure/Epsv5-series': 'Ampere Altra Q80-30',
    'azure/Dpsv6-series': 'Microsoft Cobalt 100',
    'azure/Dplsv6-series': 'Microsoft Cobalt 100',
    'azure/Epsv6-series': 'Microsoft Cobalt 100',
  };
  const families = Object.keys(FAMILY_CPU);
  const armRows = () =>
    rows(
      `SELECT provider_id, id, family, vcpus, memory_gb, cpu_families, cpu_architecture, host_vcpus,
              host_memory_gb, host_chips, host_embodied_kg, embodied_status, source_id, embodied_source_id
         FROM instance_types WHERE provider_id || '/' || family IN (${families.map(() => '?').join(', ')})`,
      families,
    );

  it('every type of the new families is arm64 on its CPU family, with a proxy host from CCF/Teads', async () => {
    const all = await armRows();
    expect(all).toHaveLength(93 + 44 + 48);
    for (const r of all) {
      const where = `${r.provider_id}/${r.id}`;
      expect(r.cpu_architecture, where).toBe('arm64');
      expect(r.cpu_families, where).toBe(FAMILY_CPU[`${r.provider_id}/${r.family}`]);
      expect(r.embodied_status, where).toBe('proxy');
      expect(r.embodied_source_id, where).toBe('ccf-teads-embodied');
      expect(r.source_id, where).not.toBe('ccf-teads-embodied');
      expect(Number(r.host_vcpus), where).toBeGreaterThanOrEqual(Number(r.vcpus));
      expect(Number(r.host_memory_gb), where).toBeGreaterThanOrEqual(Number(r.memory_gb));
      expect(r.host_chips, where).toBe(Math.ceil(Number(r.host_vcpus) / 96));
    }
    // Every family is present (none silently dropped).
    expect(new Set(all.map((r) => `${r.provider_id}/${r.family}`))).toEqual(new Set(families));
  });

  it("sizes match the providers' pages (literal values)", async () => {
    const shape = async (provider: string, id: string) =>
      rows(
        'SELECT vcpus, memory_gb, cpu_families, host_vcpus, host_chips, source_id FROM instance_types WHERE provider_id = ? AND id = ?',
        [provider, id],
      );
    // AWS Instance Types Guide (general purpose / memory optimized).
    expect(await shape('aws', 'm7g.large')).toEqual([
      {
        vcpus: 2,
        memory_gb: 8,
        cpu_families: 'AWS Graviton3',
        host_vcpus: 64,
        host_chips: 1,
        source_id: 'aws-ec2-general-purpose-specs',
      },
    ]);
    expect(await shape('aws', 'm8g.large')).toEqual([
      {
        vcpus: 2,
        memory_gb: 8,
        cpu_families: 'AWS Graviton4',
        host_vcpus: 192, // m8g.48xlarge / metal-48xl: two Graviton4 sockets
        host_chips: 2,
        source_id: 'aws-ec2-general-purpose-specs',
      },
    ]);
    expect((await shape('aws', 'r7g.metal'))[0]).toMatchObject({ vcpus: 64, memory_gb: 512 });
    expect((await shape('aws', 'c8g.metal-24xl'))[0]).toMatchObject({ vcpus: 96, memory_gb: 192 });
    // GCP general-purpose machine family page.
    expect(await shape('gcp', 't2a-standard-2')).toEqual([
      {
        vcpus: 2,
        memory_gb: 8,
        cpu_families: 'Ampere Altra Q80-30',
        host_vcpus: 48,
        host_chips: 1,
        source_id: 'gcp-general-purpose-machines',
      },
    ]);
    expect(await shape('gcp', 'c4a-standard-4')).toEqual([
      {
        vcpus: 4,
        memory_gb: 16,
        cpu_families: 'Google Axion',
        host_vcpus: 72,
        host_chips: 1,
        source_id: 'gcp-general-purpose-machines',
      },
    ]);
    expect((await shape('gcp', 'c4a-highmem-72'))[0]).toMatchObject({ vcpus: 72, memory_gb: 576 });
    // Azure size series pages (listed as `D2ps v5`, looked up as Standard_D2ps_v5).
    expect(await shape('azure', 'D2ps v5')).toEqual([
      {
        vcpus: 2,
        memory_gb: 8,
        cpu_families: 'Ampere Altra Q80-30',
        host_vcpus: 64,
        host_chips: 1,
        source_id: 'azure-dpsv5-series',
      },
    ]);
    expect((await shape('azure', 'D64ps v5'))[0]).toMatchObject({ vcpus: 64, memory_gb: 208 });
    expect((await shape('azure', 'E32ps v5'))[0]).toMatchObject({ vcpus: 32, memory_gb: 208 });
    expect((await shape('azure', 'D2pls v6'))[0]).toMatchObject({ vcpus: 2, memory_gb: 4 });
    expect((await shape('azure', 'E96ps v6'))[0]).toMatchObject({
      vcpus: 96,
      memory_gb: 672,
      cpu_families: 'Microsoft Cobalt 100',
      source_id: 'azure-epsv6-series',
    });
  });

  it('host embodied values are the Graviton2 hosts of the same memory ratio', async () => {
    const embodied = async (provider: string, id: string) =>
      Number(
        await scalar('SELECT host_embodied_kg FROM instance_types WHERE provider_id = ? AND id = ?', [
          provider,
          id,
        ]),
      );
    const m6g = await embodied('aws', 'm6g.large');
    const c6g = await embodied('aws', 'c6g.large');
    const r6g = await embodied('aws', 'r6g.large');
    for (const [p, id] of [
      ['aws', 'm7g.large'],
      ['aws', 'm8g.large'],
      ['gcp', 't2a-standard-2'],
      ['gcp', 'c4a-standard-4'],
      ['azure', 'D2ps v5'],
      ['azure', 'D2ps v6'],
    ])
      expect(await embodied(p as string, id as string), id).toBe(m6g);
    for (const [p, id] of [
      ['aws', 'c7g.large'],
      ['gcp', 'c4a-highcpu-4'],
      ['azure', 'D2pls v5'],
    ])
      expect(await embodied(p as string, id as string), id).toBe(c6g);
    for (const [p, id] of [
      ['aws', 'r8g.large'],
      ['gcp', 'c4a-highmem-4'],
      ['azure', 'E2ps v6'],
    ])
      expect(await embodied(p as string, id as string), id).toBe(r6g);
  });
});
