import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect, isIP, type Socket } from 'node:net';
import {
  refuseResolvedAddresses,
  refuseUrlWithoutDns,
  type TargetPolicy,
} from '../../../services/lab/target-policy.js';

/**
 * The only way out of the lab browser: a forward proxy (one per test) that checks every connection
 * the page makes — the document, each redirect, subresources, iframes, workers, WebSockets — and
 * connects to the very address it checked. Resolving, checking and connecting happen here in one
 * step, so a name that answers a public address to the check and a private one to the connection
 * (DNS rebinding) gets nowhere: there is no second resolution.
 *
 * Plain HTTP requests are forwarded; HTTPS and WebSockets arrive as CONNECT tunnels (the proxy
 * sees host and port, never the content). A refused connection is answered 403 (HTTP) or a failed
 * tunnel, and recorded. So is an origin's malformed answer (a status outside 100–599, a reason phrase
 * or header Node will not write, broken framing): nothing an origin sends may throw out of a
 * listener, where it would end the lab thread and every test running in it.
 *
 * Bytes from origins are counted as they stream, before they are relayed, over every connection of
 * the test (HTTP answers and tunnels alike): past the test's cap every connection is cut and every
 * new one refused, so a page cannot go on by opening new connections or streams.
 */

export type ProxyFailureKind = 'refused' | 'dns' | 'unreachable' | 'malformed';

export interface ProxyFailure {
  /** `host:port` as the browser asked for it. */
  authority: string;
  kind: ProxyFailureKind;
  reason: string;
}

/** Answers of the proxy itself (never an origin's) carry this header, so they are not counted. */
export const PROXY_MARKER_HEADER = 'x-empreinte-proxy';

export interface GuardProxyOptions {
  policy: TargetPolicy;
  /** Every address of a host name (A and AAAA), as the system resolver answers it. */
  lookup: (host: string) => Promise<string[]>;
  /**
   * Most bytes relayed from origins to the browser, over every connection of the test (HTTP
   * answers, and CONNECT tunnels with their TLS records), counted as they stream. Beyond, every
   * connection is cut, nothing new is opened, and `onOverLimit` is called (once).
   */
  maxBytes: number;
  onOverLimit?: () => void;
}

export interface GuardProxy {
  /** `http://127.0.0.1:<port>`, for the browser context's proxy setting. */
  url: string;
  /** Connections refused or failed, in order. */
  failures: ProxyFailure[];
  /** Bytes relayed from origins to the browser so far (TLS records included for tunnels). */
  bytesRelayed(): number;
  /** True once `maxBytes` was exceeded (everything was cut). */
  overLimit(): boolean;
  /** Cuts every connection and refuses new ones from now on (the test is over). */
  shut(): void;
  close(): Promise<void>;
}

type Target = { ok: true; address: string } | { ok: false; kind: ProxyFailureKind; reason: string };

const HOP_BY_HOP = new Set([
  'host', // replaced by the request target's (RFC 9112, 3.2.2)
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authorization',
  'proxy-authenticate',
  'te',
  'trailer',
  'upgrade',
]);

/** `[::1]:443` or `example.org:443` → host (without brackets) and port. */
function splitAuthority(authority: string): { host: string; port: number } | null {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(authority);
  if (!m) return null;
  const port = Number(m[3]);
  if (port < 1 || port > 65_535) return null;
  return { host: (m[1] ?? m[2] ?? '').toLowerCase(), port };
}

/** Raw headers without the hop-by-hop ones (and, for a request, without Host). */
function withoutHopByHop(raw: string[], isRequest = true): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    if (HOP_BY_HOP.has(name) && (isRequest || name !== 'host')) continue;
    out.push(raw[i] as string, raw[i + 1] as string);
  }
  return out;
}

