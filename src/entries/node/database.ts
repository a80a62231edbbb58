import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Client, createClient } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import * as schema from '../../factors/schema.js';

export const DEFAULT_DATABASE_URL = 'file:./data/empreinte.db';

/**
 * The project's `drizzle/` folder, found from this module's location: `src/entries/node/` when run from
 * source, `dist/node/` when run from the bundle `npm start` builds.
 */
export const MIGRATIONS_FOLDER = findMigrationsFolder(dirname(fileURLToPath(import.meta.url)));

function findMigrationsFolder(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'drizzle');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`no drizzle/meta/_journal.json above ${start}`);
  }
}

/** The file of an embedded database URL (`file:path?…`); undefined for `:memory:` and servers. */
export function embeddedFilePath(url: string): string | undefined {
  if (!url.startsWith('file:') || url.includes(':memory:')) return undefined;
  return url.slice('file:'.length).split('?')[0] || undefined;
}

export interface NodeDatabase {
  client: Client;
  db: LibSQLDatabase<typeof schema>;
}

/**
 * Opens a libSQL database: an embedded file (`file:…`, its folder created), `:memory:`, or a
 * remote `libsql://` / `http(s)://` server (Turso, sqld) with an optional auth token.
 */
export function openDatabase(url: string, authToken?: string): NodeDatabase {
  const file = embeddedFilePath(url);
  if (file) mkdirSync(dirname(resolve(file)), { recursive: true });
  // An embedded file gets one client connection: every statement runs synchronously on the main
  // thread anyway, and per-connection settings (tuneDatabase) then hold for every statement. The
  // site store has its own (prepared-connection.ts).
  const embedded = url.startsWith('file:') ? { concurrency: 1 } : {};
  const client = createClient(authToken ? { url, authToken, ...embedded } : { url, ...embedded });
  return { client, db: drizzle(client, { schema }) };
}

/**
 * An embedded file runs in WAL mode with synchronous=NORMAL: a commit appends to the log without
 * an fsync (fsyncs happen at checkpoints), so a site measurement does not hold the event loop for a
 * disk flush (~25 ms here in the default rollback-journal mode). A killed process loses no
 * committed transaction; a power cut may lose the last ones. Remote and in-memory databases are
 * left as they are.
 */
export async function tuneDatabase(database: NodeDatabase, url: string): Promise<void> {
  if (!embeddedFilePath(url)) return;
  await database.client.execute('PRAGMA journal_mode = WAL');
  await database.client.execute('PRAGMA synchronous = NORMAL');
}

/** Applies every pending migration (schema and seed); a no-op when up to date. */
export async function migrateDatabase(database: NodeDatabase): Promise<void> {
  await migrate(database.db, { migrationsFolder: MIGRATIONS_FOLDER });
}
