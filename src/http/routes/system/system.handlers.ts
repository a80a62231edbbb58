import type { OpenAPIHono, RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type AppDeps, catalogOf } from '../../deps.js';
import { openApiDocument } from '../../openapi-document.js';
import type { healthRoute } from './system.routes.js';

// biome-ignore lint/suspicious/noExplicitAny: any app's env
export function systemHandlers(deps: AppDeps, root: OpenAPIHono<any, any, any>) {
  let document: string | undefined;

  const health: RouteHandler<typeof healthRoute> = async (c) => {
    const catalog = await catalogOf(deps);
    return c.json({ status: 'ok' as const, data_version: catalog.dataVersion }, 200);
  };

  // Served pre-serialized: the document is built once per app.
  const openapi = (c: Context) => {
    document ??= JSON.stringify(openApiDocument(root, { publicUrl: deps.publicUrl }));
    return c.body(document, 200, { 'content-type': 'application/json' });
  };

  return { health, openapi };
}
