import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from './deps.js';
import { providerHandlers } from './providers.handlers.js';
import {
  getProviderRoute,
  listInstanceTypesRoute,
  listProvidersRoute,
  listRegionsRoute,
} from './providers.routes.js';
import { validationHook } from './validation.js';

export function providerRoutes(deps: AppDeps) {
  const h = providerHandlers(deps);
  return new OpenAPIHono({ defaultHook: validationHook })
    .openapi(listProvidersRoute, h.list)
    .openapi(getProviderRoute, h.get)
    .openapi(listRegionsRoute, h.regions)
    .openapi(listInstanceTypesRoute, h.instanceTypes);
}
