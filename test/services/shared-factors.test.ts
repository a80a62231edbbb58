import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/factors/catalog.js';
import type { Factor } from '../../src/models/factor.js';
import { estimateApi } from '../../src/services/api-estimate.js';
import { estimateServer } from '../../src/services/server-estimate.js';
import { renamedFactor, sharedFactor, sharedText } from '../../src/services/shared-factors.js';
import { estimateWebsite } from '../../src/services/website-estimate.js';
import { createTestApp } from '../helpers/app.js';

const factor = (value: number): Factor => ({
  name: 'f',
  value,
  low: value,
  high: value,
  unit: 'W',
  source_id: null,
  year: null,
  status: 'input',
});

describe('sharedFactor', () => {
  it('gives one frozen object per owner and key, built once', () => {
    const owner = {};
    let builds = 0;
    const build = () => {
      builds++;
      return factor(1);
    };
    const a = sharedFactor(owner, 'k', build);
    expect(sharedFactor(owner, 'k', build)).toBe(a);
    expect(builds).toBe(1);
    expect(Object.isFrozen(a)).toBe(true);
    expect(sharedFactor({}, 'k', build)).not.toBe(a); // another owner, another object
    expect(sharedFactor(owner, 'other', build)).not.toBe(a);
  });

  it('stays bounded when keys carry a caller number (a utilization)', () => {
    const owner = {};
    const first = sharedFactor(owner, 'u0', () => factor(0));
    for (let i = 1; i <= 600; i++) sharedFactor(owner, `u${i / 1000}`, () => factor(i));
    // Past 512 keys the owner's memo starts again: the first one is built anew, equal but new.
    const again = sharedFactor(owner, 'u0', () => factor(0));
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
  });

  it('renames a factor once per name, and returns it as is under its own name', () => {
    const f = Object.freeze(factor(2));
    expect(renamedFactor(f, 'f')).toBe(f);
    const g = renamedFactor(f, 'g');
    expect(g).toEqual({ ...f, name: 'g' });
    expect(renamedFactor(f, 'g')).toBe(g);
  });

  it('builds a text once per owner and key', () => {
    const owner = {};
    let builds = 0;
    const t = () => sharedText(owner, 'k', () => `w${++builds}`);
    expect([t(), t()]).toEqual(['w1', 'w1']);
  });
});

// http/json.ts serializes a frozen factor once: an estimate whose factors are all shared answers
// with text built once per catalog (docs/performance.md). A spread per request would undo it.
describe('estimates answer shared factors', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = await (await createTestApp()).catalog.get();
  });
  const expectShared = (first: Factor[], second: Factor[]) => {
    expect(second.length).toBe(first.length);
    for (const [i, f] of first.entries()) {
      expect(Object.isFrozen(f), f.name).toBe(true);
      expect(second[i], f.name).toBe(f);
    }
  };

  it('server: instance types (TDP curve and SPECpower), hardware, a utilization', () => {
    for (const req of [
      { provider: 'scaleway', region: 'fr-par-2', instance_type: 'COPARM1-4C-16G', duration_hours: 730 },
      { provider: 'aws', region: 'us-east-1', instance_type: 'm5.large', duration_hours: 730 },
      {
        provider: 'gcp',
        region: 'europe-west9',
        hardware: { vcpus: 4, memory_gb: 16 },
        utilization: 0.37,
        duration_hours: 1,
      },
    ])
      expectShared(estimateServer(catalog, req).factors, estimateServer(catalog, req).factors);
  });

  it('website: every model, with and without hosting or visitor country', () => {
    for (const req of [
      { bytes: 2_000_000, visitor_country: 'FR' },
      { bytes: 2_000_000, hosting: { provider: 'scaleway', region: 'fr-par-2' } },
      { bytes: 2_000_000, model: 'swd-v3' as const, green_hosting: true },
      { bytes: 2_000_000, model: 'onebyte' as const },
    ])
      expectShared(estimateWebsite(catalog, req).factors, estimateWebsite(catalog, req).factors);
  });

  it('api: resources mode with and without a zone', () => {
    for (const req of [
      { provider: 'scaleway', region: 'fr-par-2', requests: 1_000_000, cpu_ms_per_request: 12 },
      {
        provider: 'scaleway',
        region: 'fr-par-2',
        requests: 1_000_000,
        cpu_ms_per_request: 12,
        bytes_per_request: 2048,
        network_zone: 'DE',
      },
    ])
      expectShared(estimateApi(catalog, req).factors, estimateApi(catalog, req).factors);
  });
});
