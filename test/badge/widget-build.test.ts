import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BROWSER_ASSETS, PROJECT_ROOT, renderBrowserAssets } from '../../scripts/generate-badge-assets.js';
import { LANDING_JS } from '../../src/badge/landing.generated.js';
import { BADGE_JS } from '../../src/badge/widget.generated.js';

const MAX_MINIFIED_BYTES = 6 * 1024;

describe('generated browser scripts', () => {
  it('are committed exactly as `npm run build:badge` generates them', async () => {
    const generated = await renderBrowserAssets();
    expect([...generated.keys()].sort()).toEqual(BROWSER_ASSETS.map((a) => a.module).sort());
    for (const [module, content] of generated) {
      expect(
        readFileSync(`${PROJECT_ROOT}${module}`, 'utf8'),
        `${module} is stale: run npm run build:badge`,
      ).toBe(content);
    }
  });

  it('keep badge.js under 6 KB minified', () => {
    const raw = readFileSync(`${PROJECT_ROOT}src/badge/browser/widget.ts`);
    const minified = Buffer.byteLength(BADGE_JS, 'utf8');
    const gzip = gzipSync(BADGE_JS).byteLength;
    console.log(`badge.js: source ${raw.byteLength} B, minified ${minified} B, gzip ${gzip} B`);
    expect(minified).toBeLessThanOrEqual(MAX_MINIFIED_BYTES);
    expect(gzip).toBeLessThan(minified);
  });

  it('build into self-contained scripts (imports bundled in, no module syntax left)', () => {
    for (const code of [BADGE_JS, LANDING_JS]) {
      expect(code).toMatch(/^"use strict";\(\(\)=>\{/);
      expect(code).not.toMatch(/\bimport\s*[({]|\brequire\(/);
      expect(() => new Function(code)).not.toThrow(); // parses
    }
    expect(BADGE_JS).toContain('empreinte-badge');
    expect(BADGE_JS).toContain('/v1/sites/measurements');
  });
});
