import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from './deps.js';
import { serverEstimateHandlers } from './server-estimates.handlers.js';
import { estimateServerRoute } from './server-estimates.routes.js';
import { validationHook } from './validation.js';

export function serverEstimateRoutes(deps: AppDeps) {
  const h = serverEstimateHandlers(deps);
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(estimateServerRoute, h.estimate);
}
