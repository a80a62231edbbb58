import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from './deps.js';
import { sourceHandlers } from './sources.handlers.js';
import { listSourcesRoute } from './sources.routes.js';
import { validationHook } from './validation.js';

export function sourceRoutes(deps: AppDeps) {
  const h = sourceHandlers(deps);
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(listSourcesRoute, h.list);
}
