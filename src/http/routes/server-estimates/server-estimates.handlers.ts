import type { RouteHandler } from '@hono/zod-openapi';
import { estimateServer } from '../../../services/server-estimate.js';
import { type AppDeps, catalogOf } from '../../deps.js';
import type { estimateServerRoute } from './server-estimates.routes.js';

export function serverEstimateHandlers(deps: AppDeps) {
  const estimate: RouteHandler<typeof estimateServerRoute> = async (c) => {
    const catalog = await catalogOf(deps);
    return c.json(estimateServer(catalog, c.req.valid('json')), 200);
  };
  return { estimate };
}
