import type { SQL } from 'drizzle-orm';
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core';
import type { EmpreinteDatabase } from './drizzle-store.js';

/** A row as both drivers answer it: column name → value. */
export type SqlRow = Record<string, unknown>;

/**
 * Raw SQL (drizzle `sql` templates) on the database's own client: one query, or a batch run as
 * one transaction. drizzle 0.45's own `batch` cannot run `db.run(sql…)` items with parameters on
 * D1, so the site store talks to the client (`db.$client`: a D1 binding or a libSQL client).
 */
export interface SqlRunner {
  all(query: SQL): Promise<SqlRow[]>;
  batch(queries: readonly SQL[]): Promise<SqlRow[][]>;
}

/**
 * A connection that keeps its prepared statements between calls, run synchronously: on Node's
 * embedded file, parsing and planning a site read again took ~110 µs of its ~170 µs through the
 * libSQL client, and a measurement's seven statements most of its time. The site store then runs
 * everything on it; the statements of a batch run in one write transaction.
 */
export interface PreparedConnection {
  all(sql: string, params: readonly unknown[]): SqlRow[];
  batch(statements: readonly { sql: string; params: readonly unknown[] }[]): SqlRow[][];
}

interface D1Like {
  prepare(sql: string): { bind(...values: unknown[]): { all(): Promise<{ results?: SqlRow[] }> } };
  batch(statements: unknown[]): Promise<{ results?: SqlRow[] }[]>;
}

interface LibsqlLike {
  execute(stmt: { sql: string; args: unknown[] }): Promise<{ rows: SqlRow[] }>;
  batch(stmts: { sql: string; args: unknown[] }[], mode: 'write'): Promise<{ rows: SqlRow[] }[]>;
}

const dialect = new SQLiteAsyncDialect();

/** libSQL rows carry their columns both by name and by index: keep the names. */
const plain = (row: SqlRow): SqlRow => ({ ...row });

export function sqlRunnerOf(db: EmpreinteDatabase, prepared?: PreparedConnection): SqlRunner {
  if (prepared) {
    return {
      async all(query) {
        const { sql, params } = dialect.sqlToQuery(query);
        return prepared.all(sql, params);
      },
      async batch(queries) {
        return prepared.batch(queries.map((query) => dialect.sqlToQuery(query)));
      },
    };
  }
  const client = (db as unknown as { $client: unknown }).$client as Partial<D1Like & LibsqlLike>;
  if (typeof client.prepare === 'function') {
    const d1 = client as D1Like;
    const bound = (query: SQL) => {
      const { sql, params } = dialect.sqlToQuery(query);
      return d1.prepare(sql).bind(...params);
    };
    return {
      async all(query) {
        return (await bound(query).all()).results ?? [];
      },
      async batch(queries) {
        const results = await d1.batch(queries.map(bound));
        return results.map((r) => r.results ?? []);
      },
    };
  }
  if (typeof client.execute === 'function') {
    const libsql = client as LibsqlLike;
    const stmt = (query: SQL) => {
      const { sql, params } = dialect.sqlToQuery(query);
      return { sql, args: params };
    };
    return {
      async all(query) {
        return (await libsql.execute(stmt(query))).rows.map(plain);
      },
      async batch(queries) {
        const results = await libsql.batch(queries.map(stmt), 'write');
        return results.map((r) => r.rows.map(plain));
      },
    };
  }
  throw new Error('the site store needs a D1 binding or a libSQL client');
}
