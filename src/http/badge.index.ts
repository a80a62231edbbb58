import { OpenAPIHono } from '@hono/zod-openapi';
import { badgeHandlers } from './badge.handlers.js';
import { badgeScriptRoute, badgeSvgRoute } from './badge.routes.js';
import type { AppDeps } from './deps.js';
import { validationHook } from './validation.js';

/** `GET /v1/badge.svg` and `GET /badge.js`. */
export function badgeRoutes(deps: AppDeps) {
  const h = badgeHandlers(deps);
  const app = new OpenAPIHono({ defaultHook: validationHook }).openapi(badgeSvgRoute, h.svg);
  // A script, not JSON: documented, served by a plain handler.
  app.openAPIRegistry.registerPath(badgeScriptRoute);
  app.get('/badge.js', h.script);
  return app;
}
