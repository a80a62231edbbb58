import type { Context } from 'hono';
import type { WebsiteModel } from '../../../models/website.js';
import { readSite, type SiteAnswer } from '../../../services/site-measurement.js';
import type { CachedAnswer } from '../../answer-cache.js';
import { type AppDeps, catalogOf, withSiteStore } from '../../deps.js';
import { etagMatches, fnv1a } from '../../edge/conditional-get.js';
import { ProblemError, problems } from '../../problem.js';

/** Seconds a site answer or a badge by URL is fresh, then may be served stale while revalidated. */
export const SITE_MAX_AGE_S = 300;
export const SITE_STALE_WHILE_REVALIDATE_S = 86_400;
export const SITE_CACHE_CONTROL = `public, max-age=${SITE_MAX_AGE_S}, stale-while-revalidate=${SITE_STALE_WHILE_REVALIDATE_S}`;

/** The two representations of a page. */
export type SiteAnswerKind = 'json' | 'svg';

/** A 404 problem for a URL nobody has measured or tested. */
export function unknownSiteProblem(url: string): ProblemError {
  return new ProblemError(
    problems.notFound(
      `No measurement or lab test of '${url}' yet: POST /v1/sites/tests tests the page, ` +
        'POST /v1/sites/measurements records a visit.',
    ),
  );
}

/**
 * Strong ETag of a page answer: the page's row id and aggregate version (they change whenever
 * its figure may change), the model, the factor data version, and for JSON the `cleaner_than`
 * shown (it also moves when other pages change): everything the bytes of the answer depend on.
 */
export function siteEtag(kind: SiteAnswerKind, answer: SiteAnswer, dataVersion: string): string {
  const rank = kind === 'json' ? `.${Math.round(answer.site.cleaner_than * 100)}` : '';
  return `"${kind}.${answer.pageId}.${answer.version}.${answer.site.model}.${fnv1a(dataVersion)}${rank}"`;
}

/** Key of a page answer in the shared cache (one per representation, model and normalised URL). */
export function siteCacheKey(kind: SiteAnswerKind, model: WebsiteModel, url: string): string {
  return `${kind}/${model}/${url}`;
}

/** 304 when If-None-Match names the answer, else the answer; both cacheable. */
function respond(c: Context, answer: CachedAnswer): Response {
  const headers = { etag: answer.etag, 'cache-control': SITE_CACHE_CONTROL };
  const inm = c.req.header('if-none-match');
  if (inm !== undefined && etagMatches(inm, answer.etag)) return c.body(null, 304, headers);
  return c.body(answer.body, 200, { ...headers, 'content-type': answer.contentType });
}

/** Lets a promise finish after the answer (Workers' waitUntil); elsewhere it just runs. */
function afterAnswer(c: Context, work: Promise<unknown>, deps: AppDeps): void {
  const settled = work.catch((error) => deps.logError?.(error));
  try {
    c.executionCtx.waitUntil(settled);
  } catch {
    // no execution context (Node): the promise runs on its own
  }
}

/**
 * A page's answer by URL, in one representation: from the shared cache when it holds it (no
 * store, no catalog), else read (one index lookup and one pass over the buckets), rendered and
 * put in the cache; 404 problem for an unknown URL; 304 for a matching If-None-Match.
 */
export async function serveSite(
  c: Context,
  deps: AppDeps,
  request: { kind: SiteAnswerKind; url: string; model: WebsiteModel; contentType: string },
  render: (answer: SiteAnswer) => string,
): Promise<Response> {
  const key = siteCacheKey(request.kind, request.model, request.url);
  const cache = deps.answerCache;
  if (cache) {
    const hit = await cache.match(key).catch((error) => {
      deps.logError?.(error);
      return undefined;
    });
    if (hit) return respond(c, hit);
  }
  const catalog = await catalogOf(deps);
  const answer = await withSiteStore(deps, (store) => readSite(catalog, store, request.url, request.model));
  if (!answer) throw unknownSiteProblem(request.url);
  const entry: CachedAnswer = {
    body: render(answer),
    contentType: request.contentType,
    etag: siteEtag(request.kind, answer, catalog.dataVersion),
  };
  if (cache) afterAnswer(c, cache.put(key, entry, SITE_MAX_AGE_S), deps);
  return respond(c, entry);
}
