import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import worker from '../../src/entries/worker/main.js';
import { expectParity, parityRequest } from '../fixtures/parity-check.js';
import { PARITY_CASES } from '../fixtures/parity-requests.js';

// The Worker side of the runtime parity check (test/entries/parity.test.ts is the Node side):
// the same requests, through the Worker's fetch handler, inside workerd, over D1.
describe('runtime parity cases on the Worker (workerd + D1)', () => {
  it.each(PARITY_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await expectParity(c, await exports.default.fetch(parityRequest(c.request)));
  });

  it('reports the data version stored in D1', async () => {
    const row = await env.DB.prepare("SELECT value FROM meta WHERE key = 'data_version'").first<{
      value: string;
    }>();
    const health = await (await exports.default.fetch('http://empreinte.test/healthz')).json<{
      data_version: string;
    }>();
    expect(health.data_version).toBe(row?.value);
  });

  it('answers through the module handler called directly', async () => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request('http://empreinte.test/v1/grid-intensity/FRA'), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ zone: 'FRA', grid_intensity_g_per_kwh: 44.18 });
  });
});
