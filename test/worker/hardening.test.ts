import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createWorker, type Env } from '../../src/entries/worker/main.js';

// Errors and warnings the Worker logs are recorded here (and asserted on), not printed.
const logged: unknown[] = [];
const worker = createWorker({ logError: (e) => logged.push(e) });

// The edge inside workerd: the Rate Limiting binding of wrangler.toml (simulated by Miniflare),
// per-isolate rate limiting keyed by CF-Connecting-IP (the fallback of a deploy without the
// binding), preflights, headers, limits, 304.

const call = async (path: string, bindings: Env, init: RequestInit = {}) => {
  const ctx = createExecutionContext();
  const req = new Request(`http://empreinte.test${path}`, init) as Request<
    unknown,
    IncomingRequestCfProperties
  >;
  const res = await worker.fetch(req, bindings, ctx);
  await waitOnExecutionContext(ctx);
  return res;
};
const from = (ip: string, extra: Record<string, string> = {}): RequestInit => ({
  headers: { 'cf-connecting-ip': ip, ...extra },
});

/**
 * Sends as one client until its first 429: how many passed. Miniflare's binding counts in fixed
 * 60 s windows that start over on the minute: a run that crosses one is made again by a new client.
 */
async function untilRefused(most: number, send: (attempt: number) => Promise<Response>) {
  for (let attempt = 0; ; attempt++) {
    const window = Math.floor(Date.now() / 60_000);
    let passed = 0;
    let res = await send(attempt);
    while (res.status !== 429 && passed < most) {
      passed += 1;
      res = await send(attempt);
    }
    if (attempt === 2 || Math.floor(Date.now() / 60_000) === window)
      return { passed, refused: res.status === 429 ? res : undefined };
  }
}

