import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CATALOG_SNAPSHOT_MODULE, renderCatalogSnapshot } from './catalog-snapshot-file.js';

const target = fileURLToPath(new URL(`../${CATALOG_SNAPSHOT_MODULE}`, import.meta.url));
const text = await renderCatalogSnapshot();
writeFileSync(target, text);
console.log(`Wrote ${CATALOG_SNAPSHOT_MODULE} (${text.length} characters)`);
