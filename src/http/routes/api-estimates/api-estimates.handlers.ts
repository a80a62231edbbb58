import type { RouteHandler } from '@hono/zod-openapi';
import { estimateApi } from '../../../services/api-estimate.js';
import { type AppDeps, catalogOf } from '../../deps.js';
import type { estimateApiRoute } from './api-estimates.routes.js';

export function apiEstimateHandlers(deps: AppDeps) {
  const estimate: RouteHandler<typeof estimateApiRoute> = async (c) => {
    const catalog = await catalogOf(deps);
    return c.json(estimateApi(catalog, c.req.valid('json')), 200);
  };
  return { estimate };
}