export async function startGuardProxy(options: GuardProxyOptions): Promise<GuardProxy> {
  const { policy, lookup, maxBytes } = options;
  const failures: ProxyFailure[] = [];
  const sockets = new Set<Socket>();
  const resolved = new Map<string, Promise<Target>>();
  let relayed = 0;
  let over = false;
  /** Set once the test is over (the cap was reached, or `shut()`): nothing is relayed any more. */
  let shut = false;

  const track = (socket: Socket) => {
    if (shut) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const cutEverything = () => {
    shut = true;
    for (const s of sockets) s.destroy();
  };
  /** Counts a chunk from an origin before it is relayed; false (and everything cut) past the cap. */
  const count = (n: number): boolean => {
    if (shut) return false;
    relayed += n;
    if (relayed <= maxBytes) return true;
    over = true;
    cutEverything();
    options.onOverLimit?.();
    return false;
  };

  /** The checked address to connect to for host:port, resolved at most once per host. */
  const target = (host: string, port: number): Promise<Target> => {
    const url = new URL(`http://${host.includes(':') ? `[${host}]` : host}:${port}/`);
    const early = refuseUrlWithoutDns(url, policy);
    if (early) return Promise.resolve({ ok: false, kind: 'refused', reason: early });
    if (isIP(host)) return Promise.resolve({ ok: true, address: host });
    let answer = resolved.get(host);
    if (!answer) {
      answer = lookup(host).then(
        (addresses): Target => {
          const refusal = refuseResolvedAddresses(host, addresses, policy);
          if (refusal) return { ok: false, kind: 'refused', reason: refusal };
          return { ok: true, address: addresses[0] as string };
        },
        (): Target => ({ ok: false, kind: 'dns', reason: `${host} does not resolve.` }),
      );
      resolved.set(host, answer);
    }
    return answer;
  };

  const fail = (authority: string, kind: ProxyFailureKind, reason: string) => {
    failures.push({ authority, kind, reason });
  };

  const answerHttp = (res: ServerResponse, status: number, kind: ProxyFailureKind, reason: string) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    // The reason phrase is always given: a rejected origin's one would otherwise be kept and refused again.
    res.writeHead(status, STATUS_CODES[status], {
      'content-type': 'text/plain; charset=utf-8',
      connection: 'close',
      [PROXY_MARKER_HEADER]: kind,
    });
    res.end(`${reason}\n`);
  };

  // Plain HTTP: `GET http://host:port/path` in absolute form.
  const forward = async (req: IncomingMessage, res: ServerResponse) => {
    if (shut) {
      res.destroy();
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '');
      if (url.protocol !== 'http:') throw new Error('not http');
    } catch {
      answerHttp(res, 400, 'refused', 'Only absolute http:// URLs are proxied.');
      return;
    }
    const port = url.port === '' ? 80 : Number(url.port);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const authority = `${url.hostname}:${port}`;
    const t = await target(host, port);
    if (shut) {
      res.destroy();
      return;
    }
    if (!t.ok) {
      fail(authority, t.kind, t.reason);
      answerHttp(res, t.kind === 'refused' ? 403 : 502, t.kind, t.reason);
      return;
    }
    const upstream = httpRequest({
      host: t.address,
      port,
      method: req.method,
      path: `${url.pathname}${url.search}`,
      headers: ['host', url.host, ...withoutHopByHop(req.rawHeaders)],
      setHost: false,
      agent: false,
    });
    upstream.on('socket', track);
    const malformed = (detail: string) => {
      const reason = `${authority} answered a malformed HTTP response (${detail}).`;
      fail(authority, 'malformed', reason);
      answerHttp(res, 502, 'malformed', reason);
    };
    upstream.on('response', (answer) => {
      answer.on('error', () => res.destroy());
      const status = answer.statusCode ?? 0;
      if (status < 100 || status > 599) {
        upstream.destroy();
        malformed(`status ${status}`);
        return;
      }
      res.sendDate = false;
      try {
        res.writeHead(status, answer.statusMessage, withoutHopByHop(answer.rawHeaders, false));
      } catch (error) {
        upstream.destroy();
        malformed(`${(error as NodeJS.ErrnoException).code ?? 'unwritable head'}`);
        return;
      }
      // Counted as it streams, before it is relayed: past the cap the chunk is dropped and all is cut.
      answer.on('data', (chunk: Buffer) => {
        if (count(chunk.length) && !res.write(chunk)) answer.pause();
      });
      res.on('drain', () => answer.resume());
      answer.on('end', () => res.end());
    });
    upstream.on('error', (error) => {
      const code = (error as NodeJS.ErrnoException).code ?? 'ERR';
      if (code.startsWith('HPE_')) {
        if (!res.headersSent) malformed(code);
        else {
          fail(authority, 'malformed', `${authority} broke its HTTP framing (${code}).`);
          res.destroy();
        }
        return;
      }
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const reason = `${authority} is unreachable (${code}).`;
      fail(authority, 'unreachable', reason);
      answerHttp(res, 502, 'unreachable', reason);
    });
    req.on('error', () => upstream.destroy());
    res.on('error', () => upstream.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  };

  // HTTPS and WebSockets: `CONNECT host:port`, then raw bytes both ways.
  const tunnel = async (req: IncomingMessage, client: Socket, head: Buffer) => {
    track(client);
    client.on('error', () => client.destroy());
    const authority = req.url ?? '';
    const parts = splitAuthority(authority);
    if (!parts) {
      fail(authority, 'refused', `'${authority}' is not host:port.`);
      client.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
      return;
    }
    const t = await target(parts.host, parts.port);
    if (shut) {
      client.destroy();
      return;
    }
    if (!t.ok) {
      fail(authority, t.kind, t.reason);
      client.end(
        `HTTP/1.1 ${t.kind === 'refused' ? '403 Forbidden' : '502 Bad Gateway'}\r\nconnection: close\r\n\r\n`,
      );
      return;
    }
    const upstream = connect({ host: t.address, port: parts.port });
    track(upstream);
    let established = false;
    upstream.once('connect', () => {
      established = true;
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      // Counted as it streams, before it is relayed: past the cap the chunk is dropped and all is cut.
      upstream.on('data', (chunk: Buffer) => {
        if (count(chunk.length) && !client.write(chunk)) upstream.pause();
      });
      client.on('drain', () => upstream.resume());
      client.pipe(upstream);
    });
    upstream.on('error', (error) => {
      if (established) {
        client.destroy();
        return;
      }
      const reason = `${authority} is unreachable (${(error as NodeJS.ErrnoException).code ?? 'ERR'}).`;
      fail(authority, 'unreachable', reason);
      client.end('HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\n\r\n');
    });
    upstream.on('close', () => {
      if (established) client.destroy();
    });
    client.on('close', () => upstream.destroy());
  };

  const server = createServer((req, res) => {
    forward(req, res).catch(() => res.destroy());
  });
  server.on('connection', track);
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    tunnel(req, client, head).catch(() => client.destroy());
  });
  // WebSocket upgrades over plain HTTP are not proxied (browsers tunnel them with CONNECT).
  server.on('upgrade', (_req, socket: Socket) => socket.destroy());

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    failures,
    bytesRelayed: () => relayed,
    overLimit: () => over,
    shut: cutEverything,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
