import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';

/**
 * Raw answers no well-behaved HTTP server writes, by path: what a hostile origin can send the lab's
 * guard proxy. Each is written as is on the socket, then the socket is closed; the parts of a list
 * 50 ms apart (the head reaches the browser before the body breaks).
 */
export const MALFORMED_ANSWERS: Record<string, string | string[]> = {
  '/status-99': 'HTTP/1.1 099 Low\r\ncontent-length: 2\r\n\r\nhi',
  '/status-999': 'HTTP/1.1 999 High\r\ncontent-length: 2\r\n\r\nhi',
  '/reason-del': 'HTTP/1.1 200 O\x7fK\r\ncontent-length: 2\r\n\r\nhi',
  '/header-ctl': 'HTTP/1.1 200 OK\r\nx-bad: a\x01b\r\ncontent-length: 2\r\n\r\nhi',
  '/not-http': 'SSH-2.0-OpenSSH_9.6\r\n\r\n',
  '/bad-chunk': [
    'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n',
    'zz\r\n',
  ],
};

async function writeParts(socket: Socket, parts: string[]): Promise<void> {
  for (const [i, part] of parts.entries()) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    socket.write(Buffer.from(part, 'latin1'));
  }
  socket.end();
}

export interface MalformedOrigin {
  url: string;
  port: number;
  /** Paths asked for, in order. */
  hits: string[];
  close(): Promise<void>;
}

/**
 * A TCP server on 127.0.0.1 that answers the paths of MALFORMED_ANSWERS with their bytes and any
 * other path with `pages[path]` as a valid HTML answer (404 when absent).
 */
export async function startMalformedOrigin(pages: Record<string, string> = {}): Promise<MalformedOrigin> {
  const hits: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let head = '';
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.removeAllListeners('data');
      const path = head.split(' ')[1] ?? '/';
      hits.push(path);
      const raw = MALFORMED_ANSWERS[path];
      if (raw !== undefined) {
        void writeParts(socket, typeof raw === 'string' ? [raw] : raw);
        return;
      }
      const page = pages[path];
      const body = Buffer.from(page ?? 'not found');
      socket.end(
        Buffer.concat([
          Buffer.from(
            `HTTP/1.1 ${page === undefined ? '404 Not Found' : '200 OK'}\r\ncontent-type: text/html; charset=utf-8\r\n` +
              `content-length: ${body.length}\r\nconnection: close\r\n\r\n`,
          ),
          body,
        ]),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
