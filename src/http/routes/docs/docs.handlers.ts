import type { Context } from 'hono';
import type { AppDeps } from '../../deps.js';
import { ProblemError, problems } from '../../problem.js';
import { DOCS_CSS, DOCS_HTML, DOCS_JS, DOCS_VENDOR_FILES, isDocsVendorFile } from './docs-page.js';

/** Seconds browsers may keep the page, and its scripts and styles. */
const MAX_AGE_S = { page: 300, assets: 3_600 } as const;

/**
 * The reference page, its boot script and stylesheet (strings), and the Swagger UI files: read by
 * `deps.docsAsset` on Node; on Workers, static assets answer them before the app is called.
 */
export function docsHandlers(deps: AppDeps) {
  const text = (body: string, type: string, maxAge: number) => (c: Context) =>
    c.body(body, 200, { 'content-type': type, 'cache-control': `public, max-age=${maxAge}` });

  // 1.9 MB of files: sent gzipped (about 4× smaller) to clients that accept it, and cacheable.
  const vendor = async (c: Context) => {
    const file = c.req.param('file') ?? '';
    if (!isDocsVendorFile(file) || !deps.docsAsset)
      throw new ProblemError(problems.notFound(`No route for GET ${c.req.path}.`));
    const asset = await deps.docsAsset(file, /\bgzip\b/.test(c.req.header('accept-encoding') ?? ''));
    const headers: Record<string, string> = {
      'content-type': DOCS_VENDOR_FILES[file],
      'cache-control': `public, max-age=${MAX_AGE_S.assets}`,
      vary: 'accept-encoding',
    };
    if (asset.gzip) headers['content-encoding'] = 'gzip';
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, headers);
  };

  const script = text(DOCS_JS, 'text/javascript; charset=utf-8', MAX_AGE_S.assets);
  const styles = text(DOCS_CSS, 'text/css; charset=utf-8', MAX_AGE_S.assets);
  return {
    page: text(DOCS_HTML, 'text/html; charset=utf-8', MAX_AGE_S.page),
    /** `/docs/docs.js`, `/docs/docs.css`, else a Swagger UI file. */
    file: (c: Context) => {
      const file = c.req.param('file');
      return file === 'docs.js' ? script(c) : file === 'docs.css' ? styles(c) : vendor(c);
    },
  };
}
