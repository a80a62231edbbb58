import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from './deps.js';
import { siteHandlers } from './sites.handlers.js';
import { getSiteRoute, recordMeasurementRoute } from './sites.routes.js';
import { validationHook } from './validation.js';

/** `POST /v1/sites/measurements` and `GET /v1/sites`. */
export function siteRoutes(deps: AppDeps) {
  const h = siteHandlers(deps);
  return new OpenAPIHono({ defaultHook: validationHook })
    .openapi(recordMeasurementRoute, h.record)
    .openapi(getSiteRoute, h.read);
}
