import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderSdkTypes, SDK_TYPES_PATH } from './sdk-file.js';

const root = new URL('../', import.meta.url);
const target = fileURLToPath(new URL(SDK_TYPES_PATH, root));
writeFileSync(target, await renderSdkTypes(readFileSync(new URL('openapi.json', root), 'utf8')));
console.log(`Wrote ${target}`);
