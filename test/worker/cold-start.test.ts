import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { Env } from '../../src/entries/worker/main.js';
import { CATALOG_SNAPSHOT_VERSION } from '../../src/factors/catalog-snapshot.generated.js';

// The cold path inside workerd: the first request after a fresh load of the Worker module reads
// the factor tables from D1 at most once, and not at all when D1 reports the data version that
// is built into the bundle (src/factors/catalog-snapshot.generated.ts). D1 stays the source of
// truth: another version is read from it.

/** Every SQL statement the Worker sends to D1 through this binding. */
function countingD1(db: D1Database): { db: D1Database; sql: string[] } {
  const sql: string[] = [];
  const proxy = new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === 'prepare')
        return (query: string) => {
          sql.push(query);
          return target.prepare(query);
        };
      if (prop === 'batch')
        return (statements: D1PreparedStatement[]) => {
          sql.push(`batch of ${statements.length}`);
          return target.batch(statements);
        };
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: proxy, sql };
}

const tableReads = (sql: string[]) => sql.filter((q) => !/\bfrom "meta" where\b/i.test(q));

/**
 * Fresh instances of the Worker module, as a new isolate loads it: its per-isolate app and
 * catalog start empty (a query suffix makes the module runner load the module anew).
 */
const FRESH = [
  () => import('../../src/entries/worker/main.ts?cold=1'),
  () => import('../../src/entries/worker/main.ts?cold=2'),
  () => import('../../src/entries/worker/main.ts?cold=3'),
  () => import('../../src/entries/worker/main.ts?cold=4'),
];
async function freshWorker() {
  const load = FRESH.shift();
  if (!load) throw new Error('add a loader to FRESH');
  return ((await load()) as { default: ExportedHandler<Env> }).default;
}

const SERVER = {
  provider: 'scaleway',
  region: 'fr-par-2',
  instance_type: 'COPARM1-4C-16G',
  duration_hours: 730,
};

async function estimate(worker: ExportedHandler<Env>, bindings: Env) {
  const ctx = createExecutionContext();
  const req = new Request('http://empreinte.test/v1/estimates/server', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': '203.0.113.80' },
    body: JSON.stringify(SERVER),
  });
  const res = await (worker.fetch as NonNullable<ExportedHandler<Env>['fetch']>)(
    req as Request<unknown, IncomingRequestCfProperties>,
    bindings,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

describe('a cold Worker', () => {
  it('answers its first estimate from the built-in snapshot when D1 has its version: one version query, no table read', async () => {
    const counted = countingD1(env.DB);
    const worker = await freshWorker();
    const res = await estimate(worker, { ...env, DB: counted.db });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data_version: string; co2e_g: number };
    expect(body.data_version).toBe(CATALOG_SNAPSHOT_VERSION);
    expect(body.co2e_g).toBeGreaterThan(0);
    expect(counted.sql).toHaveLength(1);
    expect(counted.sql[0]).toMatch(/from "meta" where/i);
    // Later requests of the isolate run no SQL at all.
    for (let i = 0; i < 3; i++) expect((await estimate(worker, { ...env, DB: counted.db })).status).toBe(200);
    expect(counted.sql).toHaveLength(1);
  });

  it('answers the same figures as a catalog read from D1', async () => {
    const fromSnapshot = await (await estimate(await freshWorker(), env)).json();
    await env.DB.prepare(
      "UPDATE meta SET value = 'sha256:not-the-snapshot' WHERE key = 'data_version'",
    ).run();
    try {
      const fromD1 = (await (await estimate(await freshWorker(), env)).json()) as Record<string, unknown>;
      expect(fromD1.data_version).toBe('sha256:not-the-snapshot');
      expect({ ...fromD1, data_version: CATALOG_SNAPSHOT_VERSION }).toEqual(fromSnapshot);
    } finally {
      await env.DB.prepare(
        `UPDATE meta SET value = '${CATALOG_SNAPSHOT_VERSION}' WHERE key = 'data_version'`,
      ).run();
    }
  });

  it('reads every table from D1, once, when D1 reports another data version (even with concurrent first requests)', async () => {
    await env.DB.prepare("UPDATE meta SET value = 'sha256:newer-data' WHERE key = 'data_version'").run();
    try {
      const counted = countingD1(env.DB);
      const worker = await freshWorker();
      const answers = await Promise.all(
        Array.from({ length: 4 }, () => estimate(worker, { ...env, DB: counted.db })),
      );
      for (const res of answers) {
        expect(res.status).toBe(200);
        expect(((await res.json()) as { data_version: string }).data_version).toBe('sha256:newer-data');
      }
      const reads = tableReads(counted.sql);
      // the fifteen factor tables (with storage services, database plans, GPU models, LLM providers and models), once each
      expect(reads).toHaveLength(15);
      expect(new Set(reads).size).toBe(15);
    } finally {
      await env.DB.prepare(
        `UPDATE meta SET value = '${CATALOG_SNAPSHOT_VERSION}' WHERE key = 'data_version'`,
      ).run();
    }
  });
});
