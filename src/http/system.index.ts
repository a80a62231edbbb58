import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from './deps.js';
import { systemHandlers } from './system.handlers.js';
import { docsRoute, healthRoute, openApiRoute } from './system.routes.js';
import { validationHook } from './validation.js';

// biome-ignore lint/suspicious/noExplicitAny: any app's env
export function systemRoutes(deps: AppDeps, root: OpenAPIHono<any, any, any>) {
  const h = systemHandlers(deps, root);
  const app = new OpenAPIHono({ defaultHook: validationHook }).openapi(healthRoute, h.health);
  // Non-JSON answers: documented, served by plain handlers.
  app.openAPIRegistry.registerPath(openApiRoute);
  app.openAPIRegistry.registerPath(docsRoute);
  app.get('/openapi.json', h.openapi);
  app.get('/docs', h.docs);
  return app;
}
