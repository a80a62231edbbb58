import type { Context } from 'hono';
import { METHODOLOGY_MD } from './methodology.generated.js';

/** Seconds browsers and CDNs may keep the document. */
const MAX_AGE_S = 3_600;

/** `GET /methodology`: the document from a string module (nothing is read from disk, as on Workers). */
export function methodologyHandlers() {
  const document = (c: Context) =>
    c.body(METHODOLOGY_MD, 200, {
      'content-type': 'text/markdown; charset=utf-8',
      'cache-control': `public, max-age=${MAX_AGE_S}`,
    });
  return { document };
}
