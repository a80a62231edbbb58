import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Answer, fixtureHandler, floodRoute } from './lab-fixture.js';

/**
 * An HTTPS origin for lab tests through the guard proxy's CONNECT tunnels: a self-signed
 * certificate (openssl) for `name`, the lab fixture's flood routes (`/flood/N`, `/sized/N`,
 * `/endless`) and a small page at `/page`, counting the bytes written on its TCP sockets (TLS
 * records included). The lab's Chromium must be told to ignore certificate errors
 * (ChromiumLabOptions.ignoreHttpsErrors).
 */
export interface HttpsOrigin {
  /** `https://<name>:<port>`. */
  url: string;
  port: number;
  /** Bytes written on every socket so far (TLS records included). */
  bytesSent(): number;
  /** Connections accepted. */
  connections(): number;
  hits: Map<string, number>;
  close(): Promise<void>;
}

export const HTTPS_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>tls</title><link rel="icon" href="data:,">' +
  '</head><body><p>Served over TLS.</p></body></html>';

/** Listens on `address` (a free port, or `port`), with a certificate for `name`. */
export async function startHttpsOrigin(address: string, name: string, port = 0): Promise<HttpsOrigin> {
  const dir = mkdtempSync(join(tmpdir(), 'empreinte-tls-'));
  let key: Buffer;
  let cert: Buffer;
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '2',
        '-subj',
        `/CN=${name}`,
        '-addext',
        `subjectAltName=DNS:${name}`,
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    key = readFileSync(join(dir, 'key.pem'));
    cert = readFileSync(join(dir, 'cert.pem'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const hits = new Map<string, number>();
  const route = (path: string): Answer | undefined =>
    path === '/page' ? { type: 'text/html; charset=utf-8', body: HTTPS_PAGE } : floodRoute(path);
  const server: Server = createServer({ key, cert }, fixtureHandler(route, hits));
  const sockets: Socket[] = [];
  server.on('connection', (s: Socket) => sockets.push(s));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, resolve);
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `https://${name}:${bound}`,
    port: bound,
    bytesSent: () => sockets.reduce((n, s) => n + s.bytesWritten, 0),
    connections: () => sockets.length,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
