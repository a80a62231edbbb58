/**
 * Whether a store error is SQLite's "no such table" (D1: `D1_ERROR: no such table: meta:
 * SQLITE_ERROR`; libSQL: `SQLITE_ERROR: no such table: meta`), anywhere in its `cause` chain
 * (drizzle wraps driver errors in a "Failed query" error).
 */
export function isMissingTableError(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const message = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
    if (/\bno such table\b/i.test(message)) return true;
  }
  return false;
}

/** The public detail of a 503 when the factor store has no tables, with the command that creates them. */
export function missingTablesDetail(backend: 'd1' | 'libsql'): string {
  return backend === 'd1'
    ? 'The factor store has no tables: the D1 migrations have not been applied. Run ' +
        '`npx wrangler d1 migrations apply empreinte --remote` (the database_name of wrangler.toml; ' +
        '`--local` for wrangler dev), then retry.'
    : 'The factor store has no tables: the migrations have not been applied to the libSQL database. ' +
        'Run `DATABASE_URL=<LIBSQL_URL> DATABASE_AUTH_TOKEN=<token> npm run db:migrate`, then retry.';
}
