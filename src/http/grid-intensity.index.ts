import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from './deps.js';
import { gridIntensityHandlers } from './grid-intensity.handlers.js';
import { getGridIntensityRoute, listGridIntensitiesRoute } from './grid-intensity.routes.js';
import { validationHook } from './validation.js';

export function gridIntensityRoutes(deps: AppDeps) {
  const h = gridIntensityHandlers(deps);
  return new OpenAPIHono({ defaultHook: validationHook })
    .openapi(listGridIntensitiesRoute, h.list)
    .openapi(getGridIntensityRoute, h.get);
}
