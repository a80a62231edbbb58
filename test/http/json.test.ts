import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/factors/catalog.js';
import { toJson } from '../../src/http/json.js';
import { estimateApi } from '../../src/services/api-estimate.js';
import { estimateServer } from '../../src/services/server-estimate.js';
import { estimateWebsite } from '../../src/services/website-estimate.js';
import { createTestApp } from '../helpers/app.js';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await (await createTestApp()).catalog.get();
});

describe('toJson', () => {
  it('writes exactly what JSON.stringify writes, for estimates and anything else', () => {
    const answers: unknown[] = [
      estimateServer(catalog, {
        provider: 'scaleway',
        region: 'fr-par-2',
        instance_type: 'COPARM1-4C-16G',
        duration_hours: 730,
      }),
      estimateServer(catalog, {
        provider: 'ovhcloud',
        region: 'gra',
        hardware: { vcpus: 2, memory_gb: 4 },
        duration_hours: 1,
      }),
      estimateApi(catalog, {
        provider: 'aws',
        region: 'eu-west-3',
        requests: 10,
        cpu_ms_per_request: 3,
        network_zone: 'FR',
      }),
      estimateWebsite(catalog, {
        bytes: 123_456,
        visitor_country: 'DE',
        grid_intensity: { data_center: 10 },
      }),
      { data: [1, 2] },
      { factors: 'not a list' },
      [1, 'two', null],
      null,
      'text',
    ];
    for (const a of answers) {
      expect(toJson(a)).toBe(JSON.stringify(a));
      expect(toJson(a)).toBe(JSON.stringify(a)); // second time from the cache
    }
  });

  it('shares frozen catalog factors, so nothing can change them for the next answer', () => {
    const e = estimateServer(catalog, {
      provider: 'aws',
      region: 'us-east-1',
      instance_type: 'm5.large',
      duration_hours: 1,
    });
    const pue = e.factors.find((f) => f.name === 'pue');
    expect(Object.isFrozen(pue)).toBe(true);
    expect(() => {
      (pue as { value: number }).value = 9;
    }).toThrow(TypeError);
    const again = estimateServer(catalog, {
      provider: 'aws',
      region: 'us-east-1',
      instance_type: 'm5.large',
      duration_hours: 1,
    });
    expect(again.factors.find((f) => f.name === 'pue')).toBe(pue);
  });
});
