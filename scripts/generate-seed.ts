import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import countries from 'i18n-iso-countries';
import { SEED_CSV_FILES, type SeedCsvFile, type SeedInputs } from '../src/factors/seed/build-seed.js';
import { generateSeedSql } from '../src/factors/seed/seed-sql.js';

const require = createRequire(import.meta.url);

/** The project root (two levels above this file). */
export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));

/** The installed version of a package, read from its package.json. */
async function packageVersion(name: string): Promise<string> {
  let dir = dirname(require.resolve(name));
  for (;;) {
    try {
      const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === name && pkg.version) return pkg.version;
    } catch {
      // no package.json at this level
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the package.json of ${name}`);
    dir = parent;
  }
}

/** Reads the seed inputs: the CSVs of src/factors/data, CO2.js intensities, the ISO country table. */
export async function readSeedInputs(root = PROJECT_ROOT): Promise<SeedInputs> {
  const csvEntries = await Promise.all(
    SEED_CSV_FILES.map(
      async (file) => [file, await readFile(join(root, 'src/factors/data', file), 'utf8')] as const,
    ),
  );
  const { averageIntensity } = require('@tgwf/co2/data') as {
    averageIntensity: { data: Record<string, number> };
  };
  const countryRows = Object.entries(countries.getAlpha2Codes()).map(([alpha2, alpha3]) => {
    const name = countries.getName(alpha2, 'en');
    if (!name) throw new Error(`i18n-iso-countries has no English name for ${alpha2}`);
    return { alpha2, alpha3, name };
  });
  return {
    csv: Object.fromEntries(csvEntries) as Record<SeedCsvFile, string>,
    averageIntensity: averageIntensity.data,
    co2jsVersion: await packageVersion('@tgwf/co2'),
    countries: countryRows,
    countriesPackage: `i18n-iso-countries ${await packageVersion('i18n-iso-countries')}`,
  };
}

/** Tags of seed migrations: `NNNN_seed`, or `NNNN_seed_<suffix>` (`0004_seed_v2`). */
export const SEED_TAG = /_seed(_[a-z0-9]+)?$/;

/** The newest `*_seed*` migration registered in drizzle/meta/_journal.json: the file the seed is written to. */
export async function seedMigrationPath(root = PROJECT_ROOT): Promise<string> {
  const journal = JSON.parse(await readFile(join(root, 'drizzle/meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  const seed = journal.entries.filter((e) => SEED_TAG.test(e.tag)).at(-1);
  if (!seed) {
    throw new Error(
      'no *_seed migration in drizzle/meta/_journal.json: run `npx drizzle-kit generate --custom --name=seed`',
    );
  }
  return join(root, 'drizzle', `${seed.tag}.sql`);
}

async function main(args: string[]): Promise<number> {
  const check = args.includes('--check');
  const { rows, dataVersion, sql } = await generateSeedSql(await readSeedInputs());
  const path = await seedMigrationPath();
  const name = relative(PROJECT_ROOT, path);
  if (check) {
    const current = await readFile(path, 'utf8').catch(() => '');
    if (current !== sql) {
      console.error(`${name} is stale: run \`npm run db:seed:generate\``);
      return 1;
    }
    console.log(`${name} is up to date (${dataVersion})`);
    return 0;
  }
  await writeFile(path, sql);
  const counts = Object.entries(rows)
    .map(([table, list]) => `${table} ${list.length}`)
    .join(', ');
  console.log(`wrote ${name}: ${Buffer.byteLength(sql)} bytes, ${dataVersion}\n${counts}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
