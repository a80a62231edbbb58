import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { readSeedInputs, seedMigrationPath } from '../../scripts/generate-seed.js';
import { buildSeedRows, type SeedInputs } from '../../src/factors/seed/build-seed.js';
import { parseCsv, parseCsvRecords } from '../../src/factors/seed/csv.js';
import { shiftDecimal, tonnesToKg } from '../../src/factors/seed/numbers.js';
import {
  generateSeedSql,
  MAX_STATEMENT_BYTES,
  ROWS_PER_INSERT,
  STATEMENT_BREAKPOINT,
  sqlLiteral,
} from '../../src/factors/seed/seed-sql.js';
import { sourceIdFor } from '../../src/factors/seed/sources.js';

const inputs = await readSeedInputs();
const generated = await generateSeedSql(inputs);

/** A copy of the inputs with one CSV file's text replaced. */
function withCsv(file: keyof SeedInputs['csv'], edit: (text: string) => string): SeedInputs {
  const text = inputs.csv[file];
  const edited = edit(text);
  expect(edited).not.toBe(text);
  return { ...inputs, csv: { ...inputs.csv, [file]: edited } };
}

/** The 1-based number and content of the first line where two texts differ, or null. */
function firstDifference(a: string, b: string): string | null {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i])
      return `line ${i + 1}: expected ${JSON.stringify(x[i])}, file has ${JSON.stringify(y[i])}`;
  }
  return null;
}

describe('seed migration drift', () => {
  it('the seed migration equals the SQL regenerated from src/factors/data byte for byte', async () => {
    const path = await seedMigrationPath();
    expect(path).toMatch(/drizzle\/\d{4}_seed(_[a-z0-9]+)?\.sql$/);
    const current = await readFile(path, 'utf8');
    const diff = firstDifference(generated.sql, current);
    expect(diff, `${path} is stale (run \`npm run db:seed:generate\`): ${diff}`).toBeNull();
  });

  it('a CSV edit changes the generated SQL (so an edit without regeneration fails the drift test)', async () => {
    const edited = withCsv('scaleway-zones.csv', (t) => t.replace('fr-par-2,DC5,', 'fr-par-2,DC5-bis,'));
    const { sql, dataVersion } = await generateSeedSql(edited);
    expect(sql).not.toBe(generated.sql);
    expect(sql).toContain("'DC5-bis'");
    expect(dataVersion).not.toBe(generated.dataVersion);
  });

  it('is deterministic and versions the data by a content hash', async () => {
    const again = await generateSeedSql(await readSeedInputs());
    expect(again.sql).toBe(generated.sql);
    expect(generated.dataVersion).toMatch(/^sha256:[0-9a-f]{12}$/);
    expect(generated.sql).toContain(`-- data_version: ${generated.dataVersion}\n`);
    expect(generated.sql).toContain(`('data_version', '${generated.dataVersion}')`);
  });

  it('keeps every statement under the D1 size limit and every INSERT within the chunk size', () => {
    const statements = generated.sql.split(STATEMENT_BREAKPOINT);
    expect(statements.length).toBeGreaterThan(20);
    for (const s of statements) {
      expect(Buffer.byteLength(s)).toBeLessThan(MAX_STATEMENT_BYTES);
      if (/^\s*INSERT INTO/m.test(s)) {
        const rowLines = s.split('\n').filter((line) => line.startsWith('  ('));
        expect(rowLines.length).toBeGreaterThan(0);
        expect(rowLines.length).toBeLessThanOrEqual(ROWS_PER_INSERT);
      }
    }
  });

  it('deletes children before parents and inserts parents before children', () => {
    const order = (verb: string) =>
      [...generated.sql.matchAll(new RegExp(`^${verb} \`(\\w+)\``, 'gm'))].map((m) => m[1]);
    const deletes = order('DELETE FROM');
    const inserts = [...new Set(order('INSERT INTO'))];
    const precedes = (list: (string | undefined)[], a: string, b: string) =>
      list.indexOf(a) < list.indexOf(b);
    expect(precedes(deletes, 'instance_types', 'providers')).toBe(true);
    expect(precedes(deletes, 'regions', 'providers')).toBe(true);
    expect(precedes(deletes, 'providers', 'sources')).toBe(true);
    expect(precedes(inserts, 'sources', 'providers')).toBe(true);
    expect(precedes(inserts, 'providers', 'regions')).toBe(true);
    expect(precedes(inserts, 'providers', 'instance_types')).toBe(true);
    expect(precedes(deletes, 'database_plans', 'providers')).toBe(true);
    expect(precedes(deletes, 'storage_services', 'sources')).toBe(true);
    expect(precedes(inserts, 'providers', 'storage_services')).toBe(true);
    expect(precedes(inserts, 'instance_types', 'database_plans')).toBe(true);
    expect(precedes(inserts, 'llm_providers', 'llm_models')).toBe(true);
    expect(inserts).toHaveLength(15);
  });
});

