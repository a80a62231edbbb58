import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The README's `npm start`, as a process manager runs it: a SIGTERM to npm must reach the server
// (package.json `exec`s node, so no shell stands between them), which closes gracefully.

const dir = mkdtempSync(join(tmpdir(), 'empreinte-npm-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm start', () => {
  it('stops the server when npm gets SIGTERM: the port is closed and npm exits', async () => {
    const npm = spawn('npm', ['start'], {
      cwd: join(import.meta.dirname, '../..'),
      env: { ...process.env, PORT: '0', DATABASE_URL: `file:${join(dir, 'start.db')}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    npm.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    npm.stderr.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`npm start did not listen in 60 s:\n${out}`)),
          60_000,
        );
        const poll = setInterval(() => {
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m?.[1]) {
            clearInterval(poll);
            clearTimeout(timer);
            resolve(m[1]);
          }
        }, 50);
      });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      npm.kill('SIGTERM');
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 15_000))]);
      expect(code, out).not.toBe('timeout');
      expect(out).toMatch(/SIGTERM: closing/);
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    } finally {
      npm.kill('SIGKILL');
    }
  }, 90_000);
});
