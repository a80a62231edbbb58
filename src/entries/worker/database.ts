import { createClient } from '@libsql/client/web';
import { drizzle as drizzleD1 } from 'drizzle-orm/d1';
import { drizzle as drizzleLibsql } from 'drizzle-orm/libsql/web';
import type { EmpreinteDatabase } from '../../factors/drizzle-store.js';
import * as schema from '../../factors/schema.js';

/** The database bindings and secrets both Workers (API and lab) read. */
export interface DatabaseEnv {
  /** D1: the default backend. */
  DB: D1Database;
  /** Turso / libSQL over HTTP (`libsql://…`, `https://…`): used instead of D1 when set (secret). */
  LIBSQL_URL?: string;
  /** Auth token for LIBSQL_URL (secret). */
  LIBSQL_AUTH_TOKEN?: string;
}

/** libSQL over HTTP when LIBSQL_URL is set (no sockets or Node APIs: the `web` client), else D1. */
export function openDatabase(env: DatabaseEnv): EmpreinteDatabase {
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
