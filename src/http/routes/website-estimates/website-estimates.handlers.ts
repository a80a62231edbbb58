import type { RouteHandler } from '@hono/zod-openapi';
import { estimateWebsite } from '../../../services/website-estimate.js';
import { type AppDeps, catalogOf } from '../../deps.js';
import type { estimateWebsiteQueryRoute, estimateWebsiteRoute } from './website-estimates.routes.js';

export function websiteEstimateHandlers(deps: AppDeps) {
  const post: RouteHandler<typeof estimateWebsiteRoute> = async (c) => {
    const catalog = await catalogOf(deps);
    return c.json(estimateWebsite(catalog, c.req.valid('json')), 200);
  };
  const get: RouteHandler<typeof estimateWebsiteQueryRoute> = async (c) => {
    const catalog = await catalogOf(deps);
    return c.json(estimateWebsite(catalog, c.req.valid('query')), 200);
  };
  return { post, get };
}
