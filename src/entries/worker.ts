import { createClient } from '@libsql/client/web';
import { drizzle as drizzleD1 } from 'drizzle-orm/d1';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql/web';
import { createCatalogCache } from '../factors/catalog-cache.js';
import { createDrizzleFactorStore, type EmpreinteDatabase } from '../factors/drizzle-store.js';
import * as schema from '../factors/schema.js';
import { createApp, type EmpreinteApp } from '../http/app.js';

/** Bindings and secrets of the Worker (see wrangler.toml). */
export interface Env {
  /** D1 factor store: the default backend. */
  DB: D1Database;
  /** Turso / libSQL over HTTP (`libsql://…`, `https://…`): used instead of D1 when set (secret). */
  LIBSQL_URL?: string;
  /** Auth token for LIBSQL_URL (secret). */
  LIBSQL_AUTH_TOKEN?: string;
}

type Backend = 'd1' | 'libsql';

/** Per isolate: the app is built on the first request and reused while the backend is the same. */
let cached: { backend: Backend; app: EmpreinteApp } | undefined;

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

function appFor(env: Env): EmpreinteApp {
  const backend: Backend = env.LIBSQL_URL ? 'libsql' : 'd1';
  if (cached?.backend === backend) return cached.app;
  const catalog = createCatalogCache(createDrizzleFactorStore(openDatabase(env)));
  cached = { backend, app: createApp({ catalog }) };
  return cached.app;
}

export default {
  fetch(request, env, ctx) {
    return appFor(env).fetch(request, env, ctx);
  },
} satisfies ExportedHandler<Env>;
