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
  /**
   * A batch, then the statements its results call for (none: nothing more): one transaction on a
   * prepared connection, two batches elsewhere (D1 cannot hold a transaction while JavaScript
   * runs, so what `then` writes must be safe on its own, as the site store's version guard is).
   */
  batchThen(
    first: readonly SQL[],
    then: (results: SqlRow[][]) => readonly SQL[],
  ): Promise<[first: SqlRow[][], then: SqlRow[][]]>;
}

/**
 * A connection that keeps its prepared statements between calls, run synchronously: on Node's
 * embedded file, parsing and planning a site read again took ~110 µs of its ~170 µs through the
 * libSQL client, and a measurement's seven statements most of its time. The site store then runs
 * everything on it, a measurement in one write transaction.
 */
export interface PreparedConnection {
  all(sql: string, params: readonly unknown[]): SqlRow[];
  /** Runs `work` in one write transaction (BEGIN IMMEDIATE … COMMIT; rolled back if it throws). */
  transaction<T>(work: (run: (sql: string, params: readonly unknown[]) => SqlRow[]) => T): T;
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

/** batchThen as two batches, for drivers that cannot hold a transaction while JavaScript runs. */
function withBatchThen(runner: Omit<SqlRunner, 'batchThen'>): SqlRunner {
  return {
    ...runner,
    async batchThen(first, then) {
      const results = await runner.batch(first);
      const next = then(results);
      return [results, next.length > 0 ? await runner.batch(next) : []];
    },
  };
}

export function sqlRunnerOf(db: EmpreinteDatabase, prepared?: PreparedConnection): SqlRunner {
  if (prepared) {
    const runIn = (run: (sql: string, params: readonly unknown[]) => SqlRow[]) => (query: SQL) => {
      const { sql, params } = dialect.sqlToQuery(query);
      return run(sql, params);
    };
    return {
      async all(query) {
        const { sql, params } = dialect.sqlToQuery(query);
        return prepared.all(sql, params);
      },
      async batch(queries) {
        return prepared.transaction((run) => queries.map(runIn(run)));
      },
      async batchThen(first, then) {
        return prepared.transaction((run) => {
          const results = first.map(runIn(run));
          return [results, then(results).map(runIn(run))];
        });
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
    return withBatchThen({
      async all(query) {
        return (await bound(query).all()).results ?? [];
      },
      async batch(queries) {
        const results = await d1.batch(queries.map(bound));
        return results.map((r) => r.results ?? []);
      },
    });
  }
  if (typeof client.execute === 'function') {
    const libsql = client as LibsqlLike;
    const stmt = (query: SQL) => {
      const { sql, params } = dialect.sqlToQuery(query);
      return { sql, args: params };
    };
    return withBatchThen({
      async all(query) {
        return (await libsql.execute(stmt(query))).rows.map(plain);
      },
      async batch(queries) {
        const results = await libsql.batch(queries.map(stmt), 'write');
        return results.map((r) => r.rows.map(plain));
      },
    });
  }
  throw new Error('the site store needs a D1 binding or a libSQL client');
}
