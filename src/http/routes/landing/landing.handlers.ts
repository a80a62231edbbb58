import type { Context } from 'hono';
import { LANDING_JS } from '../../../badge/landing.generated.js';
import { LANDING_CSS, renderLandingPage } from './landing-page.js';

/** Seconds browsers and CDNs may keep the page and its assets. */
const MAX_AGE_S = { page: 300, script: 3_600 } as const;

/** Handlers of the landing page and its assets (strings: nothing is read from disk, as on Workers). */
export function landingHandlers() {
  const pages = new Map<string, string>();

  // Rendered once per origin the API is reached at (the snippet names that origin).
  const page = (c: Context) => {
    const origin = new URL(c.req.url).origin;
    let html = pages.get(origin);
    if (html === undefined) {
      html = renderLandingPage(origin);
      if (pages.size < 16) pages.set(origin, html);
    }
    return c.body(html, 200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': `public, max-age=${MAX_AGE_S.page}`,
    });
  };

  const script = (c: Context) =>
    c.body(LANDING_JS, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': `public, max-age=${MAX_AGE_S.script}`,
    });

  const styles = (c: Context) =>
    c.body(LANDING_CSS, 200, {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': `public, max-age=${MAX_AGE_S.script}`,
    });

  return { page, script, styles };
}
