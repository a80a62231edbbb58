import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createCatalogCache } from '../../factors/catalog-cache.js';
import { createDrizzleFactorStore } from '../../factors/drizzle-store.js';
import { createDrizzleSiteStore } from '../../factors/site-store.js';
import { createApp } from '../../http/app.js';
import { parsePublicUrl } from '../../http/openapi-document.js';
import { METHODOLOGY_MD } from '../../http/routes/methodology/methodology.generated.js';
import type { SiteTestQueue } from '../../services/lab/site-test-queue.js';
import { recordSiteLabResult } from '../../services/site-lab-result.js';
import { pruneSites } from '../../services/site-retention.js';
import {
  DEFAULT_DATABASE_URL,
  embeddedFilePath,
  migrateDatabase,
  type NodeDatabase,
  openDatabase,
  tuneDatabase,
} from './database.js';
import { packageDocsAssets } from './docs-assets.js';
import {
  createRequestLog,
  type EdgeSettings,
  edgeSettingsFromEnv,
  nodeEdgeDeps,
  type RequestLogOptions,
} from './edge.js';
import { createNodeSiteTests } from './lab/node-site-tests.js';
import { labOptionsFromEnv, type NodeLabOptions } from './lab/settings.js';
import { type ClosablePreparedConnection, openPreparedConnection } from './prepared-connection.js';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer.js';

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
  /** Lab tests: which Chromium and which targets; main.ts reads them from the environment.
   * Default: the system Chromium if there is one, public addresses on ports 80/443 only. */
  lab?: NodeLabOptions;
  /** Unexpected errors (default: console.error). */
  logError?: (error: unknown) => void;
  /** HMAC secret of site client keys (SITE_KEY_SECRET); default: one generated and kept in the database. */
  siteKeySecret?: string;
  /** How often the site retention job runs, ms (first run 1 s after start); 0 disables it. Default 1 h. */
  siteRetentionIntervalMs?: number;
  /** PUBLIC_URL: the `servers` entry of the served /openapi.json (an invalid one refuses to start). */
  publicUrl?: string;
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
  /** The lab test queue, when a Chromium was found. */
  siteTests: SiteTestQueue | undefined;
  /** Runs the site retention job now (the timer runs it every `siteRetentionIntervalMs`). */
  pruneSites(): Promise<void>;
  httpServer: HttpServer;
  /** The thread checkpointing an embedded file's log (none for `:memory:` and remote servers). */
  walCheckpointer: WalCheckpointer | undefined;
  /** Stops accepting connections, waits for in-flight requests, closes the database. */
  close(): Promise<void>;
}

