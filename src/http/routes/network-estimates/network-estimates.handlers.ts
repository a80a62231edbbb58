import type { RouteHandler } from '@hono/zod-openapi';
import { estimateNetwork } from '../../../services/network-estimate.js';
import { type AppDeps, catalogOf } from '../../deps.js';
import type { estimateNetworkRoute } from './network-estimates.routes.js';

export function networkEstimateHandlers(deps: AppDeps) {
  const estimate: RouteHandler<typeof estimateNetworkRoute> = async (c) => {
    const catalog = await catalogOf(deps);
    return c.json(estimateNetwork(catalog, c.req.valid('json')), 200);
  };
  return { estimate };
}
