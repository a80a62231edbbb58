import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { jsonRoute } from '../../json-route.js';
import { llmEstimateHandlers } from './llm-estimates.handlers.js';
import { estimateLlmLimits, estimateLlmRoute } from './llm-estimates.routes.js';

export function llmEstimateRoutes(deps: AppDeps) {
  const h = llmEstimateHandlers(deps);
  const router = createRouter();
  jsonRoute(router, deps, estimateLlmRoute, h.estimate, { limits: estimateLlmLimits });
  return router;
}
