import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

// Setup file: runs before each worker test file. Applies drizzle/ (schema + seed) to the local D1;
// already-applied migrations are skipped (recorded in d1_migrations).
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
