import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { V2_REPLAY_REQUESTS } from '../fixtures/v2-replay-requests.js';
import { createTestApp, migrationsWithFactorSet } from '../helpers/app.js';

/** Answers of the landed v2 code (commit b70ea9b), captured before methodology 3 changed anything. */
const CAPTURED = JSON.parse(
  readFileSync(new URL('../fixtures/v2-replay-answers.json', import.meta.url), 'utf8'),
) as { path: string; status: number; body: string }[];

describe('the methodology-2 factor set still answers as v2 did', () => {
  it('answers every captured v2 request byte for byte from the v2 factor set under the current schema (every schema migration, no seed after 0004_seed_v2)', async () => {
    const v2 = await createTestApp({ migrationsFolder: migrationsWithFactorSet('0004_seed_v2') });
    expect(V2_REPLAY_REQUESTS).toHaveLength(CAPTURED.length);
    for (const [i, request] of V2_REPLAY_REQUESTS.entries()) {
      const res = await v2.post(request.path, request.body);
      const captured = CAPTURED[i] as (typeof CAPTURED)[number];
      expect(res.status, request.path).toBe(captured.status);
      expect(await res.text(), `${request.path} #${i}`).toBe(captured.body);
    }
    expect(v2.errors).toEqual([]);
  });

  it('answers the same requests as methodology 3 from the current factor set', async () => {
    const v3 = await createTestApp();
    const server = await v3.json(
      await v3.post(V2_REPLAY_REQUESTS[0]?.path ?? '', V2_REPLAY_REQUESTS[0]?.body),
    );
    expect(server.methodology).toEqual({ id: 'empreinte-server', version: '3' });
    expect(server.breakdown.power_basis).toBe('specpower');
    const v2Server = JSON.parse((CAPTURED[0] as (typeof CAPTURED)[number]).body);
    expect(v2Server.methodology).toEqual({ id: 'empreinte-server', version: '2' });
    expect(v2Server.breakdown.power_basis).toBe('tdp-curve');
    expect(server.data_version).not.toBe(v2Server.data_version);
  });
});
