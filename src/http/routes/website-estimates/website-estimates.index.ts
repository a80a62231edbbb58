import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { jsonRoute } from '../../json-route.js';
import { websiteEstimateHandlers } from './website-estimates.handlers.js';
import {
  estimateWebsiteLimits,
  estimateWebsiteQueryRoute,
  estimateWebsiteRoute,
} from './website-estimates.routes.js';

export function websiteEstimateRoutes(deps: AppDeps) {
  const h = websiteEstimateHandlers(deps);
  const router = createRouter();
  jsonRoute(router, deps, estimateWebsiteRoute, h.post, { limits: estimateWebsiteLimits });
  return router.openapi(estimateWebsiteQueryRoute, h.get);
}
