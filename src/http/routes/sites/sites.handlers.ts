import type { RouteHandler } from '@hono/zod-openapi';
import { SITE_NEW_PAGES_PER_CLIENT_DAY } from '../../../models/site-figure.js';
import { recordSiteMeasurement } from '../../../services/site-measurement.js';
import { isOriginOf } from '../../../services/site-url.js';
import { type AppDeps, catalogOf, withSiteStore } from '../../deps.js';
import { rateLimitKey } from '../../edge/client-key.js';
import { ProblemError, problems } from '../../problem.js';
import { serveSite } from './sites.cache.js';
import type { getSiteRoute, recordMeasurementRoute } from './sites.routes.js';

/** Handlers of the site measurement routes (a missing or failing site store is a 503). */
export function siteHandlers(deps: AppDeps) {
  const record: RouteHandler<typeof recordMeasurementRoute> = async (c) => {
    const body = c.req.valid('json');
    // A browser always names the page a request comes from: a page may only measure itself.
    const origin = c.req.header('origin');
    if (origin !== undefined && !isOriginOf(origin, body.url))
      throw new ProblemError(problems.originMismatch(origin, body.url));
    const catalog = await catalogOf(deps);
    const recorded = await withSiteStore(deps, async (store) =>
      recordSiteMeasurement(
        catalog,
        store,
        body,
        {
          rateLimitKey: rateLimitKey(deps.clientIp?.(c)),
          secret: deps.siteKeySecret ?? (await store.storedSecret()),
        },
        new Date(),
      ),
    );
    if (!recorded) {
      const now = Date.now();
      const untilMidnightS = Math.ceil((86_400_000 - (now % 86_400_000)) / 1000);
      throw new ProblemError(problems.newPageQuota(SITE_NEW_PAGES_PER_CLIENT_DAY), {
        'retry-after': String(untilMidnightS),
      });
    }
    return recorded.created ? c.json(recorded.answer.site, 201) : c.json(recorded.answer.site, 200);
  };

  const read: RouteHandler<typeof getSiteRoute> = async (c) => {
    const { url, model } = c.req.valid('query');
    return serveSite(
      c,
      deps,
      { kind: 'json', url, model: model ?? 'swd-v4', contentType: 'application/json' },
      (answer) => JSON.stringify(answer.site),
    );
  };

  return { record, read };
}
