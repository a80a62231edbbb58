import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIRS, renderClients } from '../../scripts/clients/render.js';

// Both clients are generated from openapi.json (`npm run clients`, chained by `npm run openapi`):
// when openapi.json changes and the clients are not regenerated, this fails.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const openapi = readFileSync(join(ROOT, 'openapi.json'), 'utf8');

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.parentPath.includes('__pycache__'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

describe('the generated clients', () => {
  it('are what openapi.json generates, file for file (run `npm run clients`)', async () => {
    const expected = await renderClients(openapi);
    const stale: string[] = [];
    for (const [path, text] of expected)
      if (readFileSync(join(ROOT, path), 'utf8') !== text) stale.push(path);
    expect(stale, 'files that differ from what openapi.json generates').toEqual([]);
    const onDisk = GENERATED_DIRS.flatMap(filesUnder).sort();
    const written = [...expected.keys()].filter((p) => GENERATED_DIRS.some((d) => p.startsWith(`${d}/`)));
    expect(onDisk, 'files no longer generated').toEqual(written.sort());
  });

  it('cover every operation: one Python module per operationId, under its tag', async () => {
    const doc = JSON.parse(openapi) as {
      paths: Record<string, Record<string, { operationId: string; tags: string[] }>>;
    };
    const files = await renderClients(openapi);
    const ops = Object.values(doc.paths).flatMap((item) => Object.values(item));
    expect(ops.length).toBeGreaterThanOrEqual(23);
    for (const op of ops) {
      const module = op.operationId.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
      const tag = (op.tags[0] as string).toLowerCase();
      const text = files.get(`clients/python/empreinte_client/api/${tag}/${module}.py`);
      expect(text, `${op.operationId}`).toBeDefined();
      for (const fn of [
        'def sync_detailed(',
        'def sync(',
        'async def asyncio_detailed(',
        'async def asyncio(',
      ])
        expect(text).toContain(fn);
    }
  });

  it('carry the API version: the Python project and the TypeScript package follow info.version', async () => {
    const version = (JSON.parse(openapi) as { info: { version: string } }).info.version;
    const files = await renderClients(openapi);
    expect(files.get('clients/python/pyproject.toml')).toContain(`version = "${version}"`);
    expect(files.get('clients/python/pyproject.toml')).toContain('name = "empreinte-client"');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'clients/typescript/package.json'), 'utf8'));
    expect(pkg.version).toBe(version);
    expect(Object.keys(pkg.dependencies)).toEqual(['openapi-fetch']);
  });
});
