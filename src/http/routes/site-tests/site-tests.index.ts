import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { siteTestHandlers } from './site-tests.handlers.js';
import { createSiteTestRoute, getSiteTestRoute } from './site-tests.routes.js';

/** `POST /v1/sites/tests` and `GET /v1/sites/tests/{id}`. */
export function siteTestRoutes(deps: AppDeps) {
  const h = siteTestHandlers(deps);
  return createRouter().openapi(createSiteTestRoute, h.create).openapi(getSiteTestRoute, h.read);
}
