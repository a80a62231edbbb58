import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorker } from '../../src/entries/worker/main.js';
import { isMissingTableError } from '../../src/entries/worker/missing-tables.js';

// An operator who deploys without applying the D1 migrations: this file's D1 (its own, migrated by
// the setup file) loses its tables, and the Worker's 503 says which command creates them, while
// the driver's message goes to the log only.

const logged: unknown[] = [];
const worker = createWorker({ logError: (e) => logged.push(e) });

const call = async (path: string, init?: RequestInit) => {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`http://empreinte.test${path}`, init) as Request<unknown, IncomingRequestCfProperties>,
    env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
};

beforeAll(async () => {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
  ).all<{ name: string }>();
  expect(results.map((r) => r.name)).toContain('meta');
  await env.DB.batch([
    env.DB.prepare('PRAGMA defer_foreign_keys = on'),
    ...results.map((r) => env.DB.prepare(`DROP TABLE "${r.name}"`)),
  ]);
});

describe('a D1 database without its migrations', () => {
  it('answers 503 saying to apply the D1 migrations, with the command, and logs the cause', async () => {
    for (const res of [
      await call('/healthz'),
      await call('/v1/providers'),
      await call('/v1/estimates/website', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ bytes: 1_000_000 }),
      }),
      await call('/v1/sites?url=https://example.org/'),
    ]) {
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.headers.get('retry-after')).toBe('5');
      const problem = (await res.json()) as { type: string; detail: string };
      expect(problem.type).toBe('/problems/service-unavailable');
      expect(problem.detail).toContain('the D1 migrations have not been applied');
      expect(problem.detail).toContain('npx wrangler d1 migrations apply empreinte --remote');
      expect(problem.detail).not.toMatch(/SQLITE|D1_ERROR|select/i);
    }
    expect(logged.length).toBeGreaterThanOrEqual(4);
    for (const error of logged) expect(isMissingTableError(error), String(error)).toBe(true);
  });
});

describe('isMissingTableError', () => {
  it('finds "no such table" anywhere in the cause chain, and nothing else', () => {
    const d1 = new Error('D1_ERROR: no such table: meta: SQLITE_ERROR');
    expect(isMissingTableError(d1)).toBe(true);
    expect(isMissingTableError(new Error('Failed query: select "key" from "meta"', { cause: d1 }))).toBe(
      true,
    );
    expect(isMissingTableError(new Error('SQLITE_ERROR: no such table: regions'))).toBe(true);
    expect(isMissingTableError(new Error('SERVER_ERROR: Server returned HTTP status 503'))).toBe(false);
    expect(isMissingTableError(new Error('no such column: x'))).toBe(false);
    expect(isMissingTableError(undefined)).toBe(false);
  });
});
