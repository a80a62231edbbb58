import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { methodologyHandlers } from './methodology.handlers.js';
import { methodologyRoute } from './methodology.routes.js';

/** `GET /methodology`: Markdown, documented, served by a plain handler. */
export function methodologyRoutes(deps: AppDeps) {
  const h = methodologyHandlers(deps);
  const app = createRouter();
  app.openAPIRegistry.registerPath(methodologyRoute);
  app.get('/methodology', h.document);
  return app;
}
