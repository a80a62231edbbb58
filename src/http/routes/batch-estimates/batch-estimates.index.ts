import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { batchEstimateHandlers } from './batch-estimates.handlers.js';
import { estimateBatchRoute } from './batch-estimates.routes.js';
import {
  BATCH_ITEM_SCHEMA_NAMES,
  BatchApiItemSchema,
  BatchServerItemSchema,
  BatchWebsiteItemSchema,
} from './batch-estimates.schemas.js';

export function batchEstimateRoutes(deps: AppDeps) {
  const h = batchEstimateHandlers(deps);
  const app = createRouter();
  // The item kinds are documented (and typed in generated SDKs) but validated item by item.
  app.openAPIRegistry.register(BATCH_ITEM_SCHEMA_NAMES.server, BatchServerItemSchema);
  app.openAPIRegistry.register(BATCH_ITEM_SCHEMA_NAMES.api, BatchApiItemSchema);
  app.openAPIRegistry.register(BATCH_ITEM_SCHEMA_NAMES.website, BatchWebsiteItemSchema);
  return app.openapi(estimateBatchRoute, h.estimate);
}
