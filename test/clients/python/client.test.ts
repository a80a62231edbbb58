import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startNodeServer } from '../../../src/entries/node/server.js';
import { describeRun, run } from '../../helpers/run.js';

// The Python client as a user gets it: `pip install ./clients/python` into a fresh virtual
// environment (httpx comes from the package index: PyPI, or this machine's local index), then a
// script estimating a server, a website and a batch against a running server. Without Python
// (and its venv module) the test is skipped with a message; in CI (`CI` set) it fails instead:
// .ci/run installs python3-venv.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PYTHON = process.env.PYTHON ?? 'python3';
const inCi = Boolean(process.env.CI);

const probe = await run(PYTHON, ['-c', 'import ensurepip, venv, sys; print(sys.version.split()[0])'], {
  cwd: ROOT,
  timeoutMs: 20_000,
});
const found = probe.code === 0;
if (!found && !inCi)
  console.warn(
    `Skipping the Python client test: no usable ${PYTHON} with venv (${probe.stderr.trim() || `exit ${probe.code}`}). ` +
      'Install it (sudo apt-get install -y python3-venv) or set PYTHON to a Python 3.9+ binary.',
  );
const SKIP = !found && !inCi;

const dir = mkdtempSync(join(tmpdir(), 'empreinte-python-'));
const venvPython = join(dir, 'venv', 'bin', 'python');
let server: RunningServer;
let installMs = 0;

beforeAll(async () => {
  if (SKIP) return;
  if (!found) throw new Error(`CI is set but ${PYTHON} with venv is missing: ${describeRun(probe)}`);
  server = await startNodeServer({ port: 0, databaseUrl: `file:${join(dir, 'python.db')}` });
  const venv = await run(PYTHON, ['-m', 'venv', join(dir, 'venv')], { cwd: dir });
  if (venv.code !== 0) throw new Error(`python -m venv failed: ${describeRun(venv)}`);
  // A copy, so that the build leaves nothing (build/, *.egg-info) in the repository.
  cpSync(join(ROOT, 'clients/python'), join(dir, 'src'), {
    recursive: true,
    filter: (path) => !path.includes('__pycache__'),
  });
  // PIP_RETRIES=1: when the public index is unreachable pip gives up on it quickly and uses the
  // local one (its default retries cost about two minutes).
  const install = await run(venvPython, ['-m', 'pip', 'install', '--quiet', join(dir, 'src')], {
    cwd: dir,
    env: { PIP_RETRIES: '1', PIP_DISABLE_PIP_VERSION_CHECK: '1' },
    timeoutMs: 300_000,
  });
  if (install.code !== 0) throw new Error(`pip install ./clients/python failed: ${describeRun(install)}`);
  installMs = install.ms;
}, 320_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(SKIP)('the Python client, installed with pip in a fresh virtual environment', () => {
  it('installs with httpx as its only dependency', async () => {
    console.log(`pip install ./clients/python into a fresh venv: ${(installMs / 1000).toFixed(1)} s`);
    const freeze = await run(venvPython, ['-m', 'pip', 'freeze', '--all'], { cwd: dir });
    const names = freeze.stdout
      .split('\n')
      .map((l) => l.split(/==| @ /)[0]?.toLowerCase())
      .filter(Boolean);
    expect(names).toContain('empreinte-client');
    expect(names).toContain('httpx');
    const show = await run(venvPython, ['-m', 'pip', 'show', 'empreinte-client'], { cwd: dir });
    expect(show.stdout).toMatch(/^Requires: httpx$/m);
  });

  it('estimates a server, a website (asyncio) and a batch, and raises ProblemError on problems', async () => {
    const script = await run(venvPython, [join(ROOT, 'test/clients/python/estimate.py'), server.url], {
      cwd: dir,
    });
    expect(script.code, describeRun(script)).toBe(0);
    const seen = JSON.parse(script.stdout);

    expect(seen.server.class).toBe('ServerEstimate');
    expect(seen.server.co2e_g).toBeCloseTo(1109.1026840552, 8);
    expect(seen.server.embodied_co2e_g).toBeCloseTo(732.5965277778, 8);
    expect(seen.server.factors).toContain('host_embodied');
    expect(seen.server.methodology).toEqual({ id: 'empreinte-server', version: '3' });

    expect(seen.website.per_view_co2e_g).toBeCloseTo(0.001 * 0.3 * 494, 12);
    expect(seen.website.total_co2e_g).toBeCloseTo(0.001 * 0.3 * 494 * 1000, 9);
    expect(seen.website.rating).toBe('C');
    expect(seen.website.methodology).toEqual({ id: 'swd', version: '4' });

    expect(seen.batch.errors).toBe(1);
    expect(seen.batch.items).toEqual([
      ['BatchServerResult', 'servers', 'ok'],
      ['BatchWebsiteResult', 'site', 'ok'],
      ['BatchErrorResult', 'bad', 'error'],
    ]);
    expect(seen.batch.total_co2e_g).toBeCloseTo(1109.1026840552 + 0.1482, 8);
    expect(seen.batch.bad_paths).toEqual(['region', 'instance_type']);

    expect(seen.provider).toBe('Scaleway');
    expect(seen.problem).toEqual({
      status: 400,
      type: '/problems/validation-error',
      errors: [['utilisation', "Unknown field 'utilisation'."]],
    });
    expect(seen.detailed).toEqual({ status: 422, parsed: 'Problem' });
  });

  it('parses every JSON example of openapi.json (real answers) into models that write it back unchanged', async () => {
    const script = await run(
      venvPython,
      [join(ROOT, 'test/clients/python/examples.py'), join(ROOT, 'openapi.json')],
      { cwd: dir },
    );
    expect(script.code, describeRun(script)).toBe(0);
    const { checked, mismatches } = JSON.parse(script.stdout) as {
      checked: string[][];
      mismatches: string[][];
    };
    expect(mismatches).toEqual([]);
    const parsed = new Map(checked.map(([op, status, kind]) => [`${op} ${status}`, kind]));
    expect(parsed.get('estimateServer 200')).toBe('ServerEstimate');
    expect(parsed.get('estimateBatch 200')).toBe('BatchEstimate');
    expect(parsed.get('compare 200')).toBe('Comparison');
    expect(parsed.get('recordSiteMeasurement 201')).toBe('Site');
    expect(parsed.get('estimateServer 422')).toBe('Problem');
    expect(checked.length).toBeGreaterThan(60);
  });
});
