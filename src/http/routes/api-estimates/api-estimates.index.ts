import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { apiEstimateHandlers, apiValidationHook } from './api-estimates.handlers.js';
import { estimateApiRoute } from './api-estimates.routes.js';

export function apiEstimateRoutes(deps: AppDeps) {
  const h = apiEstimateHandlers(deps);
  return createRouter().openapi(estimateApiRoute, h.estimate, (result) => apiValidationHook(result));
}