/** A macrotask turn: lets pending requests run between retention passes on the main thread. */
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Opens (creating and migrating) the database, loads the catalog and serves the app over HTTP. */
export async function startNodeServer(options: NodeServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const publicUrl = parsePublicUrl(options.publicUrl);
  const databaseUrl = options.databaseUrl ?? DEFAULT_DATABASE_URL;
  const database = openDatabase(databaseUrl, options.databaseAuthToken);
  const catalog = createCatalogCache(createDrizzleFactorStore(database.db));
  const logError = options.logError ?? ((error: unknown) => console.error(error));
  const file = embeddedFilePath(databaseUrl);
  let starting: Promise<WalCheckpointer | undefined> | undefined;
  let dataVersion: string;
  // The site store's connection, opened below; if the checkpointer thread dies, it checkpoints itself again.
  let prepared: ClosablePreparedConnection | undefined;
  let checkpointerDied = false;
  const onCheckpointerExit = () => {
    checkpointerDied = true;
    try {
      prepared?.setAutoCheckpoint(true);
    } catch (error) {
      logError(error);
    }
  };
  try {
    await tuneDatabase(database, databaseUrl);
    // An embedded file's log is checkpointed on a thread, which starts (~100 ms) while the
    // migrations and the catalog load; if it cannot start, SQLite's automatic checkpoint stays on
    // (in the commits of the event loop).
    starting = file
      ? startWalCheckpointer(file, logError, { onUnexpectedExit: onCheckpointerExit }).catch(
          (error: unknown) => {
            logError(error);
            return undefined;
          },
        )
      : undefined;
    await migrateDatabase(database);
    ({ dataVersion } = await catalog.get());
  } catch (error) {
    await (await starting)?.stop();
    database.client.close(); // a database that cannot be opened or read: refuse to start, say why
    throw error;
  }
  const checkpointer = await starting;
  const edge = { ...edgeSettingsFromEnv({}), logRequests: false, ...options.edge };
  const requestLog = edge.logRequests ? createRequestLog(options.requestLog) : undefined;
  // Opened after the migrations: its statements are prepared against the final schema.
  prepared = openPreparedConnection(databaseUrl, { autoCheckpoint: !checkpointer || checkpointerDied });
  const sites = createDrizzleSiteStore(database.db, prepared ? { prepared } : {});
  const labOptions = options.lab ?? labOptionsFromEnv({});
  const lab = createNodeSiteTests(
    database.db,
    catalog,
    {
      ...labOptions,
      // Every finished test becomes the page's lab sample, then goes to the caller's hook if any.
      onLabResult: async (url, result) => {
        await recordSiteLabResult(sites, url, result);
        await labOptions.onLabResult?.(url, result);
      },
    },
    logError,
  );
  try {
    await lab.queue?.start(); // tests a stopped server left queued or running run again
  } catch (error) {
    prepared?.close();
    await checkpointer?.stop();
    database.client.close();
    throw error;
  }
  const app = createApp({
    catalog,
    sites,
    siteTests: lab.deps,
    logError,
    publicUrl,
    docsAsset: packageDocsAssets(),
    methodologyDocument: async () => METHODOLOGY_MD,
    ...(options.siteKeySecret ? { siteKeySecret: options.siteKeySecret } : {}),
    ...nodeEdgeDeps(edge, requestLog),
  });

  // Site retention on a timer: one run at a time, a page per transaction, yielding in between.
  let pruning: Promise<void> | undefined;
  const prune = (): Promise<void> => {
    pruning ??= pruneSites(sites, new Date(), { pause: yieldToRequests })
      .then(
        () => undefined,
        (error) => logError(error),
      )
      .finally(() => {
        pruning = undefined;
      });
    return pruning;
  };
  const retentionMs = options.siteRetentionIntervalMs ?? 3_600_000;
  const firstRun = retentionMs > 0 ? setTimeout(prune, Math.min(1_000, retentionMs)) : undefined;
  const everyRun = retentionMs > 0 ? setInterval(prune, retentionMs) : undefined;
  firstRun?.unref();
  everyRun?.unref();

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
    siteTests: lab.queue,
    walCheckpointer: checkpointer,
    pruneSites: prune,
    httpServer: server as HttpServer,
    close: async () => {
      clearTimeout(firstRun);
      clearInterval(everyRun);
      // Stop accepting; idle kept-alive connections close now, busy ones once their answer is
      // sent; past the timeout, whatever is left is cut. Then the log is flushed, the DB closed.
      const http = server as Partial<Pick<HttpServer, 'closeIdleConnections' | 'closeAllConnections'>>;
      const closed = new Promise<Error | undefined>((resolve) => server.close((error) => resolve(error)));
      const idle = setInterval(() => http.closeIdleConnections?.(), 50);
      const cut = setTimeout(() => http.closeAllConnections?.(), options.shutdownTimeoutMs ?? 10_000);
      const error = await closed;
      clearInterval(idle);
      clearTimeout(cut);
      // Tests cut short stay `running` in the table: the next start queues them again.
      await lab.queue?.stop();
      await pruning;
      await requestLog?.flush();
      prepared?.close();
      await checkpointer?.stop();
      database.client.close();
      if (error) throw error;
    },
  };
}
