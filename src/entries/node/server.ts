import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createCatalogCache } from '../../factors/catalog-cache.js';
import { createDrizzleFactorStore } from '../../factors/drizzle-store.js';
import { createDrizzleSiteStore } from '../../factors/site-store.js';
import { createApp } from '../../http/app.js';
import { DEFAULT_DATABASE_URL, migrateDatabase, type NodeDatabase, openDatabase } from './database.js';
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
  /** How long a client may take to send a request's headers (408 and closed after). Default 10 s. */
  headersTimeoutMs?: number;
  /** How long a client may take to send a whole request, body included. Default 30 s. */
  requestTimeoutMs?: number;
}

export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface RunningServer {
  url: string;
  port: number;
  database: NodeDatabase;
  dataVersion: string;
  httpServer: HttpServer;
  /** Stops accepting connections, waits for in-flight requests, closes the database. */
  close(): Promise<void>;
}

/** Opens (creating and migrating) the database, loads the catalog and serves the app over HTTP. */
export async function startNodeServer(options: NodeServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
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
  const app = createApp({ catalog, sites, ...nodeEdgeDeps(edge, requestLog) });

  // Slow clients (one header line every few seconds, a body that trickles) cannot hold a socket
  // for minutes: Node answers 408 and closes once these run out (Node's defaults: 60 s and 300 s).
  const headersTimeout = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const requestTimeout = Math.max(headersTimeout, options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
  const serverOptions = {
    headersTimeout,
    requestTimeout,
    // How often Node looks for connections past these timeouts (default 30 s).
    connectionsCheckingInterval: Math.min(1_000, Math.ceil(headersTimeout / 4)),
  };
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 3000, hostname: host, serverOptions }, () =>
      resolve(s),
    );
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    database,
    dataVersion,
    httpServer: server as HttpServer,
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
