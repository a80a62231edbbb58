import { existsSync } from 'node:fs';
import { type BrowserContext, chromium } from 'playwright-core';

/** CHROMIUM_PATH, else Debian's binary (not its shell wrapper, which prints a warning), else the wrapper. */
export const CHROMIUM_PATH =
  process.env.CHROMIUM_PATH ??
  (existsSync('/usr/lib/chromium/chromium') ? '/usr/lib/chromium/chromium' : '/usr/bin/chromium');

const found = existsSync(CHROMIUM_PATH);
const inCi = Boolean(process.env.CI);

/**
 * Browser tests run when Chromium is there. Without it they skip (saying why) outside CI, and
 * fail in CI, where `.ci/run` installs it.
 */
export function browserTestsSkipped(what: string): boolean {
  if (found) return false;
  if (inCi) return false;
  console.warn(
    `Skipping ${what}: no Chromium at ${CHROMIUM_PATH}. Install Debian's (sudo apt-get install -y chromium) ` +
      'or set CHROMIUM_PATH to a Chromium binary. Never `npx playwright install`.',
  );
  return true;
}

/** Headless Debian Chromium with a fresh profile and no background traffic (this machine is offline). */
export async function launchChromium(profileDir: string): Promise<BrowserContext> {
  if (!found)
    throw new Error(`CI is set but there is no Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium`);
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
