import { OpenAPIHono } from '@hono/zod-openapi';
import { apiEstimateHandlers, apiValidationHook } from './api-estimates.handlers.js';
import { estimateApiRoute } from './api-estimates.routes.js';
import type { AppDeps } from './deps.js';
import { validationHook } from './validation.js';

export function apiEstimateRoutes(deps: AppDeps) {
  const h = apiEstimateHandlers(deps);
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(estimateApiRoute, h.estimate, (result) =>
    apiValidationHook(result),
  );
}