describe('parseCsv', () => {
  it('reads quoted fields holding commas, doubled quotes and line breaks', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\nlines"\n,,""\nlast,"",z';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\nlines'],
      ['', '', ''],
      ['last', '', 'z'],
    ]);
  });

  it('reads a real seed row whose source column is quoted', () => {
    const { records } = parseCsvRecords(inputs.csv['cpu-power.csv'], 'cpu-power.csv');
    const altraMax = records.find((r) => r.cpu_family === 'Ampere Altra Max M128-30');
    expect(altraMax?.tdp_source).toMatch(
      /^Ampere Altra Max product brief: 128 cores without SMT, 250 W TDP \(Boavizta cpu_specs\.csv lists 256 threads: a data error\)$/,
    );
    expect(altraMax?.tdp_w).toBe('250');
    expect(altraMax?.memory_source).toBe('CCF AWS MEMORY_AVG (CCF has no Ampere entry)');
  });

  it('rejects malformed CSV', () => {
    expect(() => parseCsv('a,"b\n')).toThrow(/unterminated/);
    expect(() => parseCsv('a,"b"c\n')).toThrow(/after a closing quote/);
    expect(() => parseCsvRecords('a,b\n1,2,3\n', 'x.csv')).toThrow(/x\.csv: record 1 has 3 fields/);
  });
});

describe('source mapping', () => {
  it('maps each file’s source texts to a cited source', () => {
    expect(
      sourceIdFor('cloud-regions.csv', 'GSF Cloud_Region_Metadata 2024; CCF AwsFootprintEstimationConstants'),
    ).toBe('gsf-real-time-cloud-2026');
    expect(sourceIdFor('cloud-regions.csv', 'CCF AzureFootprintEstimationConstants')).toBe(
      'ccf-coefficients',
    );
    expect(sourceIdFor('cpu-power.csv', 'Ampere Altra datasheet TDP')).toBe('ampere-datasheets');
  });

  it('fails loudly on an unknown source text', () => {
    expect(() => sourceIdFor('cloud-regions.csv', 'Some blog post')).toThrow(
      /cloud-regions\.csv: unmapped source text "Some blog post"/,
    );
    expect(() => sourceIdFor('unknown.csv', 'GSF Cloud_Region_Metadata 2024')).toThrow(/No source mapping/);
    const edited = withCsv('heroku-regions.csv', (t) =>
      t.replace('Heroku Platform API /regions (eu', 'A forum post (eu'),
    );
    expect(() => buildSeedRows(edited)).toThrow(/heroku-regions\.csv: unmapped source text "A forum post/);
  });

  it('fails loudly on an instance CPU family that cpu-power.csv does not list', () => {
    const edited = withCsv('aws-ec2-instances.ccf.csv', (t) =>
      t.replace('m5.large,m5,2,8.0,1.6103792,96,Skylake', 'm5.large,m5,2,8.0,1.6103792,96,Skylake X'),
    );
    expect(() => buildSeedRows(edited)).toThrow(
      /aws-ec2-instances\.ccf\.csv line \d+: CPU family "Skylake X"/,
    );
  });
});

describe('exact numbers', () => {
  it('converts tonnes to kilograms by moving the decimal point', () => {
    expect(tonnesToKg('1.6103792')).toBe(1610.3792);
    expect(Number('1.6103792') * 1000).not.toBe(1610.3792);
    expect(tonnesToKg('17.7706')).toBe(17770.6);
    expect(shiftDecimal('0.044', 3)).toBe(44);
    expect(shiftDecimal('0.0001', 3)).toBe(0.1);
    expect(() => tonnesToKg('1,5')).toThrow(/not|cannot/);
  });

  it('writes numbers as JS prints them and escapes quotes in strings', () => {
    expect(sqlLiteral(1610.3792)).toBe('1610.3792');
    expect(sqlLiteral(0.000392)).toBe('0.000392');
    expect(sqlLiteral(null)).toBe('NULL');
    expect(sqlLiteral("Saint-Ouen-l'Aumone")).toBe("'Saint-Ouen-l''Aumone'");
    expect(() => sqlLiteral(Number.NaN)).toThrow();
  });

  it('seeds the m5 host and the Scaleway grid factor exactly', () => {
    const rows = generated.rows;
    const m5 = rows.instanceTypes.find((r) => r.providerId === 'aws' && r.id === 'm5.large');
    expect(m5?.hostEmbodiedKg).toBe(1610.3792);
    const par2 = rows.regions.find((r) => r.providerId === 'scaleway' && r.id === 'fr-par-2');
    expect(par2?.gridGPerKwh).toBe(44);
    expect(generated.sql).toContain(
      "('aws', 'm5.large', 'm5', 2, 'published', 8, 'Skylake', 'x86_64', 96, 384, 1, 'ccf-coefficients', 1610.3792,",
    );
  });
});
