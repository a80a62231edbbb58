import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startNodeServer } from '../../src/entries/node/server.js';

// The Swagger UI files of /docs on Node, read from the swagger-ui-dist package. Abuse: a path that
// reaches another file of the package (or of the disk), and egress (1.9 MB per request): only the
// two named files are served, gzipped to clients that accept it, cacheable, and under the same
// per-client rate limit as every route. /openapi.json names PUBLIC_URL, never the Host header.

const PACKAGE = join(process.cwd(), 'node_modules/swagger-ui-dist');
const dir = mkdtempSync(join(tmpdir(), 'empreinte-node-docs-'));
let server: RunningServer;

beforeAll(async () => {
  server = await startNodeServer({ port: 0, databaseUrl: `file:${join(dir, 'docs.db')}` });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw GET (no automatic decompression, any path bytes), resolved with status, headers and body. */
function get(url: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: Buffer;
  }>((resolve, reject) => {
    const req = request(`${url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the /docs files on Node', () => {
  it('are the package files, as UTF-8 JavaScript and CSS, gzipped when the client accepts it', async () => {
    const bundle = readFileSync(join(PACKAGE, 'swagger-ui-bundle.js'));
    const plain = await get(server.url, '/docs/swagger-ui-bundle.js');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('public, max-age=3600');
    expect(plain.headers['x-content-type-options']).toBe('nosniff');
    expect(plain.body.equals(bundle)).toBe(true);

    const zipped = await get(server.url, '/docs/swagger-ui-bundle.js', { 'accept-encoding': 'br, gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(gunzipSync(zipped.body).equals(bundle)).toBe(true);
    expect(zipped.body.length).toBeLessThan(bundle.length / 3);

    const css = await get(server.url, '/docs/swagger-ui.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.body.equals(readFileSync(join(PACKAGE, 'swagger-ui.css')))).toBe(true);
  });

  it('are only the two files /docs loads: no other file of the package or of the disk', async () => {
    for (const path of [
      '/docs/package.json',
      '/docs/swagger-ui.js',
      '/docs/swagger-ui-bundle.js.map',
      '/docs/index.html',
      '/docs/..%2Fpackage.json',
      '/docs/%2e%2e%2f%2e%2e%2fpackage.json',
      '/docs/../package.json',
      '/docs/constructor',
      '/docs/__proto__',
      '/docs/swagger-ui.css/',
    ]) {
      const res = await get(server.url, path);
      expect(res.status, path).toBe(404);
      expect(res.headers['content-type'], path).toBe('application/problem+json');
      expect(res.body.toString(), path).not.toContain('swagger-ui-dist');
    }
  });

  it('count against the per-client rate limit like every route', async () => {
    const limited = await startNodeServer({
      port: 0,
      databaseUrl: `file:${join(dir, 'limited.db')}`,
      edge: { rateLimitPerMinute: 2 },
    });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await get(limited.url, '/docs/swagger-ui-bundle.js')).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('/openapi.json servers', () => {
  it('name the configured address whatever Host the request carries', async () => {
    const res = await get(server.url, '/openapi.json', { host: 'evil.example' });
    expect(JSON.parse(res.body.toString()).servers).toEqual([
      {
        url: 'http://127.0.0.1:3000',
        description: 'A local server (`npm start`); set PUBLIC_URL to publish another.',
      },
    ]);
    const published = await startNodeServer({
      port: 0,
      databaseUrl: `file:${join(dir, 'public.db')}`,
      publicUrl: 'https://api.empreinte.example/',
    });
    try {
      const doc = JSON.parse(
        (await get(published.url, '/openapi.json', { host: 'evil.example' })).body.toString(),
      );
      expect(doc.servers).toEqual([{ url: 'https://api.empreinte.example', description: 'This server.' }]);
    } finally {
      await published.close();
    }
  });
});
