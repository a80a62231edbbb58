import type { RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { siteMarks } from '../../../badge/marks.js';
import { renderBadgeSvg } from '../../../badge/svg.js';
import { BADGE_JS } from '../../../badge/widget.generated.js';
import type { WebsiteRating } from '../../../models/website-rating.js';
import { estimateWebsite } from '../../../services/website-estimate.js';
import { type AppDeps, catalogOf } from '../../deps.js';
import { serveSite } from '../sites/sites.cache.js';
import { BADGE_MAX_AGE_S, type badgeSvgRoute } from './badge.routes.js';

const SVG_TYPE = 'image/svg+xml; charset=utf-8';

/** Handlers of the SVG badge (by URL or by bytes) and of badge.js (the generated string module). */
export function badgeHandlers(deps: AppDeps) {
  const svg: RouteHandler<typeof badgeSvgRoute> = async (c) => {
    const query = c.req.valid('query');
    const model = query.model ?? 'swd-v4';
    if (query.url !== undefined) {
      return serveSite(c, deps, { kind: 'svg', url: query.url, model, contentType: SVG_TYPE }, ({ site }) =>
        renderBadgeSvg({
          co2eG: site.co2e_g,
          rating: site.rating,
          url: site.url,
          marks: siteMarks(site.coverage, site.clients, site.source),
          figure:
            site.source === 'lab' && site.lab
              ? { source: 'lab', testedAt: site.lab.tested_at }
              : { source: 'field', clients: site.clients, windowDays: site.window_days },
        }),
      );
    }
    const catalog = await catalogOf(deps);
    const estimate = estimateWebsite(catalog, { bytes: query.bytes as number, model });
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
