import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { renderBadgeSvg } from '../../../badge/svg.js';
import { BADGE_JS } from '../../../badge/widget.generated.js';
import type { WebsiteRating } from '../../../models/website-rating.js';
import { readSite } from '../../../services/site-measurement.js';
import { estimateWebsite } from '../../../services/website-estimate.js';
import { type AppDeps, catalogOf, withSiteStore } from '../../deps.js';
import { unknownSiteProblem } from '../sites/sites.handlers.js';
import { BADGE_MAX_AGE_S, type badgeSvgRoute } from './badge.routes.js';

const SVG_TYPE = 'image/svg+xml; charset=utf-8';

/** Handlers of the SVG badge (by URL or by bytes) and of badge.js (the generated string module). */
export function badgeHandlers(deps: AppDeps) {
  const svg: RouteHandler<typeof badgeSvgRoute> = async (c) => {
    const query = c.req.valid('query');
    if (query.url !== undefined) {
      const url = query.url;
      const site = await withSiteStore(deps, (store) => readSite(store, url));
      if (!site) throw unknownSiteProblem(url);
      return c.body(renderBadgeSvg({ co2eG: site.co2e_g, rating: site.rating, url: site.url }), 200, {
        'content-type': SVG_TYPE,
        'cache-control': `public, max-age=${BADGE_MAX_AGE_S.url}`,
      });
    }
    const catalog = await catalogOf(deps);
    const estimate = estimateWebsite(catalog, { bytes: query.bytes as number, model: query.model });
    const rating: WebsiteRating | null = estimate.rating;
    return c.body(renderBadgeSvg({ co2eG: estimate.per_view.co2e_g, rating }), 200, {
      'content-type': SVG_TYPE,
      'cache-control': `public, max-age=${BADGE_MAX_AGE_S.bytes}`,
    });
  };

  const script = (c: Context) =>
    c.body(BADGE_JS, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': `public, max-age=${BADGE_MAX_AGE_S.script}`,
    });

  return { svg, script };
}
