import { beforeAll, describe, expect, it } from 'vitest';
import { expectParity, parityRequest } from '../fixtures/parity-check.js';
import { PARITY_CASES } from '../fixtures/parity-requests.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

// The Node side of the runtime parity check; test/worker/parity.test.ts runs the same cases in workerd.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});

describe('runtime parity cases on Node (libSQL)', () => {
  it.each(PARITY_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    await expectParity(c, await t.app.fetch(parityRequest(c.request)));
  });

  it('reports the data version of the loaded catalog', async () => {
    const health = (await (await t.request('/healthz')).json()) as { data_version: string };
    expect(health.data_version).toBe((await t.catalog.get()).dataVersion);
  });
});
