import { expect } from 'vitest';
import type { WebsiteSegments } from '../../src/models/website.js';

/** |actual − expected| ≤ tol · |expected| (default 1e-12). */
export function expectRel(actual: number, expected: number, tol = 1e-12): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tol * Math.abs(expected));
}

/** Operational + embodied CO2e of every segment of one page view. */
export function segmentSum(s: WebsiteSegments): number {
  return [s.data_center, s.network, s.user_device, s.production]
    .filter((x) => x !== undefined)
    .reduce((sum, x) => sum + x.operational_co2e_g + x.embodied_co2e_g, 0);
}
