import { write as fsWrite } from 'node:fs';
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { AppDeps } from '../../http/deps.js';
import type { RequestLogEntry } from '../../http/edge/access-log.js';
import { forwardedAddress } from '../../http/edge/client-key.js';
import { createMemoryRateLimiter, DEFAULT_RATE_LIMIT_PER_MINUTE } from '../../http/edge/rate-limit.js';

/** The Node side of the app's edge: settings from the environment, client address, access log. */

export interface EdgeSettings {
  /** Requests per minute per client address; 0 disables rate limiting. */
  rateLimitPerMinute: number;
  /** Proxies in front of the server whose X-Forwarded-For entries are trusted (0: use the socket). */
  trustProxyHops: number;
  /** One JSON line per request on stdout. */
  logRequests: boolean;
}

/** A whole-number setting ≥ 0; a malformed value stops the start with its name. */
export function integerSetting(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number ≥ 0, got '${raw}'.`);
  return value;
}

/** A true/false setting (1/0, yes/no, on/off); a malformed value stops the start with its name. */
export function booleanSetting(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw.trim() === '') return fallback;
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new Error(`${name} must be true or false, got '${raw}'.`);
}

/** RATE_LIMIT_PER_MINUTE (default 600, 0 off), TRUST_PROXY (hops, default 0), LOG_REQUESTS (default on). */
export function edgeSettingsFromEnv(env: Record<string, string | undefined>): EdgeSettings {
  const trust = env.TRUST_PROXY?.trim().toLowerCase();
  return {
    rateLimitPerMinute: integerSetting(
      'RATE_LIMIT_PER_MINUTE',
      env.RATE_LIMIT_PER_MINUTE,
      DEFAULT_RATE_LIMIT_PER_MINUTE,
    ),
    trustProxyHops:
      trust === 'true' ? 1 : trust === 'false' ? 0 : integerSetting('TRUST_PROXY', env.TRUST_PROXY, 0),
    logRequests: booleanSetting('LOG_REQUESTS', env.LOG_REQUESTS, true),
  };
}

/**
 * The client address: the socket's peer, or, behind `hops` trusted proxies, the X-Forwarded-For
 * entry that the outermost trusted proxy appended (entries further left are the client's word),
 * without a port; an entry that is not an IP address falls back to the socket's peer.
 */
export function nodeClientIp(hops: number): (c: Context) => string | undefined {
  // The peer of the request's socket (what getConnInfo reads, without building its answer object);
  // none for in-process requests.
  const socketAddress = (c: Context): string | undefined =>
    (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket?.remoteAddress;
  if (hops <= 0) return socketAddress;
  return (c) => {
    const forwarded = c.req.header('x-forwarded-for');
    if (!forwarded) return socketAddress(c);
    const list = forwarded.split(',');
    const entry = list[Math.max(0, list.length - hops)];
    return (entry !== undefined && forwardedAddress(entry)) || socketAddress(c);
  };
}

export interface RequestLogOptions {
  /** Writes one chunk of lines; resolves with the bytes written. Default: fd 1 through the thread pool. */
  write?: (chunk: Buffer) => Promise<number>;
  /** How long lines wait before they are written together. Default 200 ms. */
  flushMs?: number;
  /** Lines that are written at once without waiting for `flushMs`. Default 256. */
  batchLines?: number;
  /** Lines held at most while the sink is slow; beyond, lines are counted and dropped. */
  maxPending?: number;
}

export interface RequestLog {
  onRequest: (entry: RequestLogEntry) => void;
  /** Writes everything pending (at shutdown). */
  flush(): Promise<void>;
  /** Lines dropped because the sink could not keep up. */
  dropped(): number;
}

const writeStdout = (chunk: Buffer): Promise<number> =>
  new Promise((resolve, reject) => {
    fsWrite(1, chunk, 0, chunk.length, null, (error, written) => {
      if (error && (error as NodeJS.ErrnoException).code === 'EAGAIN') resolve(0);
      else if (error) reject(error);
      else resolve(written);
    });
  });

function formatLine(e: RequestLogEntry): string {
  return `{"time":"${new Date(e.time).toISOString()}","level":"info","msg":"request","method":${JSON.stringify(
    e.method,
  )},"path":${JSON.stringify(e.path)},"status":${e.status},"duration_ms":${
    Math.round(e.durationMs * 1000) / 1000
  },"request_id":"${e.requestId}"}\n`;
}

/**
 * One JSON line per request, off the hot path: a request only pushes its record; a timer formats
 * the pending records and hands them to the sink as one chunk, one write in flight at a time, on
 * the thread pool (never a synchronous write on the event loop). A stalled sink costs memory up
 * to `maxPending` records, then drops (and counts) lines instead of slowing requests down.
 */
export function createRequestLog(options: RequestLogOptions = {}): RequestLog {
  const write = options.write ?? writeStdout;
  const flushMs = options.flushMs ?? 200;
  const maxPending = options.maxPending ?? 100_000;
  // Records held for long outlive V8's young generation and make its collections slower: under
  // load, a full batch is written at once.
  const batchLines = options.batchLines ?? 256;
  let pending: RequestLogEntry[] = [];
  let dropped = 0;
  let reportedDropped = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> | undefined;

  const writeAll = async (chunk: Buffer) => {
    let at = 0;
    while (at < chunk.length) {
      const n = await write(chunk.subarray(at));
      if (n === 0) await new Promise((r) => setTimeout(r, 10));
      at += n;
    }
  };

  const drain = async (): Promise<void> => {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      let text = '';
      for (const e of batch) text += formatLine(e);
      if (dropped > reportedDropped) {
        text += `{"time":"${new Date().toISOString()}","level":"warn","msg":"access log lines dropped","dropped":${dropped - reportedDropped}}\n`;
        reportedDropped = dropped;
      }
      await writeAll(Buffer.from(text));
    }
  };

  let immediate: ReturnType<typeof setImmediate> | undefined;

  const flush = (): Promise<void> => {
    if (timer) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (immediate) {
      clearImmediate(immediate);
      immediate = undefined;
    }
    writing ??= drain()
      .catch(() => {
        // the sink is gone (stdout closed): nothing left to log to
        pending = [];
      })
      .finally(() => {
        writing = undefined;
        if (pending.length > 0 && !timer) {
          timer = setTimeout(flush, flushMs);
          timer.unref();
        }
      });
    return writing;
  };

  return {
    onRequest(entry) {
      if (pending.length >= maxPending) {
        dropped += 1;
        return;
      }
      pending.push(entry);
      if (writing) return; // written as soon as the write in flight is done
      if (pending.length >= batchLines) {
        immediate ??= setImmediate(flush); // after the requests of this turn, not inside one
        immediate.unref();
      } else if (!timer) {
        timer = setTimeout(flush, flushMs);
        timer.unref();
      }
    },
    async flush() {
      while (writing || pending.length > 0) await flush();
    },
    dropped: () => dropped,
  };
}

/** The AppDeps fields of the edge on Node. */
export function nodeEdgeDeps(
  settings: EdgeSettings,
  log?: RequestLog,
): Pick<AppDeps, 'rateLimiter' | 'clientIp' | 'onRequest' | 'closeUnreadBodies'> {
  return {
    rateLimiter:
      settings.rateLimitPerMinute > 0
        ? createMemoryRateLimiter({ perMinute: settings.rateLimitPerMinute })
        : undefined,
    clientIp: nodeClientIp(settings.trustProxyHops),
    onRequest: log?.onRequest,
    closeUnreadBodies: true,
  };
}
