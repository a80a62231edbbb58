import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createWorker, type Env } from '../../src/entries/worker/main.js';

// Errors the Worker logs are recorded here (and asserted on), not printed.
const logged: unknown[] = [];
const worker = createWorker({ logError: (e) => logged.push(e) });

const call = async (path: string, bindings: Env) => {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`http://empreinte.test${path}`), bindings, ctx);
  await waitOnExecutionContext(ctx);
  return res;
};

describe('Worker backend selection', () => {
  it('reads libSQL over HTTP when LIBSQL_URL is set, and D1 again when it is not', async () => {
    expect((await call('/v1/providers/aws', env)).status).toBe(200);

    // Outbound fetches are answered 503 by the test pool (vitest.config.ts): the libSQL web
    // client fails, so the app answers its own 503 problem.
    const remote = await call('/v1/providers/aws', {
      ...env,
      LIBSQL_URL: 'https://empreinte.example.turso.io',
      LIBSQL_AUTH_TOKEN: 't',
    });
    expect(remote.status).toBe(503);
    expect(remote.headers.get('content-type')).toBe('application/problem+json');
    expect(remote.headers.get('retry-after')).toBe('5');
    // An unreachable server is not a missing table: the generic detail, the cause in the log only.
    expect(await remote.json()).toMatchObject({
      status: 503,
      detail: 'The factor store is unavailable. Retry later.',
    });
    expect(logged).toHaveLength(1);
    expect(String((logged[0] as Error).cause)).toContain('503');

    const back = await call('/v1/providers/aws', env);
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({ id: 'aws' });
  });
});
