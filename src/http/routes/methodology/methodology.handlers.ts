import type { Context } from 'hono';
import type { AppDeps } from '../../deps.js';
import { ProblemError, problems } from '../../problem.js';

/** Seconds browsers and CDNs may keep the document. */
const MAX_AGE_S = 3_600;

/** `GET /methodology`: the document its entry hands in (a string module on Node, a static asset on Workers). */
export function methodologyHandlers(deps: AppDeps) {
  const document = async (c: Context) => {
    if (!deps.methodologyDocument)
      throw new ProblemError(
        problems.unavailable('The methodology document is not available on this server.'),
      );
    return c.body(await deps.methodologyDocument(), 200, {
      'content-type': 'text/markdown; charset=utf-8',
      'cache-control': `public, max-age=${MAX_AGE_S}`,
    });
  };
  return { document };
}
