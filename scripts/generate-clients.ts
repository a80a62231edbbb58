import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_DIRS, renderClients } from './clients/render.js';

// Regenerates both clients from openapi.json: the TypeScript client's types and the Python client.
const root = fileURLToPath(new URL('../', import.meta.url));
const files = await renderClients(readFileSync(join(root, 'openapi.json'), 'utf8'));
for (const dir of GENERATED_DIRS) rmSync(join(root, dir), { recursive: true, force: true });
for (const [path, text] of files) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}
console.log(`Wrote ${files.size} client files (${GENERATED_DIRS.join(', ')}, clients/python/pyproject.toml)`);
