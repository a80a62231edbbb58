import { OpenAPIHono } from '@hono/zod-openapi';
import { methodologyHandlers } from './methodology.handlers.js';
import { methodologyRoute } from './methodology.routes.js';

/** `GET /methodology`: Markdown, documented, served by a plain handler. */
export function methodologyRoutes() {
  const h = methodologyHandlers();
  const app = new OpenAPIHono();
  app.openAPIRegistry.registerPath(methodologyRoute);
  app.get('/methodology', h.document);
  return app;
}
