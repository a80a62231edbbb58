import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { jsonRoute } from '../../json-route.js';
import { siteTestHandlers } from './site-tests.handlers.js';
import { createSiteTestLimits, createSiteTestRoute, getSiteTestRoute } from './site-tests.routes.js';

/** `POST /v1/sites/tests` and `GET /v1/sites/tests/{id}`. */
export function siteTestRoutes(deps: AppDeps) {
  const h = siteTestHandlers(deps);
  const router = createRouter();
  jsonRoute(router, deps, createSiteTestRoute, h.create, { limits: createSiteTestLimits });
  return router.openapi(getSiteTestRoute, h.read);
}
