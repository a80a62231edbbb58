import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { jsonRoute } from '../../json-route.js';
import { networkEstimateHandlers } from './network-estimates.handlers.js';
import { estimateNetworkLimits, estimateNetworkRoute } from './network-estimates.routes.js';

export function networkEstimateRoutes(deps: AppDeps) {
  const h = networkEstimateHandlers(deps);
  const router = createRouter();
  jsonRoute(router, deps, estimateNetworkRoute, h.estimate, { limits: estimateNetworkLimits });
  return router;
}
