import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { gridIntensityHandlers } from './grid-intensity.handlers.js';
import { getGridIntensityRoute, listGridIntensitiesRoute } from './grid-intensity.routes.js';

export function gridIntensityRoutes(deps: AppDeps) {
  const h = gridIntensityHandlers(deps);
  return createRouter().openapi(listGridIntensitiesRoute, h.list).openapi(getGridIntensityRoute, h.get);
}
