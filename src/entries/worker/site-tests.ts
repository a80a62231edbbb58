import type { EmpreinteDatabase } from '../../factors/drizzle-store.js';
import { createDrizzleSiteTestStore } from '../../factors/site-test-store.js';
import type { SiteTestsDeps } from '../../http/deps.js';
import type { SiteTestMessage } from '../../services/lab/site-tests.js';
import { STRICT_TARGET_POLICY } from '../../services/lab/target-policy.js';

export const LAB_NOT_CONFIGURED =
  'Lab tests are not configured on this Worker: bind a Queue producer SITE_TESTS_QUEUE ([[queues.producers]] in ' +
  'wrangler.toml) and deploy the lab Worker (wrangler.lab.toml), which consumes that queue with a Browser ' +
  'Rendering binding BROWSER ([browser]). See docs/operations.md, "Lab tests".';

/**
 * Lab tests on the API Worker: the SQL queue in the same database, and a Cloudflare Queue message
 * per new test for the lab Worker. Without the queue binding, new tests are a 501 problem.
 */
export function workerSiteTests(
  db: EmpreinteDatabase,
  queue: Queue<SiteTestMessage> | undefined,
): SiteTestsDeps {
  return {
    store: createDrizzleSiteTestStore(db),
    policy: STRICT_TARGET_POLICY,
    unavailable: () => (queue ? null : { status: 501, detail: LAB_NOT_CONFIGURED }),
    dispatch: async (test) => {
      if (!queue) throw new Error('no SITE_TESTS_QUEUE binding');
      await queue.send({ id: test.id });
    },
  };
}
