import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureExamples, EXAMPLES_PATH, LIST_EXAMPLE_ITEMS } from '../../scripts/examples-file.js';
import { renderOpenApiDocument } from '../../scripts/openapi-file.js';
import { startNodeServer } from '../../src/entries/node/server.js';
import { parsePublicUrl } from '../../src/http/openapi-document.js';
import { PROBLEM_EXAMPLES, RESPONSE_EXAMPLES } from '../../src/http/openapi-examples.generated.js';
import { exampleRequest, HTTP_METHODS, type Operation } from '../../src/http/openapi-examples.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

// openapi.json's examples are real answers: scripts/capture-examples.ts runs each operation's example
// request against the app over the seeded database. When an answer changes (new fields, new
// factors, a new methodology), this fails until `npm run openapi` captures it again.

type Doc = {
  paths: Record<
    string,
    Record<
      string,
      Operation & { responses: Record<string, { content?: Record<string, { example?: unknown }> }> }
    >
  >;
  servers: { url: string }[];
  security: unknown[];
};
const doc = JSON.parse(renderOpenApiDocument()) as Doc;
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  HTTP_METHODS.flatMap((method) => (item[method] ? [{ path, method, op: item[method] }] : [])),
);

describe('the examples module', () => {
  it('is what the app answers to the example requests now (run `npm run openapi`)', async () => {
    expect(readFileSync(new URL(`../../${EXAMPLES_PATH}`, import.meta.url), 'utf8')).toBe(
      await captureExamples(),
    );
  }, 30_000);
});

describe('openapi.json examples', () => {
  it('give every operation an example of its success answers, captured unless it is a page, script or style', () => {
    expect(operations.length).toBeGreaterThanOrEqual(23);
    for (const { path, method, op } of operations) {
      const successes = Object.entries(op.responses).filter(([s]) => s.startsWith('2'));
      expect(successes.length, `${method} ${path}`).toBeGreaterThan(0);
      let examples = 0;
      for (const [status, response] of successes) {
        const [type, media] = Object.entries(response.content ?? {})[0] ?? [];
        if (media?.example === undefined) {
          // Only a success the capture cannot reach offline may go without (a finished lab test).
          expect(`${op.operationId} ${status}`).toBe('createSiteTest 200');
          continue;
        }
        examples++;
        if ((type === 'application/json' || type === 'image/svg+xml') && op.operationId !== 'getOpenApi')
          expect(media?.example, `${op.operationId} ${status}`).toEqual(
            RESPONSE_EXAMPLES[op.operationId as string]?.[status],
          );
      }
      expect(examples, `${method} ${path}`).toBeGreaterThan(0);
    }
  });

  it('hold real figures: no placeholder zeros, the methodology of each route, the seeded data version', async () => {
    const t: TestApp = await createTestApp();
    const dataVersion = (await t.catalog.get()).dataVersion;
    const values = (key: string, value: unknown, out: [string, unknown][] = []): [string, unknown][] => {
      if (Array.isArray(value)) for (const v of value) values(key, v, out);
      else if (value && typeof value === 'object')
        for (const [k, v] of Object.entries(value)) {
          out.push([k, v]);
          values(k, v, out);
        }
      return out;
    };
    const estimates = [
      'estimateServer',
      'estimateApi',
      'estimateWebsite',
      'estimateWebsiteByQuery',
      'estimateBatch',
      'compare',
    ];
    for (const id of estimates) {
      const all = values(id, RESPONSE_EXAMPLES[id]?.['200']);
      const co2 = all.filter(([k, v]) => k === 'co2e_g' && typeof v === 'number');
      expect(co2.length, id).toBeGreaterThan(0);
      for (const [, v] of co2) expect(v, `${id} co2e_g`).toBeGreaterThan(0);
      for (const [, v] of all.filter(([k]) => k === 'data_version')) expect(v).toBe(dataVersion);
    }
    const methodology = (id: string) =>
      (RESPONSE_EXAMPLES[id]?.['200'] as { methodology?: { id: string } } | undefined)?.methodology?.id;
    expect(methodology('estimateServer')).toBe('empreinte-server');
    expect(methodology('estimateWebsite')).toBe('swd');
    expect(methodology('estimateWebsiteByQuery')).toBe('swd');
    expect(
      (RESPONSE_EXAMPLES.listGridIntensities?.['200'] as { data?: unknown[] } | undefined)?.data,
    ).toHaveLength(LIST_EXAMPLE_ITEMS);
    expect(RESPONSE_EXAMPLES.recordSiteMeasurement?.['201']).toMatchObject({
      measured_at: '2026-01-15T09:30:00.000Z',
    });
  });

  it('pre-fill every JSON request body with the request the examples answer', () => {
    for (const { path, method, op } of operations) {
      const json = op.requestBody?.content?.['application/json'];
      if (!json) continue;
      expect(json.example, `${method} ${path}`).toEqual(exampleRequest(doc as never, path, method, op).body);
    }
    const server =
      doc.paths['/v1/estimates/server']?.post?.requestBody?.content?.['application/json']?.example;
    expect(server).toEqual({
      provider: 'scaleway',
      region: 'fr-par-2',
      instance_type: 'COPARM1-4C-16G',
      duration_hours: 730,
    });
  });

  it('share the real problems of 400, 404 and 422', async () => {
    const t = await createTestApp();
    const real = await t.json(await t.request('/v1/providers/linode'));
    expect(PROBLEM_EXAMPLES['404']).toEqual(real);
    const example =
      doc.paths['/v1/providers/{provider}']?.get?.responses['404']?.content?.['application/problem+json']
        ?.example;
    expect(example).toEqual(real);
    expect(JSON.stringify(PROBLEM_EXAMPLES['422'])).toContain("Unknown region 'fr-par-9'");
  });
});

describe('servers and security', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });

  it('name the local address in the checked-in document, and no authentication', () => {
    expect(doc.servers.map((s) => s.url)).toEqual(['http://127.0.0.1:3000']);
    expect(doc.security).toEqual([]);
  });

  it('name PUBLIC_URL in the served document when the entry passes it, and nothing else changes', async () => {
    const { createApp } = await import('../../src/http/app.js');
    const app = createApp({ catalog: t.catalog, publicUrl: 'https://api.empreinte.example' });
    const served = await (await app.request('/openapi.json')).json();
    expect(served.servers).toEqual([{ url: 'https://api.empreinte.example', description: 'This server.' }]);
    expect({ ...served, servers: doc.servers }).toEqual(doc);
  });

  it('take PUBLIC_URL only as an absolute http(s) URL (the Node entry refuses to start otherwise)', async () => {
    expect(parsePublicUrl(undefined)).toBeUndefined();
    expect(parsePublicUrl('  ')).toBeUndefined();
    expect(parsePublicUrl('https://api.empreinte.example/')).toBe('https://api.empreinte.example');
    expect(parsePublicUrl('https://example.org/empreinte//')).toBe('https://example.org/empreinte');
    for (const bad of [
      'api.example.org',
      'ftp://example.org',
      'https://example.org/?a=1',
      'https://u:p@example.org',
    ])
      expect(() => parsePublicUrl(bad), bad).toThrow(/PUBLIC_URL must be an absolute http\(s\) URL/);
    await expect(
      startNodeServer({ port: 0, databaseUrl: ':memory:', publicUrl: 'example.org' }),
    ).rejects.toThrow(/PUBLIC_URL/);
  });
});
