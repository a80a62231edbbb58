import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { providerHandlers } from './providers.handlers.js';
import {
  getProviderRoute,
  listDatabasePlansRoute,
  listInstanceTypesRoute,
  listProvidersRoute,
  listRegionsRoute,
  listStorageServicesRoute,
} from './providers.routes.js';

export function providerRoutes(deps: AppDeps) {
  const h = providerHandlers(deps);
  return createRouter()
    .openapi(listProvidersRoute, h.list)
    .openapi(getProviderRoute, h.get)
    .openapi(listRegionsRoute, h.regions)
    .openapi(listInstanceTypesRoute, h.instanceTypes)
    .openapi(listStorageServicesRoute, h.storageServices)
    .openapi(listDatabasePlansRoute, h.databasePlans);
}
