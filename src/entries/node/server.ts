import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createCatalogCache } from '../../factors/catalog-cache.js';
import { createDrizzleFactorStore } from '../../factors/drizzle-store.js';
import { createDrizzleSiteStore } from '../../factors/site-store.js';
import { createApp } from '../../http/app.js';
import { parsePublicUrl } from '../../http/openapi-document.js';
import { DEFAULT_DATABASE_URL, migrateDatabase, type NodeDatabase, openDatabase } from './database.js';
import { packageDocsAssets } from './docs-assets.js';
import {
  createRequestLog,
  type EdgeSettings,
  edgeSettingsFromEnv,
  nodeEdgeDeps,
  type RequestLogOptions,
} from './edge.js';

export interface NodeServerOptions {
  /** 0 picks a free port. Default 3000. */
  port?: number;
  host?: string;
  databaseUrl?: string;
  databaseAuthToken?: string;
  /** Rate limit, trusted proxies, access log; node.ts reads them from the environment. Default:
   * RATE_LIMIT_PER_MINUTE's default, no trusted proxy, no access log. */
  edge?: Partial<EdgeSettings>;
  /** Where the access log goes (default: stdout) and how it is batched. */
  requestLog?: RequestLogOptions;
  /** How long close() lets in-flight requests finish before it cuts their connections. Default 10 s. */
  shutdownTimeoutMs?: number;
  /** PUBLIC_URL: the `servers` entry of the served /openapi.json (an invalid one refuses to start). */
  publicUrl?: string;
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
  const publicUrl = parsePublicUrl(options.publicUrl);
  const database = openDatabase(options.databaseUrl ?? DEFAULT_DATABASE_URL, options.databaseAuthToken);
  const catalog = createCatalogCache(createDrizzleFactorStore(database.db));
  let dataVersion: string;
  try {
    await migrateDatabase(database);
    ({ dataVersion } = await catalog.get());
  } catch (error) {
    database.client.close(); // a database that cannot be opened or read: refuse to start, say why
    throw error;
  }
  const edge = { ...edgeSettingsFromEnv({}), logRequests: false, ...options.edge };
  const requestLog = edge.logRequests ? createRequestLog(options.requestLog) : undefined;
  const sites = createDrizzleSiteStore(database.db);
  const app = createApp({
    catalog,
    sites,
    publicUrl,
    docsAsset: packageDocsAssets(),
    ...nodeEdgeDeps(edge, requestLog),
  });

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 3000, hostname: host }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    database,
    dataVersion,
    close: async () => {
      // Stop accepting; idle kept-alive connections close now, busy ones once their answer is
      // sent; past the timeout, whatever is left is cut. Then the log is flushed, the DB closed.
      const http = server as Partial<Pick<HttpServer, 'closeIdleConnections' | 'closeAllConnections'>>;
      const closed = new Promise<Error | undefined>((resolve) => server.close((error) => resolve(error)));
      const idle = setInterval(() => http.closeIdleConnections?.(), 50);
      const cut = setTimeout(() => http.closeAllConnections?.(), options.shutdownTimeoutMs ?? 10_000);
      const error = await closed;
      clearInterval(idle);
      clearTimeout(cut);
      await requestLog?.flush();
      database.client.close();
      if (error) throw error;
    },
  };
}
