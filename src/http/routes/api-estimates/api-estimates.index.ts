import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { jsonRoute } from '../../json-route.js';
import { parseApiEstimateRequest } from '../../schemas/api.js';
import { apiEstimateHandlers } from './api-estimates.handlers.js';
import { estimateApiLimits, estimateApiRoute } from './api-estimates.routes.js';

export function apiEstimateRoutes(deps: AppDeps) {
  const h = apiEstimateHandlers(deps);
  const router = createRouter();
  // Validated against the one mode the body chose, so the errors name that mode's fields.
  jsonRoute(router, deps, estimateApiRoute, h.estimate, {
    limits: estimateApiLimits,
    parse: parseApiEstimateRequest,
  });
  return router;
}
