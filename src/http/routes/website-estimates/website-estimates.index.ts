import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { websiteEstimateHandlers } from './website-estimates.handlers.js';
import { estimateWebsiteQueryRoute, estimateWebsiteRoute } from './website-estimates.routes.js';

export function websiteEstimateRoutes(deps: AppDeps) {
  const h = websiteEstimateHandlers(deps);
  return createRouter().openapi(estimateWebsiteRoute, h.post).openapi(estimateWebsiteQueryRoute, h.get);
}
