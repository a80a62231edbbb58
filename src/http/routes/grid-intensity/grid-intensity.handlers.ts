import type { RouteHandler } from '@hono/zod-openapi';
import type { GridZoneInfo } from '../../../factors/catalog.js';
import { type AppDeps, catalogOf } from '../../deps.js';
import { ProblemError, problems } from '../../problem.js';
import type { getGridIntensityRoute, listGridIntensitiesRoute } from './grid-intensity.routes.js';

const view = (g: GridZoneInfo) => ({
  zone: g.zone,
  country_alpha2: g.alpha2,
  name: g.name,
  year: g.year,
  grid_intensity_g_per_kwh: g.gPerKwh,
  source_id: g.sourceId,
});

export function gridIntensityHandlers(deps: AppDeps) {
  const list: RouteHandler<typeof listGridIntensitiesRoute> = async (c) => {
    const catalog = await catalogOf(deps);
    return c.json({ data: catalog.gridZones.map(view) }, 200);
  };
  const get: RouteHandler<typeof getGridIntensityRoute> = async (c) => {
    const catalog = await catalogOf(deps);
    const { zone } = c.req.valid('param');
    const g = catalog.gridZone(zone);
    if (!g) {
      throw new ProblemError(
        problems.notFound(
          `Unknown zone '${zone}': use an ISO 3166 alpha-2 or alpha-3 code, or WORLD (GET /v1/grid-intensity).`,
        ),
      );
    }
    return c.json(view(g), 200);
  };
  return { list, get };
}
