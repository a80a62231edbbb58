import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { serverEstimateHandlers } from './server-estimates.handlers.js';
import { estimateServerRoute } from './server-estimates.routes.js';

export function serverEstimateRoutes(deps: AppDeps) {
  const h = serverEstimateHandlers(deps);
  return createRouter().openapi(estimateServerRoute, h.estimate);
}
