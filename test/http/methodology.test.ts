import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  generatedMethodologyModule,
  METHODOLOGY_MODULE,
  METHODOLOGY_SOURCE,
  PROJECT_ROOT,
} from '../../scripts/generate-methodology.js';
import { renderOpenApiDocument } from '../../scripts/openapi-file.js';
import { METHODOLOGY_MD } from '../../src/http/routes/methodology/methodology.generated.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

const doc = readFileSync(`${PROJECT_ROOT}${METHODOLOGY_SOURCE}`, 'utf8');

describe('GET /methodology', () => {
  it('serves docs/methodology.md as Markdown', async () => {
    const res = await t.request('/methodology');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    expect(await res.text()).toBe(doc);
  });

  it('is generated from docs/methodology.md (run `npm run build:methodology` after editing it)', () => {
    expect(
      readFileSync(`${PROJECT_ROOT}${METHODOLOGY_MODULE}`, 'utf8'),
      `${METHODOLOGY_MODULE} is stale: run npm run build:methodology`,
    ).toBe(generatedMethodologyModule());
    expect(METHODOLOGY_MD).toBe(doc);
  });

  it('is linked from the landing page and from the /docs page (the OpenAPI description)', async () => {
    expect(await (await t.request('/')).text()).toContain('<a href="/methodology">');
    const openapi = JSON.parse(renderOpenApiDocument());
    expect(openapi.info.description).toContain('(/methodology)');
    expect(openapi.paths['/methodology'].get.responses['200'].content).toHaveProperty('text/markdown');
  });
});

describe('docs/methodology.md', () => {
  it('states the current methodology versions and the checks the tests hold', () => {
    expect(doc).toMatch(/`empreinte-server` \*\*3\*\*/);
    expect(doc).toMatch(/`empreinte-api`\s+\*\*3\*\*/);
    // The fit (§4.1) as the seed computes it, and the reference pairs' checks.
    expect(doc).toContain('| **median** (the fit) | | | **1.6333** | **0.8939** |');
    expect(doc).toContain('Heroku performance-m/-l → Scaleway COPARM1 0.51');
    expect(doc).toContain('(384 − 81.32) · 8 / 384 = 6.305833… GB');
    expect(doc).toContain('1.80448 kWh');
    expect(doc).toContain('4.0682 kWh');
  });

  it('cites no file outside the repository', () => {
    expect(doc).not.toMatch(/METHODOLOGY\.md|\.\.\/shared/);
  });
});
