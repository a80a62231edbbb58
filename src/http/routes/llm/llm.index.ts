import { createRouter } from '../../create-router.js';
import type { AppDeps } from '../../deps.js';
import { llmHandlers } from './llm.handlers.js';
import { listLlmModelsRoute, listLlmProvidersRoute } from './llm.routes.js';

export function llmRoutes(deps: AppDeps) {
  const h = llmHandlers(deps);
  return createRouter().openapi(listLlmModelsRoute, h.models).openapi(listLlmProvidersRoute, h.providers);
}
