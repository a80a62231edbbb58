import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { jsonRoute } from '../../json-route.js';
import { siteHandlers } from './sites.handlers.js';
import { getSiteRoute, recordMeasurementLimits, recordMeasurementRoute } from './sites.routes.js';

/** `POST /v1/sites/measurements` and `GET /v1/sites`. */
export function siteRoutes(deps: AppDeps) {
  const h = siteHandlers(deps);
  const router = createRouter();
  jsonRoute(router, deps, recordMeasurementRoute, h.record, { limits: recordMeasurementLimits });
  return router.openapi(getSiteRoute, h.read);
}
