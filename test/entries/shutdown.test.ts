import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '../../src/entries/node/database.js';
import { type ServerProcess, spawnServer } from '../helpers/node-process.js';

// SIGTERM on the real entry (src/entries/node/main.ts in a child process): it stops accepting, lets an
// in-flight request finish, closes idle connections, flushes the access log, exits 0.

const dir = mkdtempSync(join(tmpdir(), 'empreinte-shutdown-'));
const migrated = join(dir, 'migrated.db');
let server: ServerProcess | undefined;
afterAll(() => {
  server?.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});
beforeAll(async () => {
  const database = openDatabase(`file:${migrated}`);
  await migrateDatabase(database);
  database.client.close();
});

function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Reads from a socket until one full HTTP response (Content-Length framed) has arrived. */
function response(socket: Socket): Promise<{ status: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    let data = '';
    const onData = (d: Buffer) => {
      data += d.toString();
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = data.slice(0, end);
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
      if (data.length - end - 4 >= length) {
        socket.off('data', onData);
        resolve({ status: Number(head.split(' ')[1]), head, body: data.slice(end + 4, end + 4 + length) });
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

const closed = (socket: Socket) =>
  new Promise<void>((resolve) => {
    if (socket.destroyed || socket.readableEnded) resolve();
    else socket.once('close', () => resolve());
  });

describe('graceful shutdown (SIGTERM)', () => {
  it('finishes the in-flight request, refuses new connections, closes idle ones, exits 0', async () => {
    const dbPath = join(dir, 'shutdown.db');
    copyFileSync(migrated, dbPath);
    server = await spawnServer({ DATABASE_URL: `file:${dbPath}`, LOG_REQUESTS: 'true' });
    const url = server.url;

    // An idle kept-alive connection, after one full request.
    const idle = await open(url);
    idle.write('GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n');
    expect((await response(idle)).status).toBe(200);

    // A slow upload: headers and half of the body now, the rest after SIGTERM.
    const body = JSON.stringify({
      provider: 'scaleway',
      region: 'fr-par-2',
      instance_type: 'COPARM1-4C-16G',
      duration_hours: 730,
    });
    const slow = await open(url);
    const answered = response(slow);
    slow.write(
      'POST /v1/estimates/server HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n' +
        `X-Request-Id: in-flight-1\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 20)}`,
    );
    await new Promise((r) => setTimeout(r, 200));

    server.child.kill('SIGTERM');
    // Once the signal is handled, the listener is gone: new connections are refused. A connection
    // that reached the accept queue just as the listener closed is reset instead: try again.
    let refused: unknown;
    const reset = (e: unknown) => (e as { code?: string }).code === 'ECONNRESET';
    for (const until = Date.now() + 10_000; (!refused || reset(refused)) && Date.now() < until; ) {
      refused = await open(url).then(
        (s) => {
          s.destroy();
          return undefined;
        },
        (e: unknown) => e,
      );
      if (!refused || reset(refused)) await new Promise((r) => setTimeout(r, 50));
    }
    expect(refused).toMatchObject({ code: 'ECONNREFUSED' });
    await closed(idle); // idle connections are closed at once

    slow.write(body.slice(20));
    const res = await answered;
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).co2e_g).toBeCloseTo(1109.1026840552, 8);
    await closed(slow);

    expect(await server.exited).toBe(0);
    const lines = server
      .stdout()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
    expect(lines).toContainEqual(
      expect.objectContaining({
        method: 'POST',
        path: '/v1/estimates/server',
        status: 200,
        request_id: 'in-flight-1',
      }),
    );
    expect(server.stdout()).toMatch(/SIGTERM: closing/);
  });

  it('cuts a request that does not finish within SHUTDOWN_TIMEOUT_MS, then exits 0', async () => {
    const dbPath = join(dir, 'timeout.db');
    copyFileSync(migrated, dbPath);
    server = await spawnServer({ DATABASE_URL: `file:${dbPath}`, SHUTDOWN_TIMEOUT_MS: '500' });
    const stuck = await open(server.url);
    stuck.write(
      'POST /v1/estimates/server HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n' +
        'Content-Length: 1000\r\n\r\n{"provider":',
    );
    await new Promise((r) => setTimeout(r, 200));
    const t0 = Date.now();
    server.child.kill('SIGTERM');
    await closed(stuck);
    expect(await server.exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });
});
