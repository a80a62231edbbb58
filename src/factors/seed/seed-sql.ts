import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import {
  countries,
  cpuProfiles,
  databasePlans,
  electricityWater,
  globalFactors,
  gpuModels,
  gridIntensities,
  instanceTypes,
  llmModels,
  llmProviders,
  meta,
  providers,
  regions,
  sources,
  storageServices,
} from '../schema.js';
import { buildSeedRows, type MetaRow, SEED_CSV_FILES, type SeedInputs, type SeedRows } from './build-seed.js';

/** Separator the drizzle migrator splits on; a plain SQL comment for D1. */
export const STATEMENT_BREAKPOINT = '--> statement-breakpoint';
/** Rows per INSERT statement. */
export const ROWS_PER_INSERT = 100;
/** D1 rejects longer statements. */
export const MAX_STATEMENT_BYTES = 100_000;

/** Factor tables in insertion order (parents first); deletion runs in reverse. */
const TABLES: { key: keyof SeedRows; table: SQLiteTable }[] = [
  { key: 'sources', table: sources },
  { key: 'countries', table: countries },
  { key: 'providers', table: providers },
  { key: 'regions', table: regions },
  { key: 'cpuProfiles', table: cpuProfiles },
  { key: 'gpuModels', table: gpuModels },
  { key: 'instanceTypes', table: instanceTypes },
  { key: 'storageServices', table: storageServices },
  { key: 'databasePlans', table: databasePlans },
  { key: 'llmProviders', table: llmProviders },
  { key: 'llmModels', table: llmModels },
  { key: 'gridIntensities', table: gridIntensities },
  { key: 'electricityWater', table: electricityWater },
  { key: 'globalFactors', table: globalFactors },
];

/** What the SQL header says about how the file was made. */
export interface SeedSqlHeader {
  command: string;
  inputs: string[];
}

/** A SQL literal: NULL, a number as JS prints it (round-trips exactly), or a quoted string. */
export function sqlLiteral(value: unknown): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} to SQL`);
    return String(value);
  }
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  throw new Error(`cannot write ${typeof value} ${String(value)} to SQL`);
}

const identifier = (name: string) => `\`${name}\``;

function insertStatements(table: SQLiteTable, rows: readonly object[]): string[] {
  const columns = Object.entries(getTableColumns(table));
  const name = getTableName(table);
  const statements: string[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const values = rows.slice(start, start + ROWS_PER_INSERT).map((row) => {
      const record = row as Record<string, unknown>;
      const extra = Object.keys(record).filter((k) => !columns.some(([key]) => key === k));
      if (extra.length) throw new Error(`${name}: unknown field(s) ${extra.join(', ')}`);
      const cells = columns.map(([key]) => {
        if (record[key] === undefined) throw new Error(`${name}: field ${key} is missing`);
        return sqlLiteral(record[key]);
      });
      return `  (${cells.join(', ')})`;
    });
    const head = `INSERT INTO ${identifier(name)} (${columns.map(([, c]) => identifier(c.name)).join(', ')}) VALUES`;
    statements.push(`${head}\n${values.join(',\n')};`);
  }
  return statements;
}

/**
 * The data version: `sha256:` + the first 12 hex digits of the SHA-256 of the seed rows as JSON
 * (tables and rows in seed order). Depends on the content only, never on the clock.
 */
export async function seedDataVersion(rows: SeedRows): Promise<string> {
  const json = JSON.stringify([
    ['methodology', SEED_METHODOLOGY],
    ...TABLES.map(({ key }) => [key, rows[key]]),
  ]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(json));
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `sha256:${hex.slice(0, 12)}`;
}

/**
 * Renders the self-contained seed migration: a header comment, DELETEs of every factor table
 * (children first), then multi-row INSERTs (parents first), statements separated by
 * `--> statement-breakpoint`. Deterministic for the same rows and header.
 */
export function renderSeedSql(rows: SeedRows, dataVersion: string, header: SeedSqlHeader): string {
  const metaRows: MetaRow[] = [
    { key: 'data_version', value: dataVersion },
    { key: 'methodology', value: SEED_METHODOLOGY },
  ];
  const statements = [
    ...[...TABLES].reverse().map(({ table }) => `DELETE FROM ${identifier(getTableName(table))};`),
    ...metaRows.map(
      (m) =>
        `DELETE FROM ${identifier(getTableName(meta))} WHERE ${identifier('key')} = ${sqlLiteral(m.key)};`,
    ),
    ...TABLES.flatMap(({ key, table }) => insertStatements(table, rows[key])),
    ...insertStatements(meta, metaRows),
  ];
  const encoder = new TextEncoder();
  for (const s of statements) {
    const bytes = encoder.encode(s).length;
    if (bytes > MAX_STATEMENT_BYTES)
      throw new Error(`a seed statement is ${bytes} bytes (max ${MAX_STATEMENT_BYTES})`);
  }
  const counts = TABLES.map(({ key, table }) => `${getTableName(table)} ${rows[key].length}`).join(', ');
  const comment = [
    '-- Empreinte factor seed. GENERATED: do not edit by hand.',
    `-- Regenerate with \`${header.command}\`; test/factors/seed.test.ts fails when this file is stale.`,
    '-- Inputs:',
    ...header.inputs.map((input) => `--   ${input}`),
    `-- Rows: ${counts}.`,
    `-- data_version: ${dataVersion}`,
    '-- Self-contained: deletes every factor row, then inserts parents before children.',
  ].join('\n');
  return `${comment}\n${statements.join(`\n${STATEMENT_BREAKPOINT}\n`)}\n`;
}

/**
 * The methodology this seed's factor set is made for (`meta.methodology`): the catalog answers as
 * that version (docs/methodology.md); the v2 factor set (0004_seed_v2) has no such row.
 */
export const SEED_METHODOLOGY = '3';

/** The command that regenerates the seed migration. */
export const SEED_COMMAND = 'npm run db:seed:generate';

/** Builds the rows, the data version and the seed SQL from the inputs. Pure (no I/O). */
export async function generateSeedSql(
  inputs: SeedInputs,
): Promise<{ rows: SeedRows; dataVersion: string; sql: string }> {
  const rows = buildSeedRows(inputs);
  const dataVersion = await seedDataVersion(rows);
  const sql = renderSeedSql(rows, dataVersion, {
    command: SEED_COMMAND,
    inputs: [
      ...SEED_CSV_FILES.map((file) => `src/factors/data/${file}`),
      `@tgwf/co2 ${inputs.co2jsVersion} averageIntensity (Ember yearly averages; ISO alpha-3 countries and WORLD)`,
      `${inputs.countriesPackage} ISO 3166 country table (alpha-2, alpha-3, English names)`,
    ],
  });
  return { rows, dataVersion, sql };
}
