import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { badgeHandlers } from './badge.handlers.js';
import { badgeScriptRoute, badgeSvgRoute } from './badge.routes.js';

/** `GET /v1/badge.svg` and `GET /badge.js`. */
export function badgeRoutes(deps: AppDeps) {
  const h = badgeHandlers(deps);
  const app = createRouter().openapi(badgeSvgRoute, h.svg);
  // A script, not JSON: documented, served by a plain handler.
  app.openAPIRegistry.registerPath(badgeScriptRoute);
  app.get('/badge.js', h.script);
  return app;
}
