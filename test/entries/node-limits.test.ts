import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../../src/entries/node/database.js';
import { type RunningServer, startNodeServer } from '../../src/entries/node/server.js';

// The edge over real HTTP on @hono/node-server: early rejections on kept-alive connections, the
// client address from the socket, 413 for a chunked body.

const dir = mkdtempSync(join(tmpdir(), 'empreinte-limits-'));
const migrated = join(dir, 'migrated.db');
const running: RunningServer[] = [];
afterAll(async () => {
  for (const s of running) await s.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeAll(async () => {
  const database = openDatabase(`file:${migrated}`);
  await migrateDatabase(database);
  database.client.close();
});

async function start(name: string, edge: Parameters<typeof startNodeServer>[0] = {}) {
  const path = join(dir, `${name}.db`);
  copyFileSync(migrated, path);
  const server = await startNodeServer({ port: 0, databaseUrl: `file:${path}`, ...edge });
  running.push(server);
  return server;
}

const SERVER = JSON.stringify({
  provider: 'scaleway',
  region: 'fr-par-2',
  instance_type: 'COPARM1-4C-16G',
  duration_hours: 730,
});

describe('early rejections on a kept-alive connection', () => {
  it('a 413 before the body is read closes the connection, and the next request works', async () => {
    const server = await start('keepalive', { edge: { rateLimitPerMinute: 0 } });
    const big = `{"padding":"${'x'.repeat(2 * 1024 * 1024)}"}`;
    for (let i = 0; i < 3; i++) {
      const tooLarge = await fetch(`${server.url}/v1/estimates/server`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: big,
      });
      expect(tooLarge.status).toBe(413);
      expect(tooLarge.headers.get('connection')).toBe('close');
      expect(((await tooLarge.json()) as { type: string }).type).toBe('/problems/payload-too-large');
      const next = await fetch(`${server.url}/v1/estimates/server`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: SERVER,
      });
      expect(next.status).toBe(200);
      await next.arrayBuffer();
    }
  });

  it('a 415 with an unread body closes too; a normal answer keeps the connection', async () => {
    const server = await start('media', { edge: { rateLimitPerMinute: 0 } });
    const wrong = await fetch(`${server.url}/v1/estimates/server`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: SERVER,
    });
    expect(wrong.status).toBe(415);
    expect(wrong.headers.get('connection')).toBe('close');
    await wrong.arrayBuffer();
    const ok = await fetch(`${server.url}/v1/estimates/server`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: SERVER,
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('connection')).toBe('keep-alive');
    await ok.arrayBuffer();
  });

  it('a chunked body over the route limit is cut with a 413', async () => {
    const server = await start('chunked', { edge: { rateLimitPerMinute: 0 } });
    const { port } = new URL(server.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          port: Number(port),
          host: '127.0.0.1',
          method: 'POST',
          path: '/v1/estimates/server',
          headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 40 && req.write(chunk)) sent += 1;
        if (sent < 40) req.once('drain', pump);
        else req.end();
      };
      req.write('{"provider":"scaleway"');
      pump();
    }).catch(() => 413); // the server may close while we are still sending: the answer came first
    expect(status).toBe(413);
  });
});

