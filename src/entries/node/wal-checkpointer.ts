import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the checkpointer copies the log back into the database file, ms. */
export const WAL_CHECKPOINT_INTERVAL_MS = 250;

export interface WalCheckpointer {
  /** Stops the thread (after the checkpoint it may be running). */
  stop(): Promise<void>;
  /** Ends the thread at once, as a crash would (`onUnexpectedExit` runs): for fault tests. */
  terminate(): Promise<void>;
}

export interface WalCheckpointerOptions {
  intervalMs?: number;
  /** Runs once if the thread ends without `stop()` (a crash): the caller turns SQLite's
   * automatic checkpoint back on, or the log would grow until the next large commit. */
  onUnexpectedExit?: () => void;
}

// A CommonJS script for `eval: true`: its own connection to the file, a PASSIVE checkpoint every
// interval (it never waits for a lock and never blocks writers or readers), its errors to the parent.
const SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.libsql);
const db = new Database(workerData.path);
parentPort.postMessage({ ready: true });
const timer = setInterval(() => {
  try {
    db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Checkpoints an embedded database file's write-ahead log on a worker thread. SQLite's automatic
 * checkpoint runs inside the commit that crosses 1,000 log pages, on the event loop, and waits
 * for the disk: measurements' p99 went from 6–10 ms without it to 12–18 ms with it (the site
 * store's prepared connection then turns it off: prepared-connection.ts). Resolves once the
 * thread has opened the file; rejects if it cannot (the caller keeps the automatic checkpoint).
 */
export async function startWalCheckpointer(
  path: string,
  logError: (error: unknown) => void,
  options: WalCheckpointerOptions = {},
): Promise<WalCheckpointer> {
  const intervalMs = options.intervalMs ?? WAL_CHECKPOINT_INTERVAL_MS;
  const libsql = createRequire(import.meta.url).resolve('libsql');
  const worker = new Worker(SOURCE, { eval: true, workerData: { libsql, path, intervalMs } });
  let stopping = false;
  let started = false;
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', (code) => {
      if (started && !stopping) {
        logError(
          new Error(`WAL checkpointer thread ended (exit code ${code}): automatic checkpoint back on`),
        );
        options.onUnexpectedExit?.();
      }
      resolve();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', () => {
      worker.off('error', reject);
      resolve();
    });
  });
  worker.on('message', (message: { error?: string }) => {
    if (message.error) logError(new Error(`WAL checkpoint: ${message.error}`));
  });
  worker.on('error', logError);
  worker.unref();
  started = true;
  return {
    async stop() {
      stopping = true;
      worker.postMessage('stop');
      await exited;
    },
    async terminate() {
      await worker.terminate();
      await exited;
    },
  };
}
