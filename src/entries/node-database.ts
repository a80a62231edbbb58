import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Client, createClient } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import * as schema from '../factors/schema.js';

export const DEFAULT_DATABASE_URL = 'file:./data/empreinte.db';

/** The project's `drizzle/` folder, wherever the process was started from. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

export interface NodeDatabase {
  client: Client;
  db: LibSQLDatabase<typeof schema>;
}

/**
 * Opens a libSQL database: an embedded file (`file:…`, its folder created), `:memory:`, or a
 * remote `libsql://` / `http(s)://` server (Turso, sqld) with an optional auth token.
 */
export function openDatabase(url: string, authToken?: string): NodeDatabase {
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).split('?')[0] as string;
    if (path && path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  }
  const client = createClient(authToken ? { url, authToken } : { url });
  return { client, db: drizzle(client, { schema }) };
}

/** Applies every pending migration (schema and seed); a no-op when up to date. */
export async function migrateDatabase(database: NodeDatabase): Promise<void> {
  await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
}
