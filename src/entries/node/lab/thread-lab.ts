import { Worker } from 'node:worker_threads';
import {
  type LabBrowser,
  LabFaultError,
  type LabLimits,
  type LabOutcome,
  LabUnavailableError,
} from '../../../services/lab/lab-browser.js';
import type { TargetPolicySpec } from '../../../services/lab/target-policy.js';

/** What the lab thread is started with (structured-cloned: data only). */
export interface LabThreadData {
  executablePath: string;
  /** The target policy, as data (`targetPolicy(spec)` in the thread). */
  policy: TargetPolicySpec;
  limits?: Partial<LabLimits>;
}

export type LabThreadRequest = { type: 'measure'; id: number; url: string } | { type: 'close' };

export type LabThreadReply =
  | { id: number; outcome: LabOutcome }
  | { id: number; unavailable: string }
  | { id: number; failure: string };

/**
 * The lab thread's script: `lab-thread.mjs` next to the bundle `npm start` builds (`build:node`),
 * or `lab-thread-source.mjs` next to this module when the server runs from source (tsx, the tests).
 */
function labThreadScript(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('./lab-thread-source.mjs', import.meta.url)
    : new URL('./lab-thread.mjs', import.meta.url);
}

/**
 * The lab on a worker thread of its own. playwright-core creates an AsyncLocalStorage when it
 * loads, which turns on promise hooks for every promise of the isolate it runs in: in the API's
 * thread that cost ~50 µs per estimate (docs/performance.md). Here it only slows the lab's thread.
 * The thread starts at the first test and again after it dies; the browser runs in it
 * (src/entries/node/lab/chromium-lab.ts).
 */
export function createThreadLab(data: LabThreadData): LabBrowser {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<
    number,
    { thread: Worker; resolve: (o: LabOutcome) => void; reject: (e: unknown) => void }
  >();

  /** Fails the tests of one thread (a new thread may already run others). */
  const failAll = (thread: Worker, error: unknown) => {
    for (const [id, p] of pending) {
      if (p.thread !== thread) continue;
      pending.delete(id);
      p.reject(error);
    }
  };

  const start = (): Worker => {
    const w = new Worker(labThreadScript(), { workerData: data });
    w.on('message', (reply: LabThreadReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if ('outcome' in reply) p.resolve(reply.outcome);
      else if ('unavailable' in reply) p.reject(new LabUnavailableError(reply.unavailable));
      else p.reject(new Error(reply.failure));
    });
    // A thread that dies takes every test in it: none of them is at fault, each is queued again.
    w.on('error', (error) => {
      if (worker === w) worker = undefined;
      failAll(w, new LabFaultError(`The lab thread failed (${String((error as Error)?.message ?? error)}).`));
    });
    w.on('exit', () => {
      if (worker === w) worker = undefined;
      failAll(w, new LabFaultError('The lab thread stopped.'));
    });
    return w;
  };

  return {
    measure(url) {
      worker ??= start();
      const id = nextId++;
      const w = worker;
      return new Promise<LabOutcome>((resolve, reject) => {
        pending.set(id, { thread: w, resolve, reject });
        w.postMessage({ type: 'measure', id, url } satisfies LabThreadRequest);
      });
    },
    async close() {
      const w = worker;
      if (!w) return;
      worker = undefined;
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      w.postMessage({ type: 'close' } satisfies LabThreadRequest);
      // The browser gets a few seconds to close; then the thread is stopped.
      const timer = setTimeout(() => void w.terminate(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
