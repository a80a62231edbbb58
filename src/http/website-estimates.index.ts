import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from './deps.js';
import { validationHook } from './validation.js';
import { websiteEstimateHandlers } from './website-estimates.handlers.js';
import { estimateWebsiteQueryRoute, estimateWebsiteRoute } from './website-estimates.routes.js';

export function websiteEstimateRoutes(deps: AppDeps) {
  const h = websiteEstimateHandlers(deps);
  return new OpenAPIHono({ defaultHook: validationHook })
    .openapi(estimateWebsiteRoute, h.post)
    .openapi(estimateWebsiteQueryRoute, h.get);
}
