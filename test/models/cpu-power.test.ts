import { describe, expect, it } from 'vitest';
import {
  cpuPowerPerVcpuW,
  fitSpecpowerFromTdp,
  meanCpuPowerPerVcpuW,
  specpowerFromTdp,
  tdpCurvePerThreadW,
} from '../../src/models/cpu-power.js';

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

describe('the SPECpower fit of TDP curves (methodology 3)', () => {
  // Two CPUs with both figures: Skylake 8175M (240 W, 48 threads) and Haswell 2676 v3 (120 W, 24).
  const pairs = [
    { family: 'Skylake', minW: 0.65, maxW: 4.26, tdpW: 240, threads: 48 },
    { family: 'Haswell', minW: 1.0, maxW: 4.74, tdpW: 120, threads: 24 },
  ];

  it('takes the median of min / curve(0) and of max / curve(1)', () => {
    const fit = fitSpecpowerFromTdp(pairs);
    // idle: 0.65 / (0.12 · 5) = 1.08333 and 1.00 / 0.6 = 1.66667; full: 4.26 / 5.1 and 4.74 / 5.1
    expect(fit.idleRatio).toBeCloseTo((0.65 / 0.6 + 1.0 / 0.6) / 2, 12);
    expect(fit.fullRatio).toBeCloseTo((4.26 / 5.1 + 4.74 / 5.1) / 2, 12);
    expect(fit.idleRange[0]).toBeCloseTo(0.65 / 0.6, 12);
    expect(fit.idleRange[1]).toBeCloseTo(1.0 / 0.6, 12);
    expect(fit.families).toEqual(['Skylake', 'Haswell']);
    // An odd count takes the middle value, not a mean.
    const three = fitSpecpowerFromTdp([...pairs, { family: 'x', minW: 6, maxW: 51, tdpW: 240, threads: 48 }]);
    expect(three.idleRatio).toBeCloseTo(1.0 / 0.6, 12);
    expect(three.fullRatio).toBeCloseTo(4.74 / 5.1, 12);
    expect(() => fitSpecpowerFromTdp([])).toThrow(RangeError);
  });

  it('puts a CPU without SPECpower results on the basis: min = idle · curve(0), max = full · curve(1)', () => {
    const { minW, maxW } = specpowerFromTdp(250, 128, { idleRatio: 1.5, fullRatio: 0.9 });
    expect(minW).toBeCloseTo(1.5 * 0.12 * (250 / 128), 12);
    expect(maxW).toBeCloseTo(0.9 * 1.02 * (250 / 128), 12);
    expect(tdpCurvePerThreadW(250, 128, 0.5)).toBeCloseTo(1.46484375, 12);
  });
});