describe('rate limiting by socket address on Node', () => {
  it('counts the connection’s peer address and ignores a spoofed X-Forwarded-For', async () => {
    const server = await start('limited', { edge: { rateLimitPerMinute: 3, trustProxyHops: 0 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${server.url}/healthz`, { headers: { 'x-forwarded-for': `198.51.100.${i}` } });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('behind a trusted proxy, counts the forwarded address', async () => {
    const server = await start('proxied', { edge: { rateLimitPerMinute: 1, trustProxyHops: 1 } });
    const get = (ip: string) => fetch(`${server.url}/healthz`, { headers: { 'x-forwarded-for': ip } });
    expect((await get('198.51.100.1')).status).toBe(200);
    expect((await get('198.51.100.1')).status).toBe(429);
    expect((await get('198.51.100.2')).status).toBe(200);
  });

  it('behind a trusted proxy, counts every port of one address as one client', async () => {
    const server = await start('ported', { edge: { rateLimitPerMinute: 5, trustProxyHops: 1 } });
    const statuses: number[] = [];
    for (let port = 40_001; port <= 40_008; port++) {
      const res = await fetch(`${server.url}/healthz`, {
        headers: { 'x-forwarded-for': `203.0.113.7:${port}` },
      });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    // The same for IPv6 with a port, by /64.
    const v6 = await start('ported-v6', { edge: { rateLimitPerMinute: 1, trustProxyHops: 1 } });
    const first = await fetch(`${v6.url}/healthz`, {
      headers: { 'x-forwarded-for': '[2001:db8:1:2::1]:443' },
    });
    const second = await fetch(`${v6.url}/healthz`, {
      headers: { 'x-forwarded-for': '[2001:db8:1:2::99]:8443' },
    });
    expect([first.status, second.status]).toEqual([200, 429]);
  });

  it('behind a trusted proxy, an entry that is not an address counts as the socket peer', async () => {
    const server = await start('invalid-xff', { edge: { rateLimitPerMinute: 2, trustProxyHops: 1 } });
    const statuses: number[] = [];
    for (const forwarded of ['unknown', '_hidden', 'not-an-ip:1']) {
      const res = await fetch(`${server.url}/healthz`, { headers: { 'x-forwarded-for': forwarded } });
      statuses.push(res.status);
      await res.arrayBuffer();
    }
    expect(statuses).toEqual([200, 200, 429]); // all three are 127.0.0.1's
  });
});

describe('abuse over HTTP (issue 20)', () => {
  it('a 2 MiB body of empty objects is a cheap 400 naming the item limit, at 101 tokens each', async () => {
    // 303 tokens a minute: three such bodies, then 429 (the bucket refills 5 tokens a second).
    const server = await start('empty-objects', { edge: { rateLimitPerMinute: 303, trustProxyHops: 1 } });
    const items = Math.floor((2 * 1024 * 1024 - 11) / 3);
    const flood = `{"items":[${'{},'.repeat(items - 1)}{}]}`;
    // Cut short with a malformed end: only a guard that stops before the end can name the limit.
    const cut = `${flood.slice(0, 1024 * 1024)}!!`;
    const post = (body: string, ip: string) =>
      fetch(`${server.url}/v1/estimates/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body,
      });
    const started = performance.now();
    const answers: { status: number; remaining: number; body: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await post(i % 2 ? cut : flood, '198.51.100.70');
      answers.push({
        status: res.status,
        remaining: Number(res.headers.get('ratelimit-remaining')),
        body: await res.text(),
      });
    }
    const refilled = Math.ceil(((performance.now() - started) / 1000) * 5);
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400, 429]);
    for (const [i, a] of answers.slice(0, 3).entries()) {
      expect(a.remaining).toBeGreaterThanOrEqual(303 - 101 * (i + 1));
      expect(a.remaining).toBeLessThanOrEqual(303 - 101 * (i + 1) + refilled);
      expect(JSON.parse(a.body)).toMatchObject({
        status: 400,
        errors: [{ path: 'items', message: 'Too many items: no list in this body may have more than 1000.' }],
      });
    }
    expect(JSON.parse(answers[3]?.body ?? '')).toMatchObject({ status: 429, type: '/problems/rate-limited' });
    expect(answers.every((a) => !/node_modules|\.ts:\d/.test(a.body))).toBe(true);
    // Another client is unaffected.
    const other = await fetch(`${server.url}/v1/estimates/server`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.71' },
      body: SERVER,
    });
    expect(other.status).toBe(200);
  });
});

describe('raw socket hygiene', () => {
  it('answers a request with a huge declared body at once, without waiting for it', async () => {
    const server = await start('declared', { edge: { rateLimitPerMinute: 0 } });
    const { port } = new URL(server.url);
    const head = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          'POST /v1/estimates/server HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n' +
            'Content-Length: 50000000\r\n\r\n{"provider":',
        );
      });
      let data = '';
      socket.on('data', (d) => {
        data += d.toString();
        if (data.includes('\r\n\r\n')) {
          socket.destroy();
          resolve(data);
        }
      });
      socket.on('error', reject);
    });
    expect(head).toMatch(/^HTTP\/1\.1 413/);
    expect(head.toLowerCase()).toContain('connection: close');
  });
});

describe('slow clients (Node timeouts)', () => {
  /** Sends `head` and nothing more; resolves with what the server wrote once it closed the socket. */
  const stall = (url: string, head: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(Number(new URL(url).port), '127.0.0.1', () => socket.write(head));
      let data = '';
      socket.on('data', (d) => {
        data += d.toString();
      });
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
      setTimeout(() => {
        socket.destroy();
        resolve('still open after 10 s');
      }, 10_000).unref();
    });

  it('defaults to 10 s for the headers and 30 s for a whole request (Node: 60 s and 300 s)', async () => {
    const server = await start('timeouts-default', { edge: { rateLimitPerMinute: 0 } });
    expect(server.httpServer.headersTimeout).toBe(10_000);
    expect(server.httpServer.requestTimeout).toBe(30_000);
  });

  it('answers 408 and closes a connection whose headers never end', async () => {
    const server = await start('slow-headers', {
      edge: { rateLimitPerMinute: 0 },
      headersTimeoutMs: 300,
      requestTimeoutMs: 600,
    });
    const answer = await stall(
      server.url,
      'POST /v1/estimates/server HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer.toLowerCase()).toContain('connection: close');
  });

  it('answers 408 and closes a connection whose body trickles past the request timeout', async () => {
    const server = await start('slow-body', {
      edge: { rateLimitPerMinute: 0 },
      headersTimeoutMs: 300,
      requestTimeoutMs: 600,
    });
    const answer = await stall(
      server.url,
      'POST /v1/estimates/server HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n' +
        `Content-Length: ${SERVER.length}\r\n\r\n${SERVER.slice(0, 10)}`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  });
});
