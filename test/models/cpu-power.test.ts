import { describe, expect, it } from 'vitest';
import { cpuPowerPerVcpuW, meanCpuPowerPerVcpuW } from '../../src/models/cpu-power.js';

const altraMax = { method: 'tdp-curve', tdpW: 250, threads: 128 } as const; // t = 1.953125 W
const skylake = { method: 'specpower', minW: 0.65, maxW: 4.26 } as const;

describe('cpuPowerPerVcpuW', () => {
  it('interpolates SPECpower min/max linearly', () => {
    expect(cpuPowerPerVcpuW(skylake, 0)).toBe(0.65);
    expect(cpuPowerPerVcpuW(skylake, 1)).toBe(4.26);
    expect(cpuPowerPerVcpuW(skylake, 0.5)).toBeCloseTo(2.455, 12); // 0.65 + 0.5 · 3.61
  });

  it('follows the Teads curve through its four points', () => {
    expect(cpuPowerPerVcpuW(altraMax, 0)).toBeCloseTo(0.234375, 12); // 0.12 · 1.953125
    expect(cpuPowerPerVcpuW(altraMax, 0.1)).toBeCloseTo(0.625, 12); // 0.32 · t
    expect(cpuPowerPerVcpuW(altraMax, 0.5)).toBeCloseTo(1.46484375, 12); // 0.75 · t
    expect(cpuPowerPerVcpuW(altraMax, 1)).toBeCloseTo(1.9921875, 12); // 1.02 · t
  });

  it('interpolates linearly between Teads points', () => {
    expect(cpuPowerPerVcpuW(altraMax, 0.05)).toBeCloseTo(0.4296875, 12); // (0.12 + 0.5 · 0.20) · t
    expect(cpuPowerPerVcpuW(altraMax, 0.3)).toBeCloseTo(1.044921875, 12); // (0.32 + 0.5 · 0.43) · t
    expect(cpuPowerPerVcpuW(altraMax, 0.75)).toBeCloseTo(1.728515625, 12); // (0.75 + 0.5 · 0.27) · t = 0.885 · t
  });
});

describe('meanCpuPowerPerVcpuW', () => {
  it('averages several specpower families like the mean of their min and max', () => {
    const cascade = { method: 'specpower', minW: 0.64, maxW: 3.97 } as const;
    const r = meanCpuPowerPerVcpuW([cascade, skylake], 0.5);
    // mean min 0.645, mean max 4.115 → 0.645 + 0.5 · 3.47 = 2.38
    expect(r.value).toBeCloseTo(2.38, 12);
    expect(r.low).toBeCloseTo(2.38 * 0.8, 12);
    expect(r.high).toBeCloseTo(2.38 * 1.2, 12);
  });

  it('averages P(u) of mixed methods with each method its own range', () => {
    const r = meanCpuPowerPerVcpuW([skylake, altraMax], 0.5);
    expect(r.value).toBeCloseTo((2.455 + 1.46484375) / 2, 12);
    expect(r.low).toBeCloseTo((2.455 * 0.8 + 1.46484375 * 0.7) / 2, 12);
    expect(r.high).toBeCloseTo((2.455 * 1.2 + 1.46484375 * 1.3) / 2, 12);
  });

  it('refuses an empty list', () => {
    expect(() => meanCpuPowerPerVcpuW([], 0.5)).toThrow(RangeError);
  });
});
