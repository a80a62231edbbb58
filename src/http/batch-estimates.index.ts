import { OpenAPIHono } from '@hono/zod-openapi';
import { batchEstimateHandlers } from './batch-estimates.handlers.js';
import { estimateBatchRoute } from './batch-estimates.routes.js';
import type { AppDeps } from './deps.js';
import {
  BATCH_ITEM_SCHEMA_NAMES,
  BatchApiItemSchema,
  BatchServerItemSchema,
  BatchWebsiteItemSchema,
} from './schemas/batch.js';
import { validationHook } from './validation.js';

export function batchEstimateRoutes(deps: AppDeps) {
  const h = batchEstimateHandlers(deps);
  const app = new OpenAPIHono({ defaultHook: validationHook });
  // The item kinds are documented (and typed in generated SDKs) but validated item by item.
  app.openAPIRegistry.register(BATCH_ITEM_SCHEMA_NAMES.server, BatchServerItemSchema);
  app.openAPIRegistry.register(BATCH_ITEM_SCHEMA_NAMES.api, BatchApiItemSchema);
  app.openAPIRegistry.register(BATCH_ITEM_SCHEMA_NAMES.website, BatchWebsiteItemSchema);
  return app.openapi(estimateBatchRoute, h.estimate);
}
