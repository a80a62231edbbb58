import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { jsonRoute } from '../../json-route.js';
import { managedDatabaseEstimateHandlers } from './managed-database-estimates.handlers.js';
import {
  estimateManagedDatabaseLimits,
  estimateManagedDatabaseRoute,
} from './managed-database-estimates.routes.js';

export function managedDatabaseEstimateRoutes(deps: AppDeps) {
  const h = managedDatabaseEstimateHandlers(deps);
  const router = createRouter();
  jsonRoute(router, deps, estimateManagedDatabaseRoute, h.estimate, {
    limits: estimateManagedDatabaseLimits,
  });
  return router;
}
