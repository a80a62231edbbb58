import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { captureExamples, EXAMPLES_PATH } from './examples-file.js';

// Captures the example answers of openapi.json from the real app (then run generate-openapi.ts;
// `npm run openapi` runs both, then regenerates the clients).
const target = fileURLToPath(new URL(`../${EXAMPLES_PATH}`, import.meta.url));
writeFileSync(target, await captureExamples());
console.log(`Wrote ${target}`);
