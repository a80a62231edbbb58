import { serve } from '@hono/node-server';
import { createCatalogCache } from '../factors/catalog-cache.js';
import { createDrizzleFactorStore } from '../factors/drizzle-store.js';
import { createApp } from '../http/app.js';
import { DEFAULT_DATABASE_URL, migrateDatabase, openDatabase } from './node-database.js';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;

const database = openDatabase(databaseUrl, process.env.DATABASE_AUTH_TOKEN);
await migrateDatabase(database);

const catalog = createCatalogCache(createDrizzleFactorStore(database.db));
const loaded = await catalog.get();
const app = createApp({ catalog });

const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  console.log(
    `Empreinte listening on http://${host}:${info.port} (database ${databaseUrl}, data ${loaded.dataVersion})`,
  );
});

const shutdown = (signal: string) => {
  console.log(`${signal}: closing`);
  server.close(() => {
    database.client.close();
    process.exit(0);
  });
};
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));
