import { env as startEnv } from 'cloudflare:workers';
import type { Context } from 'hono';
import { createCatalogCache } from '../../factors/catalog-cache.js';
import { CATALOG_SNAPSHOT_JSON, CATALOG_SNAPSHOT_VERSION } from '../../factors/catalog-snapshot.generated.js';
import { catalogSnapshot } from '../../factors/catalog-snapshot.js';
import { createDrizzleFactorStore } from '../../factors/drizzle-store.js';
import { createDrizzleSiteStore, type SiteStore } from '../../factors/site-store.js';
import type { AnswerCache } from '../../http/answer-cache.js';
import { createApp, type EmpreinteApp } from '../../http/app.js';
import {
  createBindingRateLimiter,
  createMemoryRateLimiter,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  type RateLimiter,
} from '../../http/edge/rate-limit.js';
import { parsePublicUrl } from '../../http/openapi-document.js';
import { METHODOLOGY_ASSET } from '../../http/routes/methodology/methodology.routes.js';
import type { SiteTestMessage } from '../../services/lab/site-tests.js';
import { pruneSites } from '../../services/site-retention.js';
import { openDatabase } from './database.js';
import { isMissingTableError, missingTablesDetail } from './missing-tables.js';
import { workerSiteTests } from './site-tests.js';

/** Bindings and secrets of the Worker (see wrangler.toml). */
export interface Env {
  /** D1 factor store: the default backend. */
  DB: D1Database;
  /** Turso / libSQL over HTTP (`libsql://…`, `https://…`): used instead of D1 when set (secret). */
  LIBSQL_URL?: string;
  /** Auth token for LIBSQL_URL (secret). */
  LIBSQL_AUTH_TOKEN?: string;
  /** Requests per minute per client address ([vars]; default 600, "0" disables rate limiting). */
  RATE_LIMIT_PER_MINUTE?: string;
  /** Workers Rate Limiting binding ([[ratelimits]] in wrangler.toml, bound by default): decides when
   * set; a deploy without it falls back to each isolate's own in-memory token buckets. */
  RATE_LIMITER?: RateLimit;
  /** Optional Queue producer ([[queues.producers]]): lab tests are sent to the lab Worker
   * (wrangler.lab.toml) through it. Without it, `POST /v1/sites/tests` is a 501 problem. */
  SITE_TESTS_QUEUE?: Queue<SiteTestMessage>;
  /** HMAC secret of site client keys (secret); unset: one is generated and kept in the database. */
  SITE_KEY_SECRET?: string;
  /** The Worker's public address ([vars]): the `servers` entry of the served /openapi.json. */
  PUBLIC_URL?: string;
  /** Static assets ([assets]): the Swagger UI files of /docs, answered by Cloudflare before the Worker. */
  ASSETS?: Fetcher;
}

type Backend = 'd1' | 'libsql';

/**
 * The catalog of the data version built into the bundle, decoded and built while the isolate
 * starts (top-level code runs before its first request); used when D1 reports that version.
 */
const snapshot = catalogSnapshot(CATALOG_SNAPSHOT_VERSION, CATALOG_SNAPSHOT_JSON, true);

/** Per isolate: RATE_LIMIT_PER_MINUTE, through the binding when there is one. */
function rateLimiterFor(env: Env, log: (message: unknown) => void): RateLimiter | undefined {
  const raw = env.RATE_LIMIT_PER_MINUTE?.trim();
  let perMinute = raw ? Number(raw) : DEFAULT_RATE_LIMIT_PER_MINUTE;
  if (!Number.isInteger(perMinute) || perMinute < 0) {
    // A typo must not switch the limiter off: keep the default and say so in the logs.
    log(
      `RATE_LIMIT_PER_MINUTE must be a whole number ≥ 0, got '${raw}': using ${DEFAULT_RATE_LIMIT_PER_MINUTE}.`,
    );
    perMinute = DEFAULT_RATE_LIMIT_PER_MINUTE;
  }
  if (perMinute === 0) return undefined;
  const local = createMemoryRateLimiter({ perMinute });
  return env.RATE_LIMITER ? createBindingRateLimiter(env.RATE_LIMITER, local) : local;
}

/** PUBLIC_URL, or none (and a log line) when it is not an absolute http(s) URL. */
function publicUrlOf(env: Env, log: (message: unknown) => void): string | undefined {
  try {
    return parsePublicUrl(env.PUBLIC_URL);
  } catch (error) {
    log(`${(error as Error).message}: /openapi.json keeps its default server.`);
    return undefined;
  }
}

/** Cloudflare sets CF-Connecting-IP to the client's address on every request it forwards. */
const cfClientIp = (c: Context) => c.req.header('cf-connecting-ip');

/** Cache API keys are URLs: a page answer's key is the SHA-256 of its cache key under this origin. */
const ANSWER_CACHE_ORIGIN = 'https://answers.empreinte.internal/';

async function answerRequest(key: string): Promise<Request> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  let hex = '';
  for (const b of new Uint8Array(digest)) hex += b.toString(16).padStart(2, '0');
  return new Request(ANSWER_CACHE_ORIGIN + hex);
}

