import { HTTPException } from 'hono/http-exception';
import { UnknownReferenceError } from '../services/errors.js';
import { createRouter } from './create-router.js';
import type { AppDeps } from './deps.js';
import { edge } from './edge/middleware.js';
import { ProblemError, problemResponse, problems } from './problem.js';
import { apiEstimateRoutes } from './routes/api-estimates/api-estimates.index.js';
import { badgeRoutes } from './routes/badge/badge.index.js';
import { batchEstimateRoutes } from './routes/batch-estimates/batch-estimates.index.js';
import { compareRoutes } from './routes/compare/compare.index.js';
import { docsRoutes } from './routes/docs/docs.index.js';
import { gridIntensityRoutes } from './routes/grid-intensity/grid-intensity.index.js';
import { landingRoutes } from './routes/landing/landing.index.js';
import { llmRoutes } from './routes/llm/llm.index.js';
import { llmEstimateRoutes } from './routes/llm-estimates/llm-estimates.index.js';
import { managedDatabaseEstimateRoutes } from './routes/managed-database-estimates/managed-database-estimates.index.js';
import { methodologyRoutes } from './routes/methodology/methodology.index.js';
import { networkEstimateRoutes } from './routes/network-estimates/network-estimates.index.js';
import { providerRoutes } from './routes/providers/providers.index.js';
import { serverEstimateRoutes } from './routes/server-estimates/server-estimates.index.js';
import { siteTestRoutes } from './routes/site-tests/site-tests.index.js';
import { siteRoutes } from './routes/sites/sites.index.js';
import { sourceRoutes } from './routes/sources/sources.index.js';
import { storageEstimateRoutes } from './routes/storage-estimates/storage-estimates.index.js';
import { systemRoutes } from './routes/system/system.index.js';
import { websiteEstimateRoutes } from './routes/website-estimates/website-estimates.index.js';

/**
 * The Empreinte HTTP app: the same `fetch` app on Node and on Workers. Entries build the factor
 * store and hand it in; nothing here touches a driver or the environment.
 */
export function createApp(given: AppDeps) {
  const logError = given.logError ?? ((error: unknown) => console.error(error));
  const deps: AppDeps = { ...given, logError };
  const app = createRouter();

  // Request id, CORS (open to every origin), rate limit, body limits, conditional catalog GETs,
  // security headers, access log: one middleware, measured (src/http/edge/).
  app.use('*', edge(deps));

  app.route('/', systemRoutes(deps, app));
  app.route('/', docsRoutes(deps));
  app.route('/', providerRoutes(deps));
  app.route('/', gridIntensityRoutes(deps));
  app.route('/', sourceRoutes(deps));
  app.route('/', serverEstimateRoutes(deps));
  app.route('/', apiEstimateRoutes(deps));
  app.route('/', websiteEstimateRoutes(deps));
  app.route('/', storageEstimateRoutes(deps));
  app.route('/', networkEstimateRoutes(deps));
  app.route('/', managedDatabaseEstimateRoutes(deps));
  app.route('/', llmEstimateRoutes(deps));
  app.route('/', llmRoutes(deps));
  app.route('/', batchEstimateRoutes(deps));
  app.route('/', compareRoutes(deps));
  app.route('/', siteRoutes(deps));
  app.route('/', siteTestRoutes(deps));
  app.route('/', badgeRoutes(deps));
  app.route('/', landingRoutes());
  app.route('/', methodologyRoutes(deps));

  app.notFound((c) => problemResponse(problems.notFound(`No route for ${c.req.method} ${c.req.path}.`)));
  app.onError((error) => {
    if (error instanceof ProblemError) return problemResponse(error.problem, error.headers);
    if (error instanceof UnknownReferenceError)
      return problemResponse(problems.unknownReference(error.issues));
    if (error instanceof HTTPException && error.status === 400)
      return problemResponse(problems.malformedJson());
    logError(error);
    return problemResponse(problems.internal());
  });
  return app;
}

export type EmpreinteApp = ReturnType<typeof createApp>;
