import type { RouteHandler } from '@hono/zod-openapi';
import { compareWorkload } from '../../../services/compare.js';
import { type AppDeps, catalogOf } from '../../deps.js';
import type { compareRoute } from './compare.routes.js';

export function compareHandlers(deps: AppDeps) {
  const compare: RouteHandler<typeof compareRoute> = async (c) => {
    const catalog = await catalogOf(deps);
    return c.json(compareWorkload(catalog, c.req.valid('json')), 200);
  };
  return { compare };
}