/** Site answers and badges by URL in the Cache API of the Cloudflare location, for their max-age. */
function cacheApiAnswers(cache: Cache): AnswerCache {
  return {
    async match(key) {
      const res = await cache.match(await answerRequest(key));
      if (!res) return undefined;
      const etag = res.headers.get('etag');
      const contentType = res.headers.get('content-type');
      if (!etag || !contentType) return undefined;
      return { body: await res.text(), etag, contentType };
    },
    async put(key, answer, maxAgeSeconds) {
      const headers = {
        'content-type': answer.contentType,
        etag: answer.etag,
        'cache-control': `public, max-age=${maxAgeSeconds}`,
      };
      await cache.put(await answerRequest(key), new Response(answer.body, { headers }));
    },
  };
}

/** docs/methodology.md from the static assets (copied by scripts/copy-docs-assets.ts), read once per isolate. */
function methodologyFromAssets(assets: Fetcher): () => Promise<string> {
  let text: Promise<string> | undefined;
  return () => {
    text ??= assets.fetch(`https://assets.invalid${METHODOLOGY_ASSET}`).then(async (res) => {
      if (!res.ok) throw new Error(`the methodology asset answered ${res.status}`);
      return res.text();
    });
    text.catch(() => {
      text = undefined;
    });
    return text;
  };
}

/** The app and site store of an env, built fresh (the Worker keeps one per isolate). */
export function createWorkerApp(
  env: Env,
  logError: (error: unknown) => void = (error) => console.error(error),
): { app: EmpreinteApp; sites: SiteStore } {
  const backend: Backend = env.LIBSQL_URL ? 'libsql' : 'd1';
  const db = openDatabase(env);
  const catalog = createCatalogCache(createDrizzleFactorStore(db), { snapshot });
  const sites = createDrizzleSiteStore(db);
  const app = createApp({
    catalog,
    sites,
    siteTests: workerSiteTests(db, env.SITE_TESTS_QUEUE),
    logError,
    // An unmigrated database says how to migrate it (the log still has the driver's message).
    explainUnavailable: (error) => (isMissingTableError(error) ? missingTablesDetail(backend) : undefined),
    rateLimiter: rateLimiterFor(env, logError),
    clientIp: cfClientIp,
    ...(env.ASSETS ? { methodologyDocument: methodologyFromAssets(env.ASSETS) } : {}),
    publicUrl: publicUrlOf(env, logError),
    ...(typeof caches !== 'undefined' ? { answerCache: cacheApiAnswers(caches.default) } : {}),
    ...(env.SITE_KEY_SECRET ? { siteKeySecret: env.SITE_KEY_SECRET } : {}),
  });
  return { app, sites };
}

export interface WorkerOptions {
  /** Where unexpected errors and configuration warnings go. Default: console.error (Workers logs). */
  logError?: (error: unknown) => void;
}

/** Pages handled per Cron Trigger run at most (the next run continues). */
const PRUNE_MAX_PAGES_PER_RUN = 5_000;

/**
 * The Worker. Per isolate, the app is built on the first request and reused while the backend and
 * the edge settings are the same.
 */
export function createWorker(
  options: WorkerOptions = {},
): Required<Pick<ExportedHandler<Env>, 'fetch' | 'scheduled'>> & { prepare(env: Env): void } {
  const logError = options.logError ?? ((error: unknown) => console.error(error));
  let cached:
    | {
        backend: Backend;
        edge: string;
        db: D1Database;
        limiter: RateLimit | undefined;
        app: EmpreinteApp;
        sites: SiteStore;
      }
    | undefined;

  const workerFor = (env: Env): { app: EmpreinteApp; sites: SiteStore } => {
    const backend: Backend = env.LIBSQL_URL ? 'libsql' : 'd1';
    const edge = [
      env.RATE_LIMIT_PER_MINUTE ?? '',
      env.RATE_LIMITER ? 'binding' : 'isolate',
      env.PUBLIC_URL ?? '',
      env.SITE_KEY_SECRET ? 'secret' : 'stored',
      env.SITE_TESTS_QUEUE ? 'lab' : '',
    ].join('|');
    if (
      cached?.backend === backend &&
      cached.edge === edge &&
      cached.db === env.DB &&
      cached.limiter === env.RATE_LIMITER
    )
      return cached;
    cached = { backend, edge, db: env.DB, limiter: env.RATE_LIMITER, ...createWorkerApp(env, logError) };
    return cached;
  };

  return {
    /** Builds the app for `env` and compiles its router now (CPU only, no I/O). */
    prepare(env) {
      workerFor(env).app.router.match('POST', '/v1/estimates/server');
    },
    fetch(request, env, ctx) {
      return workerFor(env).app.fetch(request, env, ctx);
    },
    /** The site retention job ([triggers] crons in wrangler.toml). */
    scheduled(controller, env, ctx) {
      ctx.waitUntil(
        pruneSites(workerFor(env).sites, new Date(controller.scheduledTime), {
          maxPages: PRUNE_MAX_PAGES_PER_RUN,
        }).then((done) => console.log(JSON.stringify({ msg: 'site retention', ...done })), logError),
      );
    },
  };
}

const worker = createWorker();

// While the isolate starts (no I/O allowed, CPU only): the app for the bindings it starts with,
// its router compiled, so that the first request only asks D1 for its data version.
try {
  worker.prepare(startEnv as unknown as Env);
} catch (error) {
  console.error('the app could not be prepared at startup; it is built on the first request', error);
}

export default worker;
