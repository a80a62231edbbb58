import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startNodeServer } from '../../src/entries/node/server.js';

const dir = mkdtempSync(join(tmpdir(), 'empreinte-node-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the Node server on an embedded libSQL file', () => {
  it('creates, migrates and seeds the file on first start, and restarts idempotently', async () => {
    const databaseUrl = `file:${join(dir, 'nested', 'empreinte.db')}`;
    const first = await startNodeServer({ port: 0, databaseUrl });
    const health = await (await fetch(`${first.url}/healthz`)).json();
    expect(health).toEqual({ status: 'ok', data_version: first.dataVersion });
    const before = await first.database.client.execute('SELECT count(*) AS n FROM instance_types');
    await first.close();

    const second = await startNodeServer({ port: 0, databaseUrl });
    expect(second.dataVersion).toBe(first.dataVersion);
    const after = await second.database.client.execute('SELECT count(*) AS n FROM instance_types');
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
    // 1151 + the 185 ARM types of methodology 3 + 67 Hetzner, OVHcloud and Clever Cloud types (issue 21)
    // + 77 GPU types the other files lack (issue 22)
    expect(Number(after.rows[0]?.n)).toBe(1480);
    const res = await fetch(`${second.url}/v1/estimates/server`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        provider: 'scaleway',
        region: 'fr-par-2',
        instance_type: 'COPARM1-4C-16G',
        duration_hours: 730,
      }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).co2e_g).toBeCloseTo(1109.1026840552, 8);
    await second.close();
  });
});
