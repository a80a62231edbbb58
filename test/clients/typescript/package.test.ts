import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startNodeServer } from '../../../src/entries/node/server.js';
import { describeRun, run } from '../../helpers/run.js';

// The published shape of @empreinte/client: `npm pack` (which builds it), then the tarball installed
// in an empty project and used by a plain `node` ESM script — no TypeScript, no tsx — against a
// running server. The install reads npm's cache first (openapi-fetch is there after `npm ci`), so
// it works offline here and online on a clean CI machine.

const PACKAGE_DIR = fileURLToPath(new URL('../../../clients/typescript/', import.meta.url));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const dir = mkdtempSync(join(tmpdir(), 'empreinte-client-pack-'));
let server: RunningServer;

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}
let packed: PackResult;

beforeAll(async () => {
  server = await startNodeServer({ port: 0, databaseUrl: `file:${join(dir, 'pack.db')}` });
  const pack = await run(NPM, ['pack', '--json', '--pack-destination', dir], { cwd: PACKAGE_DIR });
  if (pack.code !== 0) throw new Error(`npm pack failed: ${describeRun(pack)}`);
  packed = (JSON.parse(pack.stdout) as PackResult[])[0] as PackResult;
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const SCRIPT = `
import { createEmpreinteClient } from '@empreinte/client';

const empreinte = createEmpreinteClient(process.argv[2]);
const server = await empreinte.estimateServer({
  provider: 'scaleway', region: 'fr-par-2', instance_type: 'COPARM1-4C-16G', duration_hours: 730,
});
const website = await empreinte.GET('/v1/estimates/website', { params: { query: { bytes: 1000000 } } });
const regions = await empreinte.GET('/v1/providers/{provider}/regions', { params: { path: { provider: 'scaleway' } } });
const problem = await empreinte.estimateServer({
  provider: 'scaleway', region: 'fr-par-9', instance_type: 'COPARM1-4C-16G', duration_hours: 730,
});
console.log(JSON.stringify({
  server: { status: server.response.status, co2e_g: server.data.co2e_g, methodology: server.data.methodology },
  website: { co2e_g: website.data.co2e_g, rating: website.data.rating },
  regions: regions.data.data.map((r) => r.id),
  problem: { status: problem.response.status, data: problem.data ?? null, error: problem.error },
}));
`;

describe('the @empreinte/client tarball', () => {
  it('holds the built JavaScript, its .d.ts, the README and the licence, nothing else', () => {
    expect(packed.files.map((f) => f.path).sort()).toEqual([
      'LICENSE',
      'README.md',
      'dist/generated/schema.d.ts',
      'dist/generated/schema.js',
      'dist/index.d.ts',
      'dist/index.js',
      'package.json',
    ]);
    expect(packed.filename).toMatch(/^empreinte-client-\d+\.\d+\.\d+\.tgz$/);
    console.log(
      `@empreinte/client tarball: ${packed.files.length} files, ${packed.size} bytes packed, ${packed.unpackedSize} unpacked`,
    );
  });

  it('installs in an empty project with openapi-fetch as its only dependency, and runs under plain node', async () => {
    const project = join(dir, 'project');
    rmSync(project, { recursive: true, force: true });
    mkdirSync(project);
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'pack-check', version: '0.0.0', private: true, type: 'module' }),
    );
    const install = await run(
      NPM,
      [
        'install',
        join(dir, packed.filename),
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
      ],
      { cwd: project },
    );
    expect(install.code, describeRun(install)).toBe(0);
    // @empreinte/client, openapi-fetch and openapi-fetch's own (types-only) helper package.
    const installed = readdirSync(join(project, 'node_modules'), { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
      .flatMap((e) =>
        e.name.startsWith('@')
          ? readdirSync(join(project, 'node_modules', e.name)).map((n) => `${e.name}/${n}`)
          : [e.name],
      )
      .sort();
    expect(installed).toEqual(['@empreinte/client', 'openapi-fetch', 'openapi-typescript-helpers']);

    writeFileSync(join(project, 'check.mjs'), SCRIPT);
    const node = await run(process.execPath, ['check.mjs', server.url], { cwd: project });
    expect(node.code, describeRun(node)).toBe(0);
    const seen = JSON.parse(node.stdout);
    expect(seen.server.status).toBe(200);
    expect(seen.server.co2e_g).toBeCloseTo(1109.1026840552, 8);
    expect(seen.server.methodology).toEqual({ id: 'empreinte-server', version: '3' });
    expect(seen.website.co2e_g).toBeCloseTo(0.001 * 0.3 * 494, 12);
    expect(seen.website.rating).toBe('C');
    expect(seen.regions).toContain('fr-par-2');
    expect(seen.problem.status).toBe(422);
    expect(seen.problem.data).toBeNull();
    expect(seen.problem.error).toMatchObject({ status: 422, type: '/problems/unknown-reference' });
    expect(seen.problem.error.errors.map((e: { path: string }) => e.path)).toEqual(['region']);
  }, 120_000);
});
