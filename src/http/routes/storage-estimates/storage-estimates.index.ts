import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { jsonRoute } from '../../json-route.js';
import { storageEstimateHandlers } from './storage-estimates.handlers.js';
import { estimateStorageLimits, estimateStorageRoute } from './storage-estimates.routes.js';

export function storageEstimateRoutes(deps: AppDeps) {
  const h = storageEstimateHandlers(deps);
  const router = createRouter();
  jsonRoute(router, deps, estimateStorageRoute, h.estimate, { limits: estimateStorageLimits });
  return router;
}
