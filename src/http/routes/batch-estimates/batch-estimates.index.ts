import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { jsonRoute } from '../../json-route.js';
import { batchEstimateHandlers } from './batch-estimates.handlers.js';
import { estimateBatchLimits, estimateBatchRoute } from './batch-estimates.routes.js';
import {
  BATCH_ITEM_SCHEMA_NAMES,
  BatchApiItemSchema,
  BatchLlmItemSchema,
  BatchManagedDatabaseItemSchema,
  BatchNetworkItemSchema,
  BatchServerItemSchema,
  BatchStorageItemSchema,
  BatchWebsiteItemSchema,
} from './batch-estimates.schemas.js';

export function batchEstimateRoutes(deps: AppDeps) {
  const h = batchEstimateHandlers(deps);
  const app = createRouter();
  // The item kinds are documented (and typed in generated SDKs) but validated item by item.
  app.openAPIRegistry.register(BATCH_ITEM_SCHEMA_NAMES.server, BatchServerItemSchema);
  app.openAPIRegistry.register(BATCH_ITEM_SCHEMA_NAMES.api, BatchApiItemSchema);
  app.openAPIRegistry.register(BATCH_ITEM_SCHEMA_NAMES.website, BatchWebsiteItemSchema);
  app.openAPIRegistry.register(BATCH_ITEM_SCHEMA_NAMES.storage, BatchStorageItemSchema);
  app.openAPIRegistry.register(BATCH_ITEM_SCHEMA_NAMES.network, BatchNetworkItemSchema);
  app.openAPIRegistry.register(BATCH_ITEM_SCHEMA_NAMES.managed_database, BatchManagedDatabaseItemSchema);
  app.openAPIRegistry.register(BATCH_ITEM_SCHEMA_NAMES.llm, BatchLlmItemSchema);
  jsonRoute(app, deps, estimateBatchRoute, h.estimate, { limits: estimateBatchLimits });
  return app;
}
