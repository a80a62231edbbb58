import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../src/factors/catalog.js';
import { compareWorkload, placeWorkload } from '../../src/services/compare.js';

const HW = { vcpus: 2, memory_gb: 4 };

describe('placeWorkload', () => {
  it("puts a server workload on a candidate, the candidate's instance type replacing the workload shape", () => {
    const workload = { kind: 'server' as const, hardware: HW, utilization: 0.2, duration_hours: 5, count: 3 };
    expect(placeWorkload(workload, { provider: 'aws', region: 'us-east-1' })).toEqual({
      kind: 'server',
      request: {
        provider: 'aws',
        region: 'us-east-1',
        instance_type: undefined,
        hardware: HW,
        utilization: 0.2,
        duration_hours: 5,
        count: 3,
      },
    });
    const own = placeWorkload(
      { ...workload, hardware: undefined, instance_type: 'm5.large' },
      {
        provider: 'aws',
        region: 'us-east-1',
        instance_type: 'c5.large',
      },
    );
    expect(own.request).toMatchObject({ instance_type: 'c5.large', hardware: undefined });
    const fromWorkload = placeWorkload(
      { kind: 'server', instance_type: 'm5.large', duration_hours: 1 },
      { provider: 'aws', region: 'eu-west-1' },
    );
    expect(fromWorkload.request).toMatchObject({ instance_type: 'm5.large' });
  });

  it('puts an API workload on a candidate in resources mode, without a network zone', () => {
    const placed = placeWorkload(
      { kind: 'api', requests: 10, cpu_ms_per_request: 3, bytes_per_request: 100 },
      { provider: 'scaleway', region: 'fr-par-2', instance_type: 'PRO2-S' },
    );
    expect(placed).toEqual({
      kind: 'api',
      request: {
        provider: 'scaleway',
        region: 'fr-par-2',
        instance_type: 'PRO2-S',
        requests: 10,
        cpu_ms_per_request: 3,
        bytes_per_request: 100,
      },
    });
  });
});

describe('compareWorkload', () => {
  it('refuses a server workload with no shape on a candidate with no instance type (a caller bug)', () => {
    expect(() =>
      compareWorkload({} as Catalog, {
        workload: { kind: 'server', duration_hours: 1 },
        candidates: [
          { provider: 'aws', region: 'us-east-1', instance_type: 'm5.large' },
          { provider: 'aws', region: 'us-east-1' },
        ],
      }),
    ).toThrow(/candidates\[1\]/);
  });
});
