import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { copyDocsAssets } from './scripts/copy-docs-assets.js';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/worker/**', 'node_modules/**'],
          testTimeout: 20_000,
        },
      },
      {
        // Runs inside workerd (Miniflare) with the bindings of wrangler.toml: a fresh local D1 per
        // test file, migrated from drizzle/ by the setup file.
        plugins: [
          cloudflareTest(async () => {
            // wrangler.toml's [assets] folder (the /docs files), built from node_modules.
            copyDocsAssets(fileURLToPath(new URL('./', import.meta.url)));
            return {
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: { TEST_MIGRATIONS: await readD1Migrations('drizzle') },
                // No network from worker tests: every outbound fetch gets this answer.
                outboundService: () => new Response('no network in worker tests', { status: 503 }),
              },
            };
          }),
        ],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          setupFiles: ['test/worker/apply-migrations.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
