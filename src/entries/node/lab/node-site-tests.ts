import type { CatalogCache } from '../../../factors/catalog-cache.js';
import type { EmpreinteDatabase } from '../../../factors/drizzle-store.js';
import { createDrizzleSiteTestStore } from '../../../factors/site-test-store.js';
import type { SiteTestsDeps } from '../../../http/deps.js';
import { createSiteTestQueue, type SiteTestQueue } from '../../../services/lab/site-test-queue.js';
import type { NodeLabOptions } from './settings.js';
import { createThreadLab } from './thread-lab.js';

/**
 * Lab tests on Node: the SQL queue, its runners over one Chromium on the lab's own thread, and what the HTTP
 * routes need. Without a Chromium the queue is not started and new tests are answered 503.
 */
export function createNodeSiteTests(
  db: EmpreinteDatabase,
  catalog: CatalogCache,
  options: NodeLabOptions,
  logError: (error: unknown) => void,
): { deps: SiteTestsDeps; queue: SiteTestQueue | undefined } {
  const store = createDrizzleSiteTestStore(db);
  const chromium = 'path' in options.chromium ? options.chromium.path : undefined;
  const missing = 'missing' in options.chromium ? options.chromium.missing : undefined;
  const spec = options.policy.spec;
  if (chromium && !spec)
    throw new TypeError('the lab policy must be built by targetPolicy() (its thread gets it as data)');
  const queue =
    chromium && spec
      ? createSiteTestQueue({
          store,
          lab: createThreadLab({
            executablePath: chromium,
            policy: spec,
            ...(options.limits ? { limits: options.limits } : {}),
          }),
          catalog: () => catalog.get(),
          onLabResult: options.onLabResult,
          logError,
          ...(options.concurrency ? { concurrency: options.concurrency } : {}),
        })
      : undefined;
  return {
    queue,
    deps: {
      store,
      policy: options.policy,
      unavailable: () => {
        if (missing) return { status: 503, detail: missing };
        const reason = queue?.unavailable();
        return reason ? { status: 503, detail: reason } : null;
      },
      dispatch: async () => queue?.kick(),
    },
  };
}
