import { describe, expect, it } from 'vitest';
import { PREFLIGHTS_PER_TOKEN, preflightLimiter } from '../../src/http/edge/preflight-limit.js';
import {
  createBindingRateLimiter,
  createMemoryRateLimiter,
  type RateLimitDecision,
} from '../../src/http/edge/rate-limit.js';

describe('in-memory token bucket', () => {
  it('allows a burst of perMinute, then refills continuously', () => {
    let t = 0;
    const limiter = createMemoryRateLimiter({ perMinute: 60, now: () => t });
    const check = (key = 'a') => limiter.check(key) as RateLimitDecision;
    for (let i = 0; i < 60; i++) expect(check().allowed).toBe(true);
    const refused = check();
    expect(refused).toMatchObject({ allowed: false, limit: 60, remaining: 0, retryAfterSeconds: 1 });
    expect(refused.resetSeconds).toBe(60);
    t += 1_000; // one token per second at 60/min
    expect(check()).toMatchObject({ allowed: true, remaining: 0 });
    expect(check().allowed).toBe(false);
    t += 30_000;
    const half = check();
    expect(half.remaining).toBe(29);
    expect(half.resetSeconds).toBe(31);
    t += 10 * 60_000; // never more than a full bucket
    expect(check().remaining).toBe(59);
  });

  it('keeps one bucket per key', () => {
    const limiter = createMemoryRateLimiter({ perMinute: 1, now: () => 0 });
    expect((limiter.check('a') as RateLimitDecision).allowed).toBe(true);
    expect((limiter.check('a') as RateLimitDecision).allowed).toBe(false);
    expect((limiter.check('b') as RateLimitDecision).allowed).toBe(true);
  });

  it('stays bounded: idle buckets are retired, the least recently used go past maxKeys', () => {
    let t = 0;
    const limiter = createMemoryRateLimiter({ perMinute: 10, maxKeys: 100, now: () => t });
    for (let i = 0; i < 10_000; i++) limiter.check(`10.0.${i >> 8}.${i & 255}`);
    expect(limiter.size()).toBe(100);

    // A client that keeps coming back is not the one evicted.
    limiter.check('busy');
    limiter.check('busy');
    for (let i = 0; i < 99; i++) {
      limiter.check(`192.0.2.${i}`);
      limiter.check('busy');
    }
    expect(limiter.size()).toBe(100);
    expect((limiter.check('busy') as RateLimitDecision).remaining).toBeLessThan(5);

    // A minute later everything is idle: new clients retire the old buckets two at a time.
    t += 60_000;
    for (let i = 0; i < 50; i++) limiter.check(`198.51.100.${i}`);
    expect(limiter.size()).toBeLessThanOrEqual(100);
    expect(limiter.size()).toBeGreaterThanOrEqual(50);
  });

  it('rejects a non-positive rate', () => {
    expect(() => createMemoryRateLimiter({ perMinute: 0 })).toThrow(RangeError);
  });
});

describe('Workers binding limiter', () => {
  const shadow = () => createMemoryRateLimiter({ perMinute: 100, now: () => 0 });

  it('lets the binding decide, with headers from the isolate shadow bucket', async () => {
    const keys: string[] = [];
    let success = true;
    const limiter = createBindingRateLimiter(
      {
        limit: async ({ key }) => {
          keys.push(key);
          return { success };
        },
      },
      shadow(),
    );
    expect(await limiter.check('203.0.113.1')).toMatchObject({ allowed: true, limit: 100, remaining: 99 });
    success = false;
    expect(await limiter.check('203.0.113.1')).toMatchObject({
      allowed: false,
      remaining: 0,
      retryAfterSeconds: 60,
    });
    expect(keys).toEqual(['203.0.113.1', '203.0.113.1']);
  });

  it('falls back to the shadow bucket when the binding fails', async () => {
    const limiter = createBindingRateLimiter({ limit: () => Promise.reject(new Error('down')) }, shadow());
    expect(await limiter.check('x')).toMatchObject({ allowed: true, remaining: 99 });
  });
});

describe('preflights', () => {
  it('cost one token per PREFLIGHTS_PER_TOKEN, taken by the first of each ten', () => {
    const bucket = createMemoryRateLimiter({ perMinute: 2, now: () => 0 });
    const preflight = preflightLimiter(bucket);
    const outcomes: string[] = [];
    for (let i = 0; i < 21; i++) {
      const d = preflight('203.0.113.30') as RateLimitDecision | undefined;
      outcomes.push(d === undefined ? 'prepaid' : d.allowed ? 'paid' : 'refused');
    }
    expect(PREFLIGHTS_PER_TOKEN).toBe(10);
    expect(outcomes).toEqual([
      'paid',
      ...Array(9).fill('prepaid'),
      'paid',
      ...Array(9).fill('prepaid'),
      'refused',
    ]);
    expect((bucket.check('203.0.113.30') as RateLimitDecision).allowed).toBe(false); // both tokens spent
    expect((preflight('203.0.113.31') as RateLimitDecision).allowed).toBe(true); // its own bucket
  });

  it('make one call to the Workers binding per ten preflights', async () => {
    const calls: string[] = [];
    const binding = createBindingRateLimiter(
      {
        limit: async ({ key }) => {
          calls.push(key);
          return { success: calls.length <= 3 };
        },
      },
      createMemoryRateLimiter({ perMinute: 600, now: () => 0 }),
    );
    const preflight = preflightLimiter(binding);
    let refused: RateLimitDecision | undefined;
    let answered = 0;
    while (!refused && answered < 100) {
      const d = await preflight('2001:db8::/64');
      answered += 1;
      if (d && !d.allowed) refused = d;
    }
    expect(answered).toBe(31); // 3 calls allowed 30 preflights
    expect(calls).toHaveLength(4);
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 60 });
  });
});
