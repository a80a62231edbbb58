import type { RouteHandler } from '@hono/zod-openapi';
import { estimateLlm } from '../../../services/llm-estimate.js';
import { type AppDeps, catalogOf } from '../../deps.js';
import type { estimateLlmRoute } from './llm-estimates.routes.js';

export function llmEstimateHandlers(deps: AppDeps) {
  const estimate: RouteHandler<typeof estimateLlmRoute> = async (c) => {
    const catalog = await catalogOf(deps);
    return c.json(estimateLlm(catalog, c.req.valid('json')), 200);
  };
  return { estimate };
}
