import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { jsonRoute } from '../../json-route.js';
import { serverEstimateHandlers } from './server-estimates.handlers.js';
import { estimateServerLimits, estimateServerRoute } from './server-estimates.routes.js';

export function serverEstimateRoutes(deps: AppDeps) {
  const h = serverEstimateHandlers(deps);
  const router = createRouter();
  jsonRoute(router, deps, estimateServerRoute, h.estimate, { limits: estimateServerLimits });
  return router;
}
