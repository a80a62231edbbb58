import type { RouteHandler } from '@hono/zod-openapi';
import { estimateStorage } from '../../../services/storage-estimate.js';
import { type AppDeps, catalogOf } from '../../deps.js';
import type { estimateStorageRoute } from './storage-estimates.routes.js';

export function storageEstimateHandlers(deps: AppDeps) {
  const estimate: RouteHandler<typeof estimateStorageRoute> = async (c) => {
    const catalog = await catalogOf(deps);
    return c.json(estimateStorage(catalog, c.req.valid('json')), 200);
  };
  return { estimate };
}
