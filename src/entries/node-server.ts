import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createCatalogCache } from '../factors/catalog-cache.js';
import { createDrizzleFactorStore } from '../factors/drizzle-store.js';
import { createApp } from '../http/app.js';
import { DEFAULT_DATABASE_URL, migrateDatabase, type NodeDatabase, openDatabase } from './node-database.js';

export interface NodeServerOptions {
  /** 0 picks a free port. Default 3000. */
  port?: number;
  host?: string;
  databaseUrl?: string;
  databaseAuthToken?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  database: NodeDatabase;
  dataVersion: string;
  /** Stops accepting connections, waits for in-flight requests, closes the database. */
  close(): Promise<void>;
}

/** Opens (creating and migrating) the database, loads the catalog and serves the app over HTTP. */
export async function startNodeServer(options: NodeServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const database = openDatabase(options.databaseUrl ?? DEFAULT_DATABASE_URL, options.databaseAuthToken);
  await migrateDatabase(database);
  const catalog = createCatalogCache(createDrizzleFactorStore(database.db));
  const { dataVersion } = await catalog.get();
  const app = createApp({ catalog });

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 3000, hostname: host }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    database,
    dataVersion,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          database.client.close();
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}
