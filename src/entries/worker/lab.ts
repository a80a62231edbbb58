import puppeteer from '@cloudflare/puppeteer';
import { createCatalogCache } from '../../factors/catalog-cache.js';
import { createDrizzleFactorStore } from '../../factors/drizzle-store.js';
import { createDrizzleSiteStore } from '../../factors/site-store.js';
import { createDrizzleSiteTestStore } from '../../factors/site-test-store.js';
import { LAB_ERROR_TYPES, type LabOutcome, LabUnavailableError } from '../../services/lab/lab-browser.js';
import { finishSiteTest, SITE_TEST_RULES, type SiteTestMessage } from '../../services/lab/site-tests.js';
import { STRICT_TARGET_POLICY } from '../../services/lab/target-policy.js';
import { recordSiteLabResult } from '../../services/site-lab-result.js';
import { type DatabaseEnv, openDatabase } from './database.js';
import { createCdpLab } from './lab/cdp-lab.js';
import { dohLookup } from './lab/doh-lookup.js';

/**
 * The lab Worker (wrangler.lab.toml): consumes the queue the API Worker fills, loads each page in
 * Cloudflare Browser Rendering and writes the outcome to the same database. A separate Worker so
 * that @cloudflare/puppeteer stays out of the API Worker's bundle (docs/operations.md).
 */
export interface LabEnv extends DatabaseEnv {
  /** Browser Rendering binding ([browser] in wrangler.lab.toml). */
  BROWSER?: Fetcher;
  /** DNS-over-HTTPS JSON endpoint used to check the addresses of every host (default Cloudflare's). */
  SITE_TESTS_DOH_URL?: string;
}

/** Seconds before a test the lab could not start is delivered again. */
const RETRY_DELAY_S = 60;

export async function handleSiteTestBatch(
  batch: MessageBatch<SiteTestMessage>,
  env: LabEnv,
  logError: (error: unknown) => void = console.error,
): Promise<void> {
  const db = openDatabase(env);
  const store = createDrizzleSiteTestStore(db);
  const sites = createDrizzleSiteStore(db);
  const catalog = createCatalogCache(createDrizzleFactorStore(db));
  const binding = env.BROWSER;
  const lab = createCdpLab({
    launch: () => {
      if (!binding) return Promise.reject(new Error('no BROWSER binding ([browser] in wrangler.lab.toml)'));
      return puppeteer.launch(binding);
    },
    policy: STRICT_TARGET_POLICY,
    lookup: dohLookup(env.SITE_TESTS_DOH_URL),
  });
  for (const message of batch.messages) {
    const now = Date.now();
    const test = await store.claim(
      message.body.id,
      new Date(now).toISOString(),
      new Date(now - SITE_TEST_RULES.staleRunningMs).toISOString(),
    );
    if (!test) {
      message.ack(); // finished, or taken by another delivery
      continue;
    }
    let outcome: LabOutcome;
    try {
      outcome = await lab.measure(test.url);
    } catch (error) {
      logError(error);
      if (error instanceof LabUnavailableError) {
        // Not the page's fault (no binding, no free session): back to the queue, delivered again later.
        await store.release(test.id);
        message.retry({ delaySeconds: RETRY_DELAY_S });
        continue;
      }
      outcome = {
        ok: false,
        error: { type: LAB_ERROR_TYPES.labError, detail: 'The browser failed during the test.' },
      };
    }
    try {
      await finishSiteTest(
        {
          store,
          catalog: await catalog.get(),
          // The page's lab sample, written before the test reads as done.
          onLabResult: async (url, result) => {
            await recordSiteLabResult(sites, url, result);
          },
          logError,
        },
        test,
        outcome,
        new Date(),
      );
      message.ack();
    } catch (error) {
      // The database failed: run the test again on the next delivery.
      logError(error);
      await store.release(test.id).catch(() => undefined);
      message.retry();
    }
  }
  // Finished tests are kept SITE_TEST_RULES.retentionMs (an indexed delete, usually of nothing).
  await store.purgeFinished(new Date(Date.now() - SITE_TEST_RULES.retentionMs).toISOString()).catch(logError);
}

export default {
  async queue(batch, env) {
    await handleSiteTestBatch(batch, env);
  },
} satisfies ExportedHandler<LabEnv, SiteTestMessage>;
