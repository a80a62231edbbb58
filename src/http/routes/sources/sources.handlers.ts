import type { RouteHandler } from '@hono/zod-openapi';
import { type AppDeps, catalogOf } from '../../deps.js';
import type { listSourcesRoute } from './sources.routes.js';

export function sourceHandlers(deps: AppDeps) {
  const list: RouteHandler<typeof listSourcesRoute> = async (c) => {
    const catalog = await catalogOf(deps);
    const data = catalog.sources.map((s) => ({
      id: s.id,
      title: s.title,
      publisher: s.publisher,
      url: s.url,
      year: s.year,
      version: s.version,
      note: s.note,
    }));
    return c.json({ data }, 200);
  };
  return { list };
}
