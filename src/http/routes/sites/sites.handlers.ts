import type { RouteHandler } from '@hono/zod-openapi';
import { readSite, recordSiteMeasurement } from '../../../services/site-measurement.js';
import { type AppDeps, catalogOf, withSiteStore } from '../../deps.js';
import { ProblemError, problems } from '../../problem.js';
import type { getSiteRoute, recordMeasurementRoute } from './sites.routes.js';

/** A 404 problem for a URL nobody has measured. */
export function unknownSiteProblem(url: string): ProblemError {
  return new ProblemError(
    problems.notFound(`No measurement of '${url}' yet: POST /v1/sites/measurements records one.`),
  );
}

/** Handlers of the site measurement routes (a missing or failing site store is a 503). */
export function siteHandlers(deps: AppDeps) {
  const record: RouteHandler<typeof recordMeasurementRoute> = async (c) => {
    const body = c.req.valid('json');
    const catalog = await catalogOf(deps);
    const { created, site } = await withSiteStore(deps, (store) =>
      recordSiteMeasurement(catalog, store, body, new Date()),
    );
    return created ? c.json(site, 201) : c.json(site, 200);
  };

  const read: RouteHandler<typeof getSiteRoute> = async (c) => {
    const { url } = c.req.valid('query');
    const site = await withSiteStore(deps, (store) => readSite(store, url));
    if (!site) throw unknownSiteProblem(url);
    return c.json(site, 200);
  };

  return { record, read };
}
