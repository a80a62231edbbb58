import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { UnknownReferenceError } from '../services/errors.js';
import { apiEstimateRoutes } from './api-estimates.index.js';
import type { AppDeps } from './deps.js';
import { gridIntensityRoutes } from './grid-intensity.index.js';
import { ProblemError, problemResponse, problems } from './problem.js';
import { providerRoutes } from './providers.index.js';
import { serverEstimateRoutes } from './server-estimates.index.js';
import { sourceRoutes } from './sources.index.js';
import { systemRoutes } from './system.index.js';
import { validationHook } from './validation.js';
import { websiteEstimateRoutes } from './website-estimates.index.js';

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/**
 * The Empreinte HTTP app: the same `fetch` app on Node and on Workers. Entries build the factor
 * store and hand it in; nothing here touches a driver or the environment.
 */
export function createApp(given: AppDeps) {
  const logError = given.logError ?? ((error: unknown) => console.error(error));
  const deps: AppDeps = { ...given, logError };
  const app = new OpenAPIHono({ defaultHook: validationHook });

  // The public API is open to every origin (websites call estimates, measurements and the badge).
  app.use('*', async (c, next) => {
    if (c.req.method === 'OPTIONS') {
      return new Response(null, {
        status: 204,
        headers: {
          'access-control-allow-origin': '*',
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-allow-headers': c.req.header('access-control-request-headers') ?? 'content-type',
          'access-control-max-age': '86400',
        },
      });
    }
    await next();
    c.res.headers.set('access-control-allow-origin', '*');
  });

  app.use('/v1/*', async (c, next) => {
    if (c.req.method === 'POST' && !JSON_MEDIA_TYPE.test(c.req.header('content-type') ?? '')) {
      return problemResponse(problems.unsupportedMediaType());
    }
    await next();
  });

  app.route('/', systemRoutes(deps, app));
  app.route('/', providerRoutes(deps));
  app.route('/', gridIntensityRoutes(deps));
  app.route('/', sourceRoutes(deps));
  app.route('/', serverEstimateRoutes(deps));
  app.route('/', apiEstimateRoutes(deps));
  app.route('/', websiteEstimateRoutes(deps));

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
