import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { jsonRoute } from '../../json-route.js';
import { compareHandlers } from './compare.handlers.js';
import { compareLimits, compareRoute } from './compare.routes.js';

export function compareRoutes(deps: AppDeps) {
  const h = compareHandlers(deps);
  const router = createRouter();
  jsonRoute(router, deps, compareRoute, h.compare, { limits: compareLimits });
  return router;
}
