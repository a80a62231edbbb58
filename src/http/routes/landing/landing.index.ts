import { createRouter } from '../../create-router.js';
import { landingHandlers } from './landing.handlers.js';
import { landingRoute, landingScriptRoute, landingStylesRoute } from './landing.routes.js';

/** `GET /`, `GET /assets/landing.js` and `GET /assets/landing.css`. */
export function landingRoutes() {
  const h = landingHandlers();
  const app = createRouter();
  // HTML, a script and a stylesheet: documented, served by plain handlers.
  app.openAPIRegistry.registerPath(landingRoute);
  app.openAPIRegistry.registerPath(landingScriptRoute);
  app.openAPIRegistry.registerPath(landingStylesRoute);
  app.get('/', h.page);
  app.get('/assets/landing.js', h.script);
  app.get('/assets/landing.css', h.styles);
  return app;
}
