import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { docsHandlers } from './docs.handlers.js';
import { docsRoute } from './docs.routes.js';

/** `GET /docs`, its boot script and stylesheet, and the Swagger UI files under `/docs/`. */
export function docsRoutes(deps: AppDeps) {
  const h = docsHandlers(deps);
  const app = createRouter();
  // An HTML page: documented, served by a plain handler (its assets are not API operations).
  app.openAPIRegistry.registerPath(docsRoute);
  app.get('/docs', h.page);
  app.get('/docs/docs.js', h.script);
  app.get('/docs/docs.css', h.styles);
  app.get('/docs/:file', h.vendor);
  return app;
}
