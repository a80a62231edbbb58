import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium, labOptionsFromEnv } from '../../src/entries/node/lab/settings.js';
import { PERMISSIVE_TARGET_POLICY, STRICT_TARGET_POLICY } from '../../src/services/lab/target-policy.js';
import { spawnServer } from '../helpers/node-process.js';

const dir = mkdtempSync(join(tmpdir(), 'empreinte-lab-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lab settings from the environment (Node)', () => {
  it('takes CHROMIUM_PATH when it is an executable file, and says why not otherwise', () => {
    const binary = join(dir, 'chromium');
    writeFileSync(binary, '#!/bin/sh\n');
    chmodSync(binary, 0o755);
    expect(findChromium({ CHROMIUM_PATH: binary })).toEqual({ path: binary });
    const plain = join(dir, 'not-executable');
    writeFileSync(plain, '');
    chmodSync(plain, 0o644);
    for (const path of [plain, dir, join(dir, 'missing')]) {
      const found = findChromium({ CHROMIUM_PATH: path });
      expect('missing' in found && found.missing).toContain(
        `CHROMIUM_PATH=${path} is not an executable file`,
      );
    }
  });

  it('looks in the default places, then on PATH, when CHROMIUM_PATH is not set', () => {
    expect(findChromium({ PATH: `/nonexistent:${dir}` }, [join(dir, 'missing')])).toEqual({
      path: join(dir, 'chromium'),
    });
    expect(findChromium({ PATH: `/nonexistent:${dir}` }, [join(dir, 'chromium'), '/elsewhere'])).toEqual({
      path: join(dir, 'chromium'),
    });
    expect(findChromium({ PATH: '/nonexistent' }, ['/opt/none/chromium'])).toEqual({
      missing:
        'Lab tests need Chromium: none found (CHROMIUM_PATH is not set, no /opt/none/chromium, chromium on ' +
        "PATH); install Debian's package (apt-get install chromium) or set CHROMIUM_PATH to a Chromium binary.",
    });
  });

  it('keeps the strict rules unless SITE_TESTS_ALLOW_PRIVATE is on, and refuses a malformed value', () => {
    expect(labOptionsFromEnv({}).policy).toBe(STRICT_TARGET_POLICY);
    expect(labOptionsFromEnv({ SITE_TESTS_ALLOW_PRIVATE: '0' }).policy).toBe(STRICT_TARGET_POLICY);
    expect(labOptionsFromEnv({ SITE_TESTS_ALLOW_PRIVATE: '1' })).toMatchObject({
      policy: PERMISSIVE_TARGET_POLICY,
      allowPrivate: true,
    });
    expect(() => labOptionsFromEnv({ SITE_TESTS_ALLOW_PRIVATE: 'maybe' })).toThrow(
      "SITE_TESTS_ALLOW_PRIVATE must be true or false, got 'maybe'.",
    );
  });

  it('starts without a usable Chromium, says so, and answers new tests 503 naming CHROMIUM_PATH', async () => {
    const server = await spawnServer({
      DATABASE_URL: `file:${join(dir, 'no-chromium.db')}`,
      CHROMIUM_PATH: join(dir, 'missing'),
      LOG_REQUESTS: 'false',
    });
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const res = await fetch(`${server.url}/v1/sites/tests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: 'https://www.example.org/' }),
      });
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body.type).toBe('/problems/lab-unavailable');
      expect(body.detail).toContain(`CHROMIUM_PATH=${join(dir, 'missing')}`);
      expect(body.detail).toContain('apt-get install chromium');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});
