import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { copyDocsAssets } from './scripts/copy-docs-assets.js';

/** DNS over HTTPS for the lab Worker tests: the fake browser's hosts, one private name, nothing else. */
const FAKE_DNS: Record<string, string> = {
  'lab.test': '93.184.216.34',
  'cdn.other.test': '93.184.216.35',
  'frame.other.test': '93.184.216.36',
  'private.test': '10.0.0.7',
};
function fakeDoh(request: Request): Response {
  const url = new URL(request.url);
  if (url.host !== 'doh.test') return new Response('no network in worker tests', { status: 503 });
  const name = url.searchParams.get('name') ?? '';
  const address = FAKE_DNS[name];
  const type = url.searchParams.get('type') === 'AAAA' ? 28 : 1;
  const answer = address && type === 1 ? [{ name, type, TTL: 60, data: address }] : [];
  return Response.json({ Status: address ? 0 : 3, Answer: answer });
}

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/worker/**', 'test/worker-lab/**', 'node_modules/**'],
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
      {
        // The API Worker and the lab Worker (test/worker-lab/entry.ts joins them) with a local
        // Cloudflare Queue between them, a fake Browser Rendering binding (test/worker-lab/
        // fake-browser.js: a scripted DevTools Protocol browser) and a fake DNS over HTTPS.
        plugins: [
          cloudflareTest(async () => ({
            main: './test/worker-lab/entry.ts',
            miniflare: {
              compatibilityDate: '2026-04-01',
              compatibilityFlags: ['nodejs_compat'],
              d1Databases: { DB: 'empreinte-lab-test' },
              queueProducers: { SITE_TESTS_QUEUE: { queueName: 'empreinte-site-tests' } },
              queueConsumers: { 'empreinte-site-tests': { maxBatchSize: 1, maxBatchTimeout: 0 } },
              serviceBindings: { BROWSER: 'fake-browser' },
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations('drizzle'),
                SITE_TESTS_DOH_URL: 'https://doh.test/dns-query',
                RATE_LIMIT_PER_MINUTE: '0',
              },
              outboundService: fakeDoh,
              workers: [
                {
                  name: 'fake-browser',
                  modules: true,
                  script: readFileSync('./test/worker-lab/fake-browser.js', 'utf8'),
                  compatibilityDate: '2026-04-01',
                },
              ],
            },
          })),
        ],
        test: {
          name: 'worker-lab',
          include: ['test/worker-lab/**/*.test.ts'],
          setupFiles: ['test/worker/apply-migrations.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
