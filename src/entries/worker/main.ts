import { createClient } from '@libsql/client/web';
import { drizzle as drizzleD1 } from 'drizzle-orm/d1';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql/web';
import type { Context } from 'hono';
import { createCatalogCache } from '../../factors/catalog-cache.js';
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
import { parsePublicUrl } from '../../http/openapi-document.js';
import { isMissingTableError, missingTablesDetail } from './missing-tables.js';

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
  /** The Worker's public address ([vars]): the `servers` entry of the served /openapi.json. */
  PUBLIC_URL?: string;
  /** Static assets ([assets]): the Swagger UI files of /docs, answered by Cloudflare before the Worker. */
  ASSETS?: Fetcher;
}

type Backend = 'd1' | 'libsql';

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

export interface WorkerOptions {
  /** Where unexpected errors and configuration warnings go. Default: console.error (Workers logs). */
  logError?: (error: unknown) => void;
}

/**
 * The Worker. Per isolate, the app is built on the first request and reused while the backend and
 * the edge settings are the same.
 */
export function createWorker(options: WorkerOptions = {}): Required<Pick<ExportedHandler<Env>, 'fetch'>> {
  const logError = options.logError ?? ((error: unknown) => console.error(error));
  let cached: { backend: Backend; edge: string; app: EmpreinteApp } | undefined;

  const appFor = (env: Env): EmpreinteApp => {
    const backend: Backend = env.LIBSQL_URL ? 'libsql' : 'd1';
    const edge = `${env.RATE_LIMIT_PER_MINUTE ?? ''}|${env.RATE_LIMITER ? 'binding' : 'isolate'}|${env.PUBLIC_URL ?? ''}`;
    if (cached?.backend === backend && cached.edge === edge) return cached.app;
    const db = openDatabase(env);
    const catalog = createCatalogCache(createDrizzleFactorStore(db));
    const sites = createDrizzleSiteStore(db);
    const app = createApp({
      catalog,
      sites,
      logError,
      // An unmigrated database says how to migrate it (the log still has the driver's message).
      explainUnavailable: (error) => (isMissingTableError(error) ? missingTablesDetail(backend) : undefined),
      rateLimiter: rateLimiterFor(env, logError),
      clientIp: cfClientIp,
      publicUrl: publicUrlOf(env, logError),
    });
    cached = { backend, edge, app };
    return cached.app;
  };

  return {
    fetch(request, env, ctx) {
      return appFor(env).fetch(request, env, ctx);
    },
  };
}

export default createWorker();
