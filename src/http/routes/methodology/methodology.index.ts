import { createRouter } from '../../create-router.js';
import { methodologyHandlers } from './methodology.handlers.js';
import { methodologyRoute } from './methodology.routes.js';

/** `GET /methodology`: Markdown, documented, served by a plain handler. */
export function methodologyRoutes() {
  const h = methodologyHandlers();
  const app = createRouter();
  app.openAPIRegistry.registerPath(methodologyRoute);
  app.get('/methodology', h.document);
  return app;
}