describe('rate limiting on Workers', () => {
  it('falls back to per-isolate token buckets keyed by CF-Connecting-IP', async () => {
    const bindings: Env = { ...env, RATE_LIMIT_PER_MINUTE: '2', RATE_LIMITER: undefined };
    const first = await call('/healthz', bindings, from('203.0.113.10'));
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('2');
    expect(first.headers.get('ratelimit-remaining')).toBe('1');
    expect(Number(first.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    expect((await call('/healthz', bindings, from('203.0.113.10'))).status).toBe(200);

    const refused = await call('/healthz', bindings, from('203.0.113.10'));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(await refused.json()).toMatchObject({ status: 429, type: '/problems/rate-limited' });

    expect((await call('/healthz', bindings, from('203.0.113.11'))).status).toBe(200);
  });

  it('lets the Rate Limiting binding decide when it is bound', async () => {
    const keys: string[] = [];
    const bindings: Env = {
      ...env,
      RATE_LIMIT_PER_MINUTE: '100',
      RATE_LIMITER: {
        limit: async ({ key }: { key: string }) => {
          keys.push(key);
          return { success: keys.length < 2 };
        },
      } as RateLimit,
    };
    expect((await call('/healthz', bindings, from('2001:db8:1:2::7'))).status).toBe(200);
    const refused = await call('/healthz', bindings, from('2001:db8:1:2::8'));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(keys).toEqual(['2001:db8:1:2::/64', '2001:db8:1:2::/64']); // one /64, one client
  });

  it('is bound by wrangler.toml: its limit of 600 a minute refuses the 601st token', async () => {
    expect(env.RATE_LIMITER).toBeDefined();
    // The isolate's own view never refuses here: the simulated binding decides (60 s windows).
    const bindings: Env = { ...env, RATE_LIMIT_PER_MINUTE: '100000' };
    const { passed, refused } = await untilRefused(1_300, (attempt) =>
      call('/healthz', bindings, from(`198.51.100.${100 + attempt}`)),
    );
    expect(passed).toBe(600);
    expect(refused?.headers.get('retry-after')).toBe('60');
    expect((await call('/healthz', bindings, from('198.51.100.91'))).status).toBe(200);
  });

  it('RATE_LIMIT_PER_MINUTE = "0" disables it', async () => {
    const bindings: Env = { ...env, RATE_LIMIT_PER_MINUTE: '0' };
    for (let i = 0; i < 5; i++) {
      const res = await call('/healthz', bindings, from('203.0.113.12'));
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBeNull();
    }
  });
});

describe('a malformed RATE_LIMIT_PER_MINUTE', () => {
  it('keeps the default limit rather than switching limiting off', async () => {
    const bindings: Env = { ...env, RATE_LIMIT_PER_MINUTE: '6OO' };
    const res = await call('/healthz', bindings, from('203.0.113.13'));
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit-limit')).toBe('600');
    expect(logged).toContain("RATE_LIMIT_PER_MINUTE must be a whole number ≥ 0, got '6OO': using 600.");
  });
});

describe('headers, limits and conditional GETs on Workers', () => {
  it('sends the request id, CORS and security headers', async () => {
    const res = await call('/v1/providers/aws', env, from('203.0.113.20', { 'x-request-id': 'cf-ray-123' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('cf-ray-123');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBeNull(); // HTML pages only
    expect(res.headers.get('ratelimit-limit')).toBe('600'); // wrangler.toml [vars]
  });

  it('answers 304 to a matching If-None-Match on catalog GETs', async () => {
    const first = await call('/v1/grid-intensity/FRA', env, from('203.0.113.21'));
    const etag = first.headers.get('etag') as string;
    expect(etag).toMatch(/^"sha256:/);
    const again = await call('/v1/grid-intensity/FRA', env, from('203.0.113.21', { 'if-none-match': etag }));
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
  });

  it('answers 413 for a declared body over 1 MiB and 415 for a non-JSON body', async () => {
    const big = await call('/v1/estimates/server', env, {
      method: 'POST',
      headers: {
        'cf-connecting-ip': '203.0.113.22',
        'content-type': 'application/json',
        'content-length': '2000000',
      },
      body: '{}',
    });
    expect(big.status).toBe(413);
    expect(big.headers.get('connection')).toBeNull(); // only Node asks to close
    const text = await call('/v1/estimates/server', env, {
      method: 'POST',
      headers: { 'cf-connecting-ip': '203.0.113.22', 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(text.status).toBe(415);
  });

  it('counts ten preflights per binding call, and a flood of them gets 429', async () => {
    const keys: string[] = [];
    const bindings: Env = {
      ...env,
      RATE_LIMITER: {
        limit: async ({ key }: { key: string }) => {
          keys.push(key);
          return { success: keys.length <= 5 };
        },
      } as RateLimit,
    };
    const preflight = (ip: string) =>
      call('/v1/estimates/website', bindings, {
        method: 'OPTIONS',
        headers: {
          'cf-connecting-ip': ip,
          origin: 'https://a.example',
          'access-control-request-method': 'POST',
        },
      });
    for (let i = 0; i < 50; i++) {
      const res = await preflight('203.0.113.40');
      expect(res.status, `preflight ${i + 1}`).toBe(204);
      expect(res.headers.get('access-control-max-age')).toBe('86400');
    }
    expect(keys).toEqual(Array(5).fill('203.0.113.40'));
    const refused = await preflight('203.0.113.40');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(await refused.json()).toMatchObject({ status: 429, type: '/problems/rate-limited' });
  });

  it('refuses a preflight flood through the binding of wrangler.toml, one client only', async () => {
    const preflight = (ip: string) =>
      call('/v1/estimates/batch', env, {
        method: 'OPTIONS',
        headers: { 'cf-connecting-ip': ip, 'access-control-request-method': 'POST' },
      });
    const { passed, refused } = await untilRefused(13_000, (attempt) =>
      preflight(`198.51.100.${110 + attempt}`),
    );
    expect(passed).toBe(6_000); // 600 tokens, ten preflights each
    expect(refused?.headers.get('content-type')).toBe('application/problem+json');
    expect(refused?.headers.get('retry-after')).toBe('60');
    expect((await preflight('198.51.100.96')).status).toBe(204);
  });

  it('answers preflights', async () => {
    const res = await call('/v1/estimates/website', env, {
      method: 'OPTIONS',
      headers: { origin: 'https://a.example', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, POST, OPTIONS');
  });
});
