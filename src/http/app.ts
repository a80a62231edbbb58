import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { UnknownReferenceError } from '../services/errors.js';
import { apiEstimateRoutes } from './api-estimates.index.js';
import { badgeRoutes } from './badge.index.js';
import { batchEstimateRoutes } from './batch-estimates.index.js';
import { compareRoutes } from './compare.index.js';
import type { AppDeps } from './deps.js';
import { gridIntensityRoutes } from './grid-intensity.index.js';
import { hardening } from './hardening.js';
import { landingRoutes } from './landing.index.js';
import { ProblemError, problemResponse, problems } from './problem.js';
import { providerRoutes } from './providers.index.js';
import { methodologyRoutes } from './routes/methodology/methodology.index.js';
import { serverEstimateRoutes } from './server-estimates.index.js';
import { siteRoutes } from './sites.index.js';
import { sourceRoutes } from './sources.index.js';
import { systemRoutes } from './system.index.js';
import { validationHook } from './validation.js';
import { websiteEstimateRoutes } from './website-estimates.index.js';

/**
 * The Empreinte HTTP app: the same `fetch` app on Node and on Workers. Entries build the factor
 * store and hand it in; nothing here touches a driver or the environment.
 */
export function createApp(given: AppDeps) {
  const logError = given.logError ?? ((error: unknown) => console.error(error));
  const deps: AppDeps = { ...given, logError };
  const app = new OpenAPIHono({ defaultHook: validationHook });

  // Request id, CORS (open to every origin), rate limit, body limits, conditional catalog GETs,
  // security headers, access log: one middleware, measured (src/http/hardening.ts).
  app.use('*', hardening(deps));

  app.route('/', systemRoutes(deps, app));
  app.route('/', providerRoutes(deps));
  app.route('/', gridIntensityRoutes(deps));
  app.route('/', sourceRoutes(deps));
  app.route('/', serverEstimateRoutes(deps));
  app.route('/', apiEstimateRoutes(deps));
  app.route('/', websiteEstimateRoutes(deps));
  app.route('/', batchEstimateRoutes(deps));
  app.route('/', compareRoutes(deps));
  app.route('/', siteRoutes(deps));
  app.route('/', badgeRoutes(deps));
  app.route('/', landingRoutes());
  app.route('/', methodologyRoutes());

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
