import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, createServer as createNetServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GuardProxy,
  PROXY_MARKER_HEADER,
  startGuardProxy,
} from '../../src/entries/node/lab/guard-proxy.js';
import { STRICT_TARGET_POLICY, type TargetPolicy } from '../../src/services/lab/target-policy.js';
import { MALFORMED_ANSWERS, startMalformedOrigin } from '../helpers/malformed-origin.js';

// The guard proxy alone, with real sockets: what it lets through, what it refuses, and where it
// connects. 127.0.0.1 stands for the public internet; every other address follows the strict rules.

const POLICY: TargetPolicy = {
  refuseAddress: (a) => (a === '127.0.0.1' ? null : STRICT_TARGET_POLICY.refuseAddress(a)),
  refusePort: () => null,
};

let origin: Server;
let port: number;
const seen: string[] = [];

beforeAll(async () => {
  origin = createServer((req, res) => {
    seen.push(`${req.headers.host} ${req.url}`);
    if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.alloc(2_000_000, 1));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain', 'x-origin': 'yes' });
    res.end('hello');
  });
  await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
  port = (origin.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => origin.close(() => resolve())));

/** A plain-HTTP GET through the proxy (absolute-form request line). */
function viaProxy(proxy: GuardProxy, url: string) {
  const p = new URL(proxy.url);
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      const req = request({ host: p.hostname, port: Number(p.port), path: url, method: 'GET' }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    },
  );
}

