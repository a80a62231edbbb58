import type { Context } from 'hono';
import type { Catalog, CatalogCache } from '../factors/catalog-cache.js';
import type { SiteStore } from '../factors/site-store.js';
import type { RequestLogEntry } from './edge/access-log.js';
import type { RateLimiter } from './edge/rate-limit.js';
import { ProblemError, problems } from './problem.js';

/** What the HTTP app is given by an entry: stores and settings, never drivers or env. */
export interface AppDeps {
  catalog: CatalogCache;
  /** Site measurements (`/v1/sites…`, the badge by URL); without it those routes answer 503. */
  sites?: SiteStore;
  /** Called with unexpected errors (the answer is a bare 500 problem). Default: console.error. */
  logError?: (error: unknown) => void;
  /** Per-client rate limiter (src/http/edge/rate-limit.ts). None: no limiting, no RateLimit-* headers. */
  rateLimiter?: RateLimiter;
  /** The client's address, for rate limiting: the entry knows where it comes from (socket, CF header). */
  clientIp?: (c: Context) => string | undefined;
  /** Called once per request with its access-log record (Node: a buffered JSON line). */
  onRequest?: (entry: RequestLogEntry) => void;
  /** Caps every route's own body limit (src/http/route-limits.ts), bytes. Default: no cap. */
  maxBodyBytes?: number;
  /** Answer `Connection: close` when a request body was left unread (Node keep-alive). */
  closeUnreadBodies?: boolean;
}

/** The loaded catalog, or a 503 problem when the store cannot be read and nothing is loaded. */
export async function catalogOf(deps: AppDeps): Promise<Catalog> {
  try {
    return await deps.catalog.get();
  } catch (error) {
    deps.logError?.(error); // always set by createApp
    throw new ProblemError(problems.unavailable('The factor store is unavailable. Retry later.'), {
      'retry-after': '5',
    });
  }
}

/**
 * Runs `work` against the site store; a missing store or a database failure is a 503 problem
 * (the cause is logged, never answered).
 */
export async function withSiteStore<T>(deps: AppDeps, work: (store: SiteStore) => Promise<T>): Promise<T> {
  const unavailable = () =>
    new ProblemError(problems.unavailable('The site measurement store is unavailable. Retry later.'), {
      'retry-after': '5',
    });
  if (!deps.sites) throw unavailable();
  try {
    return await work(deps.sites);
  } catch (error) {
    if (error instanceof ProblemError) throw error;
    deps.logError?.(error);
    throw unavailable();
  }
}
