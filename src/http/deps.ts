import type { Context } from 'hono';
import type { Catalog, CatalogCache } from '../factors/catalog-cache.js';
import type { SiteStore } from '../factors/site-store.js';
import type { SiteTestStore } from '../factors/site-test-store.js';
import type { SiteTestView } from '../services/lab/site-tests.js';
import type { TargetPolicy } from '../services/lab/target-policy.js';
import type { AnswerCache } from './answer-cache.js';
import type { RequestLogEntry } from './edge/access-log.js';
import type { RateLimiter } from './edge/rate-limit.js';
import { ProblemError, problems } from './problem.js';
import type { DocsVendorFile } from './routes/docs/docs-page.js';

/** What the HTTP app is given by an entry: stores and settings, never drivers or env. */
export interface AppDeps {
  catalog: CatalogCache;
  /** Site measurements (`/v1/sites…`, the badge by URL); without it those routes answer 503. */
  sites?: SiteStore;
  /** Lab tests (`/v1/sites/tests…`); without it a new test is a 501 problem. */
  siteTests?: SiteTestsDeps;
  /** HMAC secret of the site client keys (SITE_KEY_SECRET); none: one generated and kept in the site store. */
  siteKeySecret?: string;
  /** Shared cache of site answers and badges by URL (the Worker's Cache API); none: every read asks the store. */
  answerCache?: AnswerCache;
  /** Called with unexpected errors (the answer is a bare 500 problem). Default: console.error. */
  logError?: (error: unknown) => void;
  /**
   * The public detail of a 503 for a store failure the entry recognises (the Worker: tables missing,
   * so the migrations must be applied); undefined keeps the generic detail. Never a driver message.
   */
  explainUnavailable?: (error: unknown) => string | undefined;
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
  /** The API's public address (PUBLIC_URL): the `servers` entry of the served /openapi.json. */
  publicUrl?: string;
  /**
   * The Swagger UI files of /docs (Node: read from the swagger-ui-dist package), gzipped when
   * `gzip` is asked and available. None: the app answers 404 for them (on Workers, static assets
   * serve them before the app is called).
   */
  docsAsset?: (file: DocsVendorFile, gzip: boolean) => Promise<{ body: Uint8Array; gzip: boolean }>;
  /**
   * The methodology document (docs/methodology.md) served at /methodology: Node hands in the
   * generated string module; the Worker reads it from its static assets, which keeps ~29 KB
   * (gzipped) out of its bundle. None: /methodology answers 503.
   */
  methodologyDocument?: () => Promise<string>;
}

/** Why new lab tests cannot run on this server: 501 (nothing bound) or 503 (no usable browser). */
export interface LabAvailability {
  status: 501 | 503;
  detail: string;
}

/** What the lab test routes need from an entry. */
export interface SiteTestsDeps {
  store: SiteTestStore;
  /** Which addresses and ports tests may reach (checked here for what needs no DNS). */
  policy: TargetPolicy;
  /** Why new tests cannot run now, or null when they can. */
  unavailable(): LabAvailability | null;
  /** Hands a newly queued test to its runner (Node: wakes it; Worker: sends the queue message). */
  dispatch(test: SiteTestView): Promise<void>;
  /** New test ids. Default: crypto.randomUUID(). */
  newId?: () => string;
}

/** The loaded catalog, or a 503 problem when the store cannot be read and nothing is loaded. */
export async function catalogOf(deps: AppDeps): Promise<Catalog> {
  try {
    return await deps.catalog.get();
  } catch (error) {
    deps.logError?.(error); // always set by createApp
    const detail = deps.explainUnavailable?.(error) ?? 'The factor store is unavailable. Retry later.';
    throw new ProblemError(problems.unavailable(detail), { 'retry-after': '5' });
  }
}

/**
 * Runs `work` against the site store; a missing store or a database failure is a 503 problem
 * (the cause is logged, never answered).
 */
export async function withSiteStore<T>(deps: AppDeps, work: (store: SiteStore) => Promise<T>): Promise<T> {
  const unavailable = (error?: unknown) =>
    new ProblemError(
      problems.unavailable(
        (error !== undefined && deps.explainUnavailable?.(error)) ||
          'The site measurement store is unavailable. Retry later.',
      ),
      { 'retry-after': '5' },
    );
  if (!deps.sites) throw unavailable();
  try {
    return await work(deps.sites);
  } catch (error) {
    if (error instanceof ProblemError) throw error;
    deps.logError?.(error);
    throw unavailable(error);
  }
}
