import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { compareHandlers } from './compare.handlers.js';
import { compareRoute } from './compare.routes.js';

export function compareRoutes(deps: AppDeps) {
  const h = compareHandlers(deps);
  return createRouter().openapi(compareRoute, h.compare);
}