/** Like viaProxy, but also resolves when the answer is cut after its head (`complete: false`). */
function viaProxyCut(proxy: GuardProxy, url: string) {
  const p = new URL(proxy.url);
  return new Promise<{ status: number; marker: unknown; body: string; complete: boolean }>(
    (resolve, reject) => {
      const req = request({ host: p.hostname, port: Number(p.port), path: url, method: 'GET' }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString();
        });
        res.on('error', () => undefined);
        res.on('close', () =>
          resolve({
            status: res.statusCode ?? 0,
            marker: res.headers[PROXY_MARKER_HEADER],
            body,
            complete: res.complete,
          }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

/** The first line the proxy answers to `CONNECT authority`. */
function tunnel(proxy: GuardProxy, authority: string) {
  const p = new URL(proxy.url);
  return new Promise<string>((resolve, reject) => {
    const socket = connect(Number(p.port), p.hostname, () => {
      socket.write(`CONNECT ${authority} HTTP/1.1\r\nhost: ${authority}\r\n\r\n`);
    });
    socket.once('data', (d: Buffer) => {
      resolve(d.toString().split('\r\n')[0] as string);
      socket.destroy();
    });
    socket.on('error', reject);
  });
}

describe('the guard proxy', () => {
  it('forwards allowed requests to the address it checked, resolving each name once', async () => {
    const answers = [['127.0.0.1'], ['127.0.0.3']]; // a name that rebinds to another address
    const lookups: string[] = [];
    const proxy = await startGuardProxy({
      policy: POLICY,
      lookup: async (host) => {
        lookups.push(host);
        return answers[lookups.length - 1] ?? ['127.0.0.3'];
      },
      maxBytes: 1e9,
    });
    try {
      const first = await viaProxy(proxy, `http://site.test:${port}/a`);
      const second = await viaProxy(proxy, `http://site.test:${port}/b`);
      expect([first.status, first.body.toString(), first.headers['x-origin']]).toEqual([200, 'hello', 'yes']);
      expect(second.status).toBe(200);
      expect(lookups).toEqual(['site.test']);
      expect(seen.slice(-2)).toEqual([`site.test:${port} /a`, `site.test:${port} /b`]);
      expect(proxy.failures).toEqual([]);
      expect(proxy.bytesRelayed()).toBe(10);
    } finally {
      await proxy.close();
    }
  });

  it('refuses private addresses, literal or resolved, over HTTP and CONNECT, without connecting', async () => {
    const proxy = await startGuardProxy({
      policy: POLICY,
      lookup: async (host) => (host === 'inside.test' ? ['10.1.2.3'] : Promise.reject(new Error('NXDOMAIN'))),
      maxBytes: 1e9,
    });
    try {
      const literal = await viaProxy(proxy, `http://127.0.0.3:${port}/secret`);
      expect(literal.status).toBe(403);
      expect(literal.headers[PROXY_MARKER_HEADER]).toBe('refused');
      expect(literal.body.toString()).toBe('127.0.0.3 is a loopback address.\n');
      const metadata = await viaProxy(proxy, 'http://169.254.169.254/latest/meta-data/');
      expect(metadata.status).toBe(403);
      expect(await tunnel(proxy, 'inside.test:443')).toBe('HTTP/1.1 403 Forbidden');
      expect(await tunnel(proxy, '[::1]:443')).toBe('HTTP/1.1 403 Forbidden');
      expect(await tunnel(proxy, 'nowhere.test:443')).toBe('HTTP/1.1 502 Bad Gateway');
      expect(await tunnel(proxy, `127.0.0.1:${port}`)).toBe('HTTP/1.1 200 Connection Established');
      expect(proxy.failures).toEqual([
        { authority: `127.0.0.3:${port}`, kind: 'refused', reason: '127.0.0.3 is a loopback address.' },
        {
          authority: '169.254.169.254:80',
          kind: 'refused',
          reason: '169.254.169.254 is a cloud metadata address.',
        },
        {
          authority: 'inside.test:443',
          kind: 'refused',
          reason: 'inside.test resolves to a private or reserved address.',
        },
        { authority: '[::1]:443', kind: 'refused', reason: '::1 is a loopback address.' },
        { authority: 'nowhere.test:443', kind: 'dns', reason: 'nowhere.test does not resolve.' },
      ]);
      expect(seen.some((s) => s.includes('/secret'))).toBe(false);
    } finally {
      await proxy.close();
    }
  });

  it('refuses ports other than 80 and 443 under the strict rules', async () => {
    const proxy = await startGuardProxy({
      policy: STRICT_TARGET_POLICY,
      lookup: async () => ['93.184.216.34'],
      maxBytes: 1e9,
    });
    try {
      expect(await tunnel(proxy, 'example.org:22')).toBe('HTTP/1.1 403 Forbidden');
      expect(proxy.failures[0]?.reason).toBe('Port 22 is refused: lab tests use ports 80 and 443 only.');
    } finally {
      await proxy.close();
    }
  });

  it('cuts every connection once more than maxBytes came back', async () => {
    const proxy = await startGuardProxy({
      policy: POLICY,
      lookup: async () => ['127.0.0.1'],
      maxBytes: 100_000,
    });
    try {
      const outcome = await viaProxy(proxy, `http://127.0.0.1:${port}/big`).then(
        (r) => r.body.length,
        () => 'cut',
      );
      expect(outcome === 'cut' || (typeof outcome === 'number' && outcome < 2_000_000)).toBe(true);
      expect(proxy.overLimit()).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it('answers 502 for every malformed origin answer, records it, and keeps serving (raw TCP origin)', async () => {
    const bad = await startMalformedOrigin();
    const proxy = await startGuardProxy({ policy: POLICY, lookup: async () => ['127.0.0.1'], maxBytes: 1e9 });
    const authority = `127.0.0.1:${bad.port}`;
    try {
      const heads = ['/status-99', '/status-999', '/reason-del', '/header-ctl', '/not-http'];
      const answers = [];
      for (const path of heads) answers.push(await viaProxyCut(proxy, `${bad.url}${path}`));
      expect(answers.map((a) => [a.status, a.marker, a.complete])).toEqual(
        heads.map(() => [502, 'malformed', true]),
      );
      expect(answers[0]?.body).toBe(`${authority} answered a malformed HTTP response (status 99).\n`);
      // The head was relayed before the body broke: the browser sees a cut answer.
      const cut = await viaProxyCut(proxy, `${bad.url}/bad-chunk`);
      expect([cut.status, cut.marker, cut.complete]).toEqual([200, undefined, false]);
      expect(bad.hits).toEqual([...heads, '/bad-chunk']);
      expect(proxy.failures).toEqual([
        {
          authority,
          kind: 'malformed',
          reason: `${authority} answered a malformed HTTP response (status 99).`,
        },
        {
          authority,
          kind: 'malformed',
          reason: `${authority} answered a malformed HTTP response (status 999).`,
        },
        {
          authority,
          kind: 'malformed',
          reason: `${authority} answered a malformed HTTP response (ERR_INVALID_CHAR).`,
        },
        {
          authority,
          kind: 'malformed',
          reason: `${authority} answered a malformed HTTP response (HPE_INVALID_HEADER_TOKEN).`,
        },
        {
          authority,
          kind: 'malformed',
          reason: `${authority} answered a malformed HTTP response (HPE_INVALID_CONSTANT).`,
        },
        {
          authority,
          kind: 'malformed',
          reason: `${authority} broke its HTTP framing (HPE_INVALID_CHUNK_SIZE).`,
        },
      ]);
      // Nothing escaped: the same proxy still relays a good origin.
      const good = await viaProxy(proxy, `http://127.0.0.1:${port}/after`);
      expect([good.status, good.body.toString()]).toEqual([200, 'hello']);
      expect(Object.keys(MALFORMED_ANSWERS)).toEqual([...heads, '/bad-chunk']);
    } finally {
      await proxy.close();
      await bad.close();
    }
  });
});

/** A TCP listener that records the connections it accepts and answers each with `answer`. */
async function listener(host: string, port: number, answer: (socket: Socket) => void) {
  const accepted: string[] = [];
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    accepted.push(socket.localAddress ?? '');
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    answer(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Opens `CONNECT authority` and collects what comes back through the tunnel for up to `ms`. */
function tunnelRead(proxy: GuardProxy, authority: string, ms: number) {
  const p = new URL(proxy.url);
  return new Promise<{ head: string; bytes: number; closed: boolean }>((resolve) => {
    let head = '';
    let bytes = 0;
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ head, bytes, closed });
    };
    const timer = setTimeout(() => finish(false), ms);
    const socket = connect(Number(p.port), p.hostname, () => {
      socket.write(`CONNECT ${authority} HTTP/1.1\r\nhost: ${authority}\r\n\r\n`);
    });
    socket.on('data', (d: Buffer) => {
      if (!head.includes('\r\n\r\n')) {
        head += d.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end >= 0) bytes += Buffer.byteLength(head.slice(end + 4), 'latin1');
        return;
      }
      bytes += d.length;
    });
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
  });
}

describe('the guard proxy tunnels (CONNECT, as HTTPS takes)', () => {
  // 127.0.0.2 stands for the public address the name first resolves to; 127.0.0.1 for the refused
  // one it resolves to afterwards (and to the system resolver: `localhost`).
  const REBIND_POLICY: TargetPolicy = {
    refuseAddress: (a) => (a === '127.0.0.2' ? null : STRICT_TARGET_POLICY.refuseAddress(a)),
    refusePort: () => null,
  };

  it('connects a tunnel to the address it vetted, never to the name resolved again (DNS rebinding)', async () => {
    const vetted = await listener('127.0.0.2', 0, (s) => s.end('vetted'));
    // The same port on the refused address, where a second resolution of the name leads.
    const refused = await listener('127.0.0.1', vetted.port, (s) => s.end('refused'));
    const answers = [['127.0.0.2'], ['127.0.0.1']];
    const lookups: string[] = [];
    const proxy = await startGuardProxy({
      policy: REBIND_POLICY,
      lookup: async (host) => {
        lookups.push(host);
        return answers[Math.min(lookups.length, answers.length) - 1] as string[];
      },
      maxBytes: 1e9,
    });
    try {
      for (let i = 0; i < 2; i += 1) {
        const t = await tunnelRead(proxy, `localhost:${vetted.port}`, 2_000);
        expect(t.head.split('\r\n')[0]).toBe('HTTP/1.1 200 Connection Established');
        expect(t.bytes).toBe('vetted'.length);
      }
      expect(lookups).toEqual(['localhost']);
      expect(vetted.accepted).toEqual(['127.0.0.2', '127.0.0.2']);
      expect(refused.accepted).toEqual([]);
      expect(proxy.failures).toEqual([]);
    } finally {
      await proxy.close();
      await vetted.close();
      await refused.close();
    }
  });

  it('counts tunnel bytes as they stream: past the cap it cuts, says so once, and opens nothing new', async () => {
    const chunk = Buffer.alloc(16_384, 1);
    const endless = await listener('127.0.0.1', 0, (socket) => {
      const pump = () => {
        while (!socket.destroyed && socket.write(chunk));
      };
      socket.on('drain', pump);
      pump();
    });
    let overLimit = 0;
    const proxy = await startGuardProxy({
      policy: POLICY,
      lookup: async () => ['127.0.0.1'],
      maxBytes: 200_000,
      onOverLimit: () => {
        overLimit += 1;
      },
    });
    try {
      const t = await tunnelRead(proxy, `127.0.0.1:${endless.port}`, 3_000);
      expect(t.head.split('\r\n')[0]).toBe('HTTP/1.1 200 Connection Established');
      expect(t.closed).toBe(true); // cut, not still streaming when the wait ended
      expect(t.bytes).toBeLessThanOrEqual(200_000);
      expect(proxy.overLimit()).toBe(true);
      expect(proxy.bytesRelayed()).toBeGreaterThan(200_000);
      expect(proxy.bytesRelayed()).toBeLessThanOrEqual(200_000 + 65_536); // at most one more chunk
      expect(overLimit).toBe(1);
      // Nothing new: another tunnel and a plain request are cut before any byte comes back.
      const accepted = endless.accepted.length;
      const again = await tunnelRead(proxy, `127.0.0.1:${endless.port}`, 2_000);
      expect([again.head, again.bytes, again.closed]).toEqual(['', 0, true]);
      await expect(viaProxy(proxy, `http://127.0.0.1:${port}/after`)).rejects.toThrow();
      expect(endless.accepted.length).toBe(accepted);
      expect(overLimit).toBe(1);
    } finally {
      await proxy.close();
      await endless.close();
    }
  });

  it('counts HTTP and tunnel bytes against one cap, across connections', async () => {
    const chunk = Buffer.alloc(16_384, 1);
    const endless = await listener('127.0.0.1', 0, (socket) => {
      const pump = () => {
        while (!socket.destroyed && socket.write(chunk));
      };
      socket.on('drain', pump);
      pump();
    });
    const proxy = await startGuardProxy({
      policy: POLICY,
      lookup: async () => ['127.0.0.1'],
      maxBytes: 2_100_000,
    });
    try {
      const big = await viaProxy(proxy, `http://127.0.0.1:${port}/big`); // 2,000,000 bytes + headers
      expect(big.body.length).toBe(2_000_000);
      expect(proxy.overLimit()).toBe(false);
      const t = await tunnelRead(proxy, `127.0.0.1:${endless.port}`, 3_000);
      expect(t.closed).toBe(true);
      expect(t.bytes).toBeLessThan(100_000);
      expect(proxy.overLimit()).toBe(true);
    } finally {
      await proxy.close();
      await endless.close();
    }
  });
});
