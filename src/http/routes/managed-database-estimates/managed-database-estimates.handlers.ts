import type { RouteHandler } from '@hono/zod-openapi';
import { estimateDatabase } from '../../../services/database-estimate.js';
import { type AppDeps, catalogOf } from '../../deps.js';
import type { estimateManagedDatabaseRoute } from './managed-database-estimates.routes.js';

export function managedDatabaseEstimateHandlers(deps: AppDeps) {
  const estimate: RouteHandler<typeof estimateManagedDatabaseRoute> = async (c) => {
    const catalog = await catalogOf(deps);
    return c.json(estimateDatabase(catalog, c.req.valid('json')), 200);
  };
  return { estimate };
}
