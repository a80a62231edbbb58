import type { Context } from 'hono';
import { describe, expect, it } from 'vitest';
import { createRequestLog, edgeSettingsFromEnv, nodeClientIp } from '../../src/entries/node/edge.js';
import type { RequestLogEntry } from '../../src/http/edge/access-log.js';

describe('edge settings from the environment', () => {
  it('defaults: 600 requests/min, no trusted proxy, access log on', () => {
    expect(edgeSettingsFromEnv({})).toEqual({
      rateLimitPerMinute: 600,
      trustProxyHops: 0,
      logRequests: true,
    });
  });

  it('reads RATE_LIMIT_PER_MINUTE (0 disables), TRUST_PROXY, LOG_REQUESTS', () => {
    expect(
      edgeSettingsFromEnv({ RATE_LIMIT_PER_MINUTE: '0', TRUST_PROXY: '2', LOG_REQUESTS: 'false' }),
    ).toEqual({ rateLimitPerMinute: 0, trustProxyHops: 2, logRequests: false });
    expect(edgeSettingsFromEnv({ TRUST_PROXY: 'true', LOG_REQUESTS: '0' })).toMatchObject({
      trustProxyHops: 1,
      logRequests: false,
    });
  });

  it('refuses nonsense instead of guessing', () => {
    expect(() => edgeSettingsFromEnv({ RATE_LIMIT_PER_MINUTE: '-5' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
    expect(() => edgeSettingsFromEnv({ RATE_LIMIT_PER_MINUTE: 'lots' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
    expect(() => edgeSettingsFromEnv({ TRUST_PROXY: 'maybe' })).toThrow(/TRUST_PROXY/);
    expect(() => edgeSettingsFromEnv({ LOG_REQUESTS: 'perhaps' })).toThrow(/LOG_REQUESTS/);
  });
});

describe('client address on Node', () => {
  const ctx = (socket: string, forwarded?: string) =>
    ({
      env: { incoming: { socket: { remoteAddress: socket, remotePort: 1, remoteFamily: 'IPv4' } } },
      req: { header: (name: string) => (name === 'x-forwarded-for' ? forwarded : undefined) },
    }) as unknown as Context;

  it('is the socket peer by default: X-Forwarded-For is the client’s word, ignored', () => {
    expect(nodeClientIp(0)(ctx('10.0.0.5', '1.2.3.4'))).toBe('10.0.0.5');
  });

  it('behind N trusted proxies, is the entry the outermost of them appended', () => {
    expect(nodeClientIp(1)(ctx('10.0.0.5', 'spoofed, 203.0.113.9'))).toBe('203.0.113.9');
    expect(nodeClientIp(2)(ctx('10.0.0.5', 'spoofed, 203.0.113.9, 10.0.0.2'))).toBe('203.0.113.9');
    expect(nodeClientIp(2)(ctx('10.0.0.5', '203.0.113.9'))).toBe('203.0.113.9');
    expect(nodeClientIp(1)(ctx('10.0.0.5'))).toBe('10.0.0.5');
  });

  it('drops the port some proxies append, and falls back to the socket for an entry that is not an address', () => {
    expect(nodeClientIp(1)(ctx('10.0.0.5', 'spoofed, 203.0.113.7:40001'))).toBe('203.0.113.7');
    expect(nodeClientIp(1)(ctx('10.0.0.5', '[2001:db8::1]:443'))).toBe('2001:db8::1');
    expect(nodeClientIp(2)(ctx('10.0.0.5', '203.0.113.9:1, 10.0.0.2:2'))).toBe('203.0.113.9');
    for (const bad of ['unknown', '_hidden', 'not an address', '203.0.113.7:x', ''])
      expect(nodeClientIp(1)(ctx('10.0.0.5', `198.51.100.1, ${bad}`)), bad).toBe('10.0.0.5');
  });

  it('is undefined without a socket (in-process requests)', () => {
    expect(nodeClientIp(0)({ env: undefined } as unknown as Context)).toBeUndefined();
  });
});

describe('access log', () => {
  const entry = (i: number): RequestLogEntry => ({
    method: 'POST',
    path: `/v1/estimates/server"${i}`,
    status: 200,
    durationMs: 1.23456,
    requestId: `id-${i}`,
    time: Date.UTC(2026, 0, 2, 3, 4, 5, i),
  });

  it('writes one JSON line per request, batched into few writes off the request path', async () => {
    const chunks: string[] = [];
    const log = createRequestLog({
      flushMs: 5,
      write: async (chunk) => {
        chunks.push(chunk.toString());
        return chunk.length;
      },
    });
    for (let i = 0; i < 500; i++) log.onRequest(entry(i));
    expect(chunks).toHaveLength(0); // nothing written while requests are being answered
    await new Promise((r) => setTimeout(r, 30));
    expect(chunks.length).toBeGreaterThanOrEqual(1);
    expect(chunks.length).toBeLessThanOrEqual(2);
    const lines = chunks.join('').trimEnd().split('\n');
    expect(lines).toHaveLength(500);
    expect(JSON.parse(lines[7] as string)).toEqual({
      time: '2026-01-02T03:04:05.007Z',
      level: 'info',
      msg: 'request',
      method: 'POST',
      path: '/v1/estimates/server"7',
      status: 200,
      duration_ms: 1.235,
      request_id: 'id-7',
    });
  });

  it('writes a full batch on the next turn without waiting for the timer', async () => {
    const chunks: string[] = [];
    const log = createRequestLog({
      flushMs: 60_000,
      batchLines: 100,
      write: async (chunk) => {
        chunks.push(chunk.toString());
        return chunk.length;
      },
    });
    for (let i = 0; i < 99; i++) log.onRequest(entry(i));
    await new Promise((r) => setImmediate(r));
    expect(chunks).toHaveLength(0); // 99 lines wait for the timer
    log.onRequest(entry(99));
    expect(chunks).toHaveLength(0); // not inside the request that filled the batch
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(chunks.join('').trimEnd().split('\n')).toHaveLength(100);
  });

  it('handles short writes, and drops (and reports) lines rather than grow without bound', async () => {
    let out = '';
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const log = createRequestLog({
      flushMs: 1,
      maxPending: 10,
      write: async (chunk) => {
        await gate; // a stalled sink
        const n = Math.min(7, chunk.length); // and short writes
        out += chunk.subarray(0, n).toString();
        return n;
      },
    });
    log.onRequest(entry(0));
    await new Promise((r) => setTimeout(r, 10)); // first batch is being written (stalled)
    for (let i = 1; i <= 30; i++) log.onRequest(entry(i));
    expect(log.dropped()).toBe(20);
    release();
    await log.flush();
    const lines = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.filter((l) => l.msg === 'request')).toHaveLength(11);
    expect(lines.at(-1)).toMatchObject({ level: 'warn', dropped: 20 });
  });
});
