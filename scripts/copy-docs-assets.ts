import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOCS_VENDOR_FILES, DOCS_VENDOR_PACKAGE } from '../src/http/routes/docs/docs-page.js';
import { METHODOLOGY_ASSET } from '../src/http/routes/methodology/methodology.routes.js';

// The Worker's static assets ([assets] in wrangler.toml): the Swagger UI files of /docs, copied
// from the installed swagger-ui-dist package (pinned in package.json). Cloudflare serves them at
// /docs/<file> before the Worker runs, so they never enter the Worker's bundle. Run by
// build:worker, dev:worker, deploy and the Worker tests (vitest.config.ts); the folder is not
// checked in.

export const WORKER_ASSETS_DIR = 'dist/worker-assets';

/** Headers Cloudflare adds to the assets (the Worker's edge middleware does not see them). */
const HEADERS = `/docs/*
  X-Content-Type-Options: nosniff
  Cache-Control: public, max-age=3600
  Access-Control-Allow-Origin: *
${METHODOLOGY_ASSET}
  Content-Type: text/markdown; charset=utf-8
  X-Content-Type-Options: nosniff
  Cache-Control: public, max-age=3600
  Access-Control-Allow-Origin: *
`;

export function copyDocsAssets(root: string): string {
  const source = dirname(createRequire(import.meta.url).resolve(`${DOCS_VENDOR_PACKAGE}/package.json`));
  const target = join(root, WORKER_ASSETS_DIR);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(join(target, 'docs'), { recursive: true });
  for (const file of Object.keys(DOCS_VENDOR_FILES))
    copyFileSync(join(source, file), join(target, 'docs', file));
  // The Worker's /methodology reads it from here (src/entries/worker/main.ts), out of its bundle.
  copyFileSync(join(root, 'docs/methodology.md'), join(target, METHODOLOGY_ASSET.slice(1)));
  writeFileSync(join(target, '_headers'), HEADERS);
  return target;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  console.log(`Copied the /docs assets to ${copyDocsAssets(fileURLToPath(new URL('../', import.meta.url)))}`);
