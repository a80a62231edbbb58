import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { LabLimits } from '../../../services/lab/lab-browser.js';
import type { LabResultHook } from '../../../services/lab/site-tests.js';
import {
  PERMISSIVE_TARGET_POLICY,
  STRICT_TARGET_POLICY,
  type TargetPolicy,
} from '../../../services/lab/target-policy.js';
import { booleanSetting } from '../edge.js';

/** Lab tests on Node: which Chromium, which targets. */
export interface NodeLabOptions {
  /** The Chromium binary, or why there is none (new tests are then answered 503 with it). */
  chromium: { path: string } | { missing: string };
  policy: TargetPolicy;
  /** True when SITE_TESTS_ALLOW_PRIVATE lifted the address and port rules (logged at start). */
  allowPrivate: boolean;
  /** Shorter timings for the project's tests. */
  limits?: Partial<LabLimits>;
  /** Called with every successful measurement after the server kept it as the page's lab sample (server.ts). */
  onLabResult?: LabResultHook;
  /** Tests run at once. Default 2. */
  concurrency?: number;
}

/** Debian's binary first (its shell wrapper prints a warning), then the wrapper, then the PATH. */
const DEFAULT_CHROMIUM_PATHS = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'];
const PATH_NAMES = ['chromium', 'chromium-browser'];

const INSTALL_HINT =
  "install Debian's package (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary";

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** CHROMIUM_PATH when set (it must be an executable file), else the first Chromium found. */
export function findChromium(
  env: Record<string, string | undefined>,
  defaults: readonly string[] = DEFAULT_CHROMIUM_PATHS,
): NodeLabOptions['chromium'] {
  const given = env.CHROMIUM_PATH?.trim();
  if (given) {
    return isExecutableFile(given)
      ? { path: given }
      : {
          missing: `Lab tests need Chromium: CHROMIUM_PATH=${given} is not an executable file; ${INSTALL_HINT}.`,
        };
  }
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .flatMap((dir) => PATH_NAMES.map((name) => join(dir, name)));
  const found = [...defaults, ...onPath].find(isExecutableFile);
  return found
    ? { path: found }
    : {
        missing: `Lab tests need Chromium: none found (CHROMIUM_PATH is not set, no ${[...defaults, 'chromium on PATH'].join(', ')}); ${INSTALL_HINT}.`,
      };
}

/** CHROMIUM_PATH and SITE_TESTS_ALLOW_PRIVATE (default off: public addresses on ports 80/443 only). */
export function labOptionsFromEnv(env: Record<string, string | undefined>): NodeLabOptions {
  const allowPrivate = booleanSetting('SITE_TESTS_ALLOW_PRIVATE', env.SITE_TESTS_ALLOW_PRIVATE, false);
  return {
    chromium: findChromium(env),
    policy: allowPrivate ? PERMISSIVE_TARGET_POLICY : STRICT_TARGET_POLICY,
    allowPrivate,
  };
}
