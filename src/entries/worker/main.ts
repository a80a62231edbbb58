import { env as startEnv } from 'cloudflare:workers';
import { createClient } from '@libsql/client/web';
import { drizzle as drizzleD1 } from 'drizzle-orm/d1';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql/web';
import type { Context } from 'hono';
import { createCatalogCache } from '../../factors/catalog-cache.js';
import { CATALOG_SNAPSHOT_JSON, CATALOG_SNAPSHOT_VERSION } from '../../factors/catalog-snapshot.generated.js';
import { catalogSnapshot } from '../../factors/catalog-snapshot.js';
import { createDrizzleFactorStore, type EmpreinteDatabase } from '../../factors/drizzle-store.js';
import * as schema from '../../factors/schema.js';
import { createDrizzleSiteStore } from '../../factors/site-store.js';
import { createApp, type EmpreinteApp } from '../../http/app.js';
import {
  createBindingRateLimiter,
  createMemoryRateLimiter,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  type RateLimiter,
} from '../../http/edge/rate-limit.js';

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
}

type Backend = 'd1' | 'libsql';

/**
 * The catalog of the data version built into the bundle, decoded and built while the isolate
 * starts (top-level code runs before its first request); used when D1 reports that version.
 */
const snapshot = catalogSnapshot(CATALOG_SNAPSHOT_VERSION, CATALOG_SNAPSHOT_JSON, true);

/** Per isolate: the app is built on the first request and reused while the backend is the same. */
let cached: { backend: Backend; edge: string; db: D1Database; app: EmpreinteApp } | undefined;

/** libSQL over HTTP when LIBSQL_URL is set (no sockets or Node APIs: the `web` client), else D1. */
function openDatabase(env: Env): EmpreinteDatabase {
  if (env.LIBSQL_URL) {
    const client = createClient(
      env.LIBSQL_AUTH_TOKEN
        ? { url: env.LIBSQL_URL, authToken: env.LIBSQL_AUTH_TOKEN }
        : { url: env.LIBSQL_URL },
    );
    return drizzleLibsql(client, { schema });
  }
  return drizzleD1(env.DB, { schema });
}

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
  const edge = `${env.RATE_LIMIT_PER_MINUTE ?? ''}|${env.RATE_LIMITER ? 'binding' : 'isolate'}`;
  if (cached?.backend === backend && cached.edge === edge && cached.db === env.DB) return cached.app;
  const db = openDatabase(env);
  const catalog = createCatalogCache(createDrizzleFactorStore(db), { snapshot });
  const sites = createDrizzleSiteStore(db);
  const app = createApp({ catalog, sites, rateLimiter: rateLimiterFor(env), clientIp: cfClientIp });
  cached = { backend, edge, db: env.DB, app };
  return cached.app;
}

// While the isolate starts (no I/O allowed, CPU only): the app for the bindings it starts with,
// its router compiled, so that the first request only asks D1 for its data version.
try {
  appFor(startEnv as unknown as Env).router.match('POST', '/v1/estimates/server');
} catch (error) {
  console.error('the app could not be prepared at startup; it is built on the first request', error);
}

export default {
  fetch(request, env, ctx) {
    return appFor(env).fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
