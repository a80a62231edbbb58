import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { siteHandlers } from './sites.handlers.js';
import { getSiteRoute, recordMeasurementRoute } from './sites.routes.js';

/** `POST /v1/sites/measurements` and `GET /v1/sites`. */
export function siteRoutes(deps: AppDeps) {
  const h = siteHandlers(deps);
  return createRouter().openapi(recordMeasurementRoute, h.record).openapi(getSiteRoute, h.read);
}
