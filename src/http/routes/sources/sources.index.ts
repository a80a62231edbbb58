import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { sourceHandlers } from './sources.handlers.js';
import { listSourcesRoute } from './sources.routes.js';

export function sourceRoutes(deps: AppDeps) {
  const h = sourceHandlers(deps);
  return createRouter().openapi(listSourcesRoute, h.list);
}
