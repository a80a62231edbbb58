import type { RouteHandler } from '@hono/zod-openapi';
import type { SiteTestStore } from '../../../factors/site-test-store.js';
import { labClientKeys } from '../../../services/lab/lab-client.js';
import {
  readSiteTest,
  SiteTestDispatchError,
  submitSiteTest,
  viewOfSiteTest,
} from '../../../services/lab/site-tests.js';
import { refuseUrlWithoutDns } from '../../../services/lab/target-policy.js';
import type { AppDeps, SiteTestsDeps } from '../../deps.js';
import { rateLimitKey } from '../../edge/client-key.js';
import { ProblemError, problems } from '../../problem.js';
import type { createSiteTestRoute, getSiteTestRoute } from './site-tests.routes.js';

/** Where a test is read. */
export const siteTestPath = (id: string) => `/v1/sites/tests/${encodeURIComponent(id)}`;

/** Keys pending tests by client when the server has no site key secret and no site store (tests only). */
const LAB_KEY_FALLBACK_SECRET = 'empreinte-lab-client';

const NOT_CONFIGURED = 'Lab tests are not configured on this server: see docs/operations.md, "Lab tests".';

/**
 * Runs `work` against the lab test store; a database failure is a 503 problem (the cause is
 * logged, never answered).
 */
async function withStore<T>(deps: AppDeps, lab: SiteTestsDeps, work: (store: SiteTestStore) => Promise<T>) {
  try {
    return await work(lab.store);
  } catch (error) {
    if (error instanceof ProblemError) throw error;
    if (error instanceof SiteTestDispatchError) {
      deps.logError?.(error.reason);
      throw new ProblemError(problems.labUnavailable('The lab did not take the test. Retry later.'), {
        'retry-after': '5',
      });
    }
    deps.logError?.(error);
    throw new ProblemError(problems.unavailable('The lab test store is unavailable. Retry later.'), {
      'retry-after': '5',
    });
  }
}

/** Handlers of the lab test routes. */
export function siteTestHandlers(deps: AppDeps) {
  const create: RouteHandler<typeof createSiteTestRoute> = async (c) => {
    const lab = deps.siteTests;
    if (!lab) throw new ProblemError(problems.labNotConfigured(NOT_CONFIGURED));
    const { url } = c.req.valid('json');
    const refusal = refuseUrlWithoutDns(new URL(url), lab.policy);
    if (refusal) throw new ProblemError(problems.refusedTarget([{ path: 'url', message: refusal }]));
    const unavailable = lab.unavailable();
    if (unavailable) {
      throw new ProblemError(
        unavailable.status === 501
          ? problems.labNotConfigured(unavailable.detail)
          : problems.labUnavailable(unavailable.detail),
      );
    }
    const outcome = await withStore(deps, lab, async (store) =>
      submitSiteTest(store, url, {
        now: new Date(),
        newId: lab.newId ?? (() => crypto.randomUUID()),
        client: await labClientKeys(
          rateLimitKey(deps.clientIp?.(c)),
          deps.siteKeySecret ?? (await deps.sites?.storedSecret()) ?? LAB_KEY_FALLBACK_SECRET,
        ),
        dispatch: lab.dispatch,
      }),
    );
    if (outcome.kind === 'full' || outcome.kind === 'share') {
      const retryAfter = { 'retry-after': String(outcome.retryAfterS) };
      throw new ProblemError(
        outcome.kind === 'full'
          ? problems.queueFull(outcome.cap, outcome.retryAfterS)
          : problems.tooManyTests(outcome.scope, outcome.share, outcome.retryAfterS),
        retryAfter,
      );
    }
    if (outcome.kind === 'reused') return c.json(outcome.test, 200);
    return c.json(outcome.test, 202, { location: siteTestPath(outcome.test.id) });
  };

  const read: RouteHandler<typeof getSiteTestRoute> = async (c) => {
    const { id } = c.req.valid('param');
    const lab = deps.siteTests;
    const row = lab ? await withStore(deps, lab, (store) => readSiteTest(store, id, new Date())) : null;
    if (!row)
      throw new ProblemError(problems.notFound(`No lab test '${id}' (finished tests are kept 7 days).`));
    return c.json(viewOfSiteTest(row), 200);
  };

  return { create, read };
}
