import { describe, expect, it } from 'vitest';
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
