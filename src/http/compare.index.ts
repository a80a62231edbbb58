import { OpenAPIHono } from '@hono/zod-openapi';
import { compareHandlers } from './compare.handlers.js';
import { compareRoute } from './compare.routes.js';
import type { AppDeps } from './deps.js';
import { validationHook } from './validation.js';

export function compareRoutes(deps: AppDeps) {
  const h = compareHandlers(deps);
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(compareRoute, h.compare);
}
