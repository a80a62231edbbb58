import type { OpenAPIHono } from '@hono/zod-openapi';
import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { systemHandlers } from './system.handlers.js';
import { healthRoute, openApiRoute } from './system.routes.js';

// biome-ignore lint/suspicious/noExplicitAny: any app's env
export function systemRoutes(deps: AppDeps, root: OpenAPIHono<any, any, any>) {
  const h = systemHandlers(deps, root);
  const app = createRouter().openapi(healthRoute, h.health);
  // Non-JSON answers: documented, served by plain handlers.
  app.openAPIRegistry.registerPath(openApiRoute);
  app.get('/openapi.json', h.openapi);
  return app;
}
