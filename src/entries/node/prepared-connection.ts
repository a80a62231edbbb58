import Database from 'libsql';
import type { PreparedConnection, SqlRow } from '../../factors/sql-runner.js';
import { embeddedFilePath } from './database.js';

/** Distinct statements kept prepared (the site store has about twenty; past this the cache restarts). */
const MAX_STATEMENTS = 128;

export interface ClosablePreparedConnection extends PreparedConnection {
  /** SQLite's automatic checkpoint on (its default, 1,000 pages) or off. */
  setAutoCheckpoint(on: boolean): void;
  close(): void;
}

/**
 * A second connection to an embedded database file whose statements are prepared once
 * (src/factors/sql-runner.ts), with the main connection's settings (tuneDatabase: WAL is the
 * file's, synchronous=NORMAL is per connection). A transaction runs synchronously from BEGIN
 * IMMEDIATE to COMMIT, so it never interleaves with the main connection's statements on this thread; another
 * process holding the write lock is waited for up to 1 s. `undefined` for anything else:
 * `:memory:` (a second connection would be another database) and remote servers.
 */
export function openPreparedConnection(
  url: string,
  options: { autoCheckpoint?: boolean } = {},
): ClosablePreparedConnection | undefined {
  const path = embeddedFilePath(url);
  if (!path) return undefined;
  const db = new Database(path);
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA busy_timeout = 1000');
  // Off when a checkpointer thread copies the log back (wal-checkpointer.ts).
  if (options.autoCheckpoint === false) db.exec('PRAGMA wal_autocheckpoint = 0');
  const statements = new Map<string, ReturnType<typeof db.prepare>>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= MAX_STATEMENTS) statements.clear();
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const run = (sql: string, params: readonly unknown[]): SqlRow[] => {
    const statement = prepared(sql);
    // As the libSQL client binds them: booleans as 1/0.
    const values = params.map((value) => (typeof value === 'boolean' ? Number(value) : value));
    if (statement.reader) return statement.all(values) as SqlRow[];
    statement.run(values);
    return [];
  };
  return {
    all: run,
    transaction(work) {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = work(run);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    },
    setAutoCheckpoint(on) {
      db.exec(`PRAGMA wal_autocheckpoint = ${on ? 1000 : 0}`);
    },
    close() {
      statements.clear();
      db.close();
    },
  };
}
