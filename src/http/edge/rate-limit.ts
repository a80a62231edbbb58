/**
 * Rate limiting: the decision the HTTP app needs, and an in-memory token bucket per key (client IP)
 * that runs anywhere (Node, or one Workers isolate). No timers, no runtime APIs.
 */

/** What one request costs against its client's quota, with what the `RateLimit-*` headers say. */
export interface RateLimitDecision {
  allowed: boolean;
  /** Requests per window (`RateLimit-Limit`). */
  limit: number;
  /** Requests left now (`RateLimit-Remaining`). */
  remaining: number;
  /** Seconds until the quota is whole again (`RateLimit-Reset`). */
  resetSeconds: number;
  /** When refused: seconds until one request is allowed again (`Retry-After`). */
  retryAfterSeconds: number;
}

/**
 * Counts a request of `key` that costs `cost` tokens (default 1; a batch costs more, see
 * src/http/route-limits.ts). A cost larger than `limit` can never pass: it is refused and nothing is
 * taken. Synchronous when it can be (the in-memory limiter always is).
 */
export interface RateLimiter {
  check(key: string, cost?: number): RateLimitDecision | Promise<RateLimitDecision>;
}

export interface MemoryRateLimiterOptions {
  /** Requests allowed per minute, also the burst size (bucket capacity). Must be > 0. */
  perMinute: number;
  /** Most keys held at once; beyond it, idle (then least recently used) buckets are dropped. */
  maxKeys?: number;
  /** Clock in ms, for tests. */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
export const DEFAULT_RATE_LIMIT_MAX_KEYS = 50_000;

/**
 * Token bucket per key: capacity `perMinute`, refilled continuously at `perMinute` per 60 s.
 * Buckets live in a Map kept in least-recently-used order; when it grows past `maxKeys`, buckets
 * idle long enough to be full again (indistinguishable from a new one) are dropped first, then the
 * least recently used. Memory is bounded by `maxKeys` whatever the number of clients.
 */
export function createMemoryRateLimiter(options: MemoryRateLimiterOptions): RateLimiter & {
  size(): number;
} {
  const capacity = options.perMinute;
  if (!(capacity > 0)) throw new RangeError('perMinute must be > 0');
  const maxKeys = options.maxKeys ?? DEFAULT_RATE_LIMIT_MAX_KEYS;
  const now = options.now ?? Date.now;
  const perMs = capacity / 60_000;
  const fullRefillMs = 60_000;
  const buckets = new Map<string, Bucket>();

  /** Drops the oldest buckets: every one past `maxKeys`, and up to `stale` idle ones (full again). */
  const sweep = (t: number, stale: number) => {
    for (const [key, b] of buckets) {
      if (buckets.size > maxKeys) buckets.delete(key);
      else if (stale-- > 0 && t - b.at >= fullRefillMs) buckets.delete(key);
      else return;
    }
  };

  return {
    check(key: string, cost = 1): RateLimitDecision {
      const t = now();
      let b = buckets.get(key);
      if (b) {
        buckets.delete(key); // re-inserted below: most recently used last
        b.tokens = Math.min(capacity, b.tokens + (t - b.at) * perMs);
        b.at = t;
        buckets.set(key, b);
      } else {
        b = { tokens: capacity, at: t };
        buckets.set(key, b);
        sweep(t, 2); // each new key retires up to two idle ones: the map tracks recent clients
      }

      const allowed = cost <= capacity && b.tokens >= cost;
      if (allowed) b.tokens -= cost;
      return {
        allowed,
        limit: capacity,
        remaining: Math.floor(b.tokens),
        resetSeconds: Math.ceil((capacity - b.tokens) / perMs / 1000),
        retryAfterSeconds:
          allowed || cost > capacity ? 0 : Math.max(1, Math.ceil((cost - b.tokens) / perMs / 1000)),
      };
    },
    size: () => buckets.size,
  };
}

/** The Workers Rate Limiting binding, structurally (`env.RATE_LIMITER.limit({ key })`). */
export interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/**
 * The binding decides (one counter per key shared by the isolates of a Cloudflare location); it
 * answers only yes or no, so `RateLimit-Remaining`/`-Reset` come from `shadow`, this isolate's own
 * bucket for the key (a local view: it never refuses on its own). If the binding fails, the shadow
 * decides. A refusal asks to retry after the binding's period (its windows are fixed, at most that).
 * The binding counts one hit per call: a request of cost N makes N calls and passes when all do.
 */
export function createBindingRateLimiter(
  binding: RateLimitBinding,
  shadow: RateLimiter,
  periodSeconds = 60,
): RateLimiter {
  return {
    async check(key, cost = 1) {
      const local = await shadow.check(key, cost);
      if (cost > local.limit) return local; // never passes: the binding is not asked
      let allowed: boolean;
      try {
        const hits = Array.from({ length: cost }, () => binding.limit({ key }));
        allowed = (await Promise.all(hits)).every((outcome) => outcome.success);
      } catch {
        return local;
      }
      if (allowed) return { ...local, allowed: true, retryAfterSeconds: 0 };
      return {
        ...local,
        allowed: false,
        remaining: 0,
        retryAfterSeconds: Math.max(periodSeconds, local.retryAfterSeconds),
      };
    },
  };
}
