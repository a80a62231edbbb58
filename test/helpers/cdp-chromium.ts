import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from '@cloudflare/puppeteer';
import { CHROMIUM_PATH } from './chromium.js';

/**
 * A fresh headless Debian Chromium reached over its DevTools WebSocket, through
 * @cloudflare/puppeteer's `connect` (on Node it speaks over the `ws` package): what the Worker
 * lab's injectable `launch` yields in production from Browser Rendering. `resolverRules` is
 * Chromium's `--host-resolver-rules` (the test names' addresses, since the machine has no DNS for
 * them). Closing the browser (the lab does, over CDP) ends the process; its profile is removed.
 */
const running = new Set<ChildProcess>();

/**
 * Removes a profile folder once its Chromium has exited. Its helper processes may still be writing
 * into it for a moment (ENOTEMPTY): retry, then once more a second later, and never throw from the
 * exit listener (an uncaught error there fails the whole test run).
 */
function removeProfile(profile: string): void {
  const remove = () => rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  try {
    remove();
  } catch {
    setTimeout(() => {
      try {
        remove();
      } catch {
        // A leftover folder in the temporary directory is harmless.
      }
    }, 1_000).unref();
  }
}

/** Kills the Chromiums a test left running (a lab that never closed its browser). */
export function killCdpChromiums(): void {
  for (const child of running) child.kill('SIGKILL');
}

export async function launchCdpChromium(resolverRules: string): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'empreinte-cdp-'));
  const child: ChildProcess = spawn(
    CHROMIUM_PATH,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--user-data-dir=${profile}`,
      `--host-resolver-rules=${resolverRules}`,
      '--remote-debugging-port=0',
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  running.add(child);
  child.on('exit', () => {
    running.delete(child);
    removeProfile(profile);
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error('Chromium printed no DevTools endpoint in 20 s')),
      20_000,
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = seen.match(/DevTools listening on (ws:\/\/\S+)/);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}) before its DevTools endpoint: ${seen.slice(-500)}`));
    });
  });
  child.stderr?.resume();
  try {
    const browser = await puppeteer.connect({ browserWSEndpoint: endpoint });
    // Whatever happens to the connection, the process does not outlive the test.
    browser.on('disconnected', () => child.kill('SIGKILL'));
    return browser;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}
