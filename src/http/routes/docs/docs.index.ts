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
  // One pattern for the boot files and Swagger UI's: a static path next to a parameter at one
  // level sends every request of the app through Hono's trie router instead of its RegExpRouter.
  app.get('/docs/:file', h.file);
  return app;
}
