// @ts-expect-error -- @tgwf/co2 0.19 ships no type declarations (typed below)
import { averageIntensity, co2 } from '@tgwf/co2';

/** CO2.js 0.19, the oracle of the website tests (devDependency only; src/ never imports it). */
export type Co2Result = number | { total: number; rating: string };
export interface Co2Js {
  perByte(bytes: number, green?: boolean): Co2Result;
  perVisit(bytes: number, green?: boolean): Co2Result;
  perVisitTrace(bytes: number, green: boolean, options: object): { co2: Co2Result };
  model: { ratingScale(co2e: number): string };
}
export const Co2 = co2 as new (options?: object) => Co2Js;

/** CO2.js averageIntensity (Ember, gCO2e/kWh) by ISO alpha-3 and WORLD. */
export const EMBER_G_PER_KWH = (averageIntensity as { data: Record<string, number> }).data;

export const totalOf = (r: Co2Result): number => (typeof r === 'number' ? r : r.total);

/** Tiny seeded PRNG (mulberry32), so every run draws the same cases. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
