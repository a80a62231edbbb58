import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@libsql/client';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { SEED_TAG } from '../../scripts/generate-seed.js';
import { MIGRATIONS_FOLDER, openDatabase } from '../../src/entries/node/database.js';
import { type CatalogCacheOptions, createCatalogCache } from '../../src/factors/catalog-cache.js';
import { createDrizzleFactorStore } from '../../src/factors/drizzle-store.js';
import * as schema from '../../src/factors/schema.js';
import { createDrizzleSiteStore } from '../../src/factors/site-store.js';
import { createApp } from '../../src/http/app.js';
import type { AppDeps } from '../../src/http/deps.js';
import { METHODOLOGY_MD } from '../../src/http/routes/methodology/methodology.generated.js';

/** Counts the SQL statements a libSQL client runs (execute, batch statements, executeMultiple). */
export function countingClient(client: Client): { client: Client; count: () => number; reset: () => void } {
  let n = 0;
  const proxy = new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (prop === 'execute' || prop === 'executeMultiple') {
        return (...args: unknown[]) => {
          n += 1;
          return value.apply(target, args);
        };
      }
      if (prop === 'batch') {
        return (stmts: unknown[], ...rest: unknown[]) => {
          n += stmts.length;
          return value.apply(target, [stmts, ...rest]);
        };
      }
      return value.bind(target);
    },
  });
  return { client: proxy, count: () => n, reset: () => (n = 0) };
}

export interface TestAppOptions {
  catalog?: CatalogCacheOptions;
  /** More app deps (client address, secrets…). */
  deps?: Partial<AppDeps>;
  /** Migrations to apply (default: all of drizzle/); see `migrationsThrough`. */
  migrationsFolder?: string;
}

/**
 * A copy of drizzle/ whose journal stops at `tag` (inclusive): a database migrated from it holds
 * the factor set of that seed, e.g. `0007_site_lab` for the methodology-2 factor set.
 */
export function migrationsThrough(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'empreinte-migrations-'));
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalPath = join(dir, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const end = journal.entries.findIndex((e) => e.tag === tag);
  if (end < 0) throw new Error(`no migration ${tag}`);
  journal.entries = journal.entries.slice(0, end + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

/**
 * A copy of drizzle/ with every schema migration but no seed after `seedTag`: a database migrated
 * from it has today's schema and the factor set of that seed (`0004_seed_v2`: methodology 2).
 */
export function migrationsWithFactorSet(seedTag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'empreinte-migrations-'));
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalPath = join(dir, 'meta/_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const end = journal.entries.findIndex((e) => e.tag === seedTag);
  if (end < 0 || !SEED_TAG.test(seedTag)) throw new Error(`no seed migration ${seedTag}`);
  journal.entries = journal.entries.filter((e, i) => i <= end || !SEED_TAG.test(e.tag));
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

/** The real app over a migrated and seeded in-memory libSQL database. */
export async function createTestApp(options: TestAppOptions = {}) {
  const database = openDatabase(':memory:');
  await migrate(database.db, { migrationsFolder: options.migrationsFolder ?? MIGRATIONS_FOLDER });
  const counted = countingClient(database.client);
  const db = drizzle(counted.client, { schema });
  const store = createDrizzleFactorStore(db);
  const catalog = createCatalogCache(store, options.catalog);
  const sites = createDrizzleSiteStore(db);
  const errors: unknown[] = [];
  const app = createApp({
    catalog,
    sites,
    logError: (e) => errors.push(e),
    methodologyDocument: async () => METHODOLOGY_MD,
    ...options.deps,
  });

  const request = (path: string, init?: RequestInit) => app.request(path, init);
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  // biome-ignore lint/suspicious/noExplicitAny: test answers are read as plain JSON
  const json = async (res: Response): Promise<any> => res.json();
  return {
    app,
    database,
    store,
    sites,
    catalog,
    sqlCount: counted.count,
    resetSqlCount: counted.reset,
    errors,
    request,
    post,
    json,
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
