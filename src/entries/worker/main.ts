import type { Context } from 'hono';
import { createCatalogCache } from '../../factors/catalog-cache.js';
import { createDrizzleFactorStore } from '../../factors/drizzle-store.js';
import { createDrizzleSiteStore } from '../../factors/site-store.js';
import { createApp, type EmpreinteApp } from '../../http/app.js';
import {
  createBindingRateLimiter,
  createMemoryRateLimiter,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  type RateLimiter,
} from '../../http/edge/rate-limit.js';
import type { SiteTestMessage } from '../../services/lab/site-tests.js';
import { openDatabase } from './database.js';
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
  /** Optional Workers Rate Limiting binding ([[ratelimits]] in wrangler.toml): decides when set;
   * otherwise each isolate keeps its own in-memory token buckets. */
  RATE_LIMITER?: RateLimit;
  /** Optional Queue producer ([[queues.producers]]): lab tests are sent to the lab Worker
   * (wrangler.lab.toml) through it. Without it, `POST /v1/sites/tests` is a 501 problem. */
  SITE_TESTS_QUEUE?: Queue<SiteTestMessage>;
}

type Backend = 'd1' | 'libsql';

/** Per isolate: the app is built on the first request and reused while the backend is the same. */
let cached: { backend: Backend; edge: string; app: EmpreinteApp } | undefined;

/** Per isolate: RATE_LIMIT_PER_MINUTE, through the binding when there is one. */
function rateLimiterFor(env: Env): RateLimiter | undefined {
  const raw = env.RATE_LIMIT_PER_MINUTE?.trim();
  let perMinute = raw ? Number(raw) : DEFAULT_RATE_LIMIT_PER_MINUTE;
  if (!Number.isInteger(perMinute) || perMinute < 0) {
    // A typo must not switch the limiter off: keep the default and say so in the logs.
    console.error(
      `RATE_LIMIT_PER_MINUTE must be a whole number ≥ 0, got '${raw}': using ${DEFAULT_RATE_LIMIT_PER_MINUTE}.`,
    );
    perMinute = DEFAULT_RATE_LIMIT_PER_MINUTE;
  }
  if (perMinute === 0) return undefined;
  const local = createMemoryRateLimiter({ perMinute });
  return env.RATE_LIMITER ? createBindingRateLimiter(env.RATE_LIMITER, local) : local;
}

/** Cloudflare sets CF-Connecting-IP to the client's address on every request it forwards. */
const cfClientIp = (c: Context) => c.req.header('cf-connecting-ip');

function appFor(env: Env): EmpreinteApp {
  const backend: Backend = env.LIBSQL_URL ? 'libsql' : 'd1';
  const queue = env.SITE_TESTS_QUEUE;
  const edge = `${env.RATE_LIMIT_PER_MINUTE ?? ''}|${env.RATE_LIMITER ? 'binding' : 'isolate'}|${queue ? 'lab' : ''}`;
  if (cached?.backend === backend && cached.edge === edge) return cached.app;
  const db = openDatabase(env);
  const catalog = createCatalogCache(createDrizzleFactorStore(db));
  const sites = createDrizzleSiteStore(db);
  const siteTests = workerSiteTests(db, queue);
  const app = createApp({
    catalog,
    sites,
    siteTests,
    rateLimiter: rateLimiterFor(env),
    clientIp: cfClientIp,
  });
  cached = { backend, edge, app };
  return cached.app;
}

export default {
  fetch(request, env, ctx) {
    return appFor(env).fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
