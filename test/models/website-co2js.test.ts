import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { exact, ranged } from '../../src/models/factor.js';
import {
  swdDefaultGridGPerKwh,
  type WebsiteFactorValues,
  type WebsiteInput,
  type WebsiteModel,
  websiteFootprint,
} from '../../src/models/website.js';
import { websiteRating } from '../../src/models/website-rating.js';
import { SWD_V3_GLOBAL_GRID_G_PER_KWH } from '../../src/models/website-swd-v3.js';
import { Co2, type Co2Js, type Co2Result, EMBER_G_PER_KWH, mulberry32, totalOf } from '../helpers/co2js.js';
import { segmentSum } from '../helpers/numbers.js';

const WORLD_G_PER_KWH = EMBER_G_PER_KWH.WORLD as number;

const CASES_PER_MODEL = 2500;
const TOLERANCE = 1e-9;
let comparisons = 0;
let maxRelativeError = 0;
let bitIdentical = 0;

function compare(actual: number, oracle: number, label: string): void {
  comparisons++;
  const err = oracle === 0 ? Math.abs(actual) : Math.abs(actual - oracle) / Math.abs(oracle);
  if (err > maxRelativeError) maxRelativeError = err;
  if (Object.is(actual, oracle)) bitIdentical++;
  if (!(err <= TOLERANCE)) {
    expect.fail(`${label}: ours ${actual}, CO2.js ${oracle} (error ${err})`);
  }
}

function compareRating(actual: string | null, oracle: string, label: string): void {
  comparisons++;
  if (actual !== oracle) expect.fail(`${label}: rating ours ${actual}, CO2.js ${oracle}`);
}

/** CO2.js's rating; v4 returns a bare 0 (no rating) for bytes < 1, so rate that 0 with its own scale. */
function ratingOf(r: Co2Result, instance: Co2Js): string {
  return typeof r === 'number' ? instance.model.ratingScale(r) : r.rating;
}

function randomBytes(rand: () => number): number {
  const r = rand();
  if (r < 0.05) return 0;
  if (r < 0.1) return 1;
  if (r < 0.25) return 2 + Math.floor(rand() * 1000);
  return Math.floor(10 ** (rand() * 12)); // log-uniform integer in [1, 1e12)
}

/** Absent (undefined), 0, or a random intensity up to 1,000 gCO2e/kWh. */
function randomIntensity(rand: () => number): number | undefined {
  const r = rand();
  if (r < 0.3) return undefined;
  if (r < 0.4) return 0;
  return rand() * 1000;
}

/** Absent, 0, 1 or uniform in [0,1]. */
function randomRatio(rand: () => number): number | undefined {
  const r = rand();
  if (r < 0.25) return undefined;
  if (r < 0.35) return 0;
  if (r < 0.45) return 1;
  return rand();
}

interface Case {
  bytes: number;
  green: boolean;
  grid?: { dataCenter?: number; network?: number; device?: number };
  greenHostingFactor?: number;
  firstVisitRatio?: number;
  returnVisitRatio?: number;
  dataReloadRatio?: number;
}

function randomCase(rand: () => number): Case {
  const c: Case = { bytes: randomBytes(rand), green: rand() < 0.3 };
  if (rand() < 0.8) {
    c.grid = {};
    const dc = randomIntensity(rand);
    const net = randomIntensity(rand);
    const dev = randomIntensity(rand);
    if (dc !== undefined) c.grid.dataCenter = dc;
    if (net !== undefined) c.grid.network = net;
    if (dev !== undefined) c.grid.device = dev;
  }
  const ghf = randomRatio(rand);
  const first = randomRatio(rand);
  const ret = randomRatio(rand);
  const reload = randomRatio(rand);
  if (ghf !== undefined) c.greenHostingFactor = ghf;
  if (first !== undefined) c.firstVisitRatio = first;
  if (ret !== undefined) c.returnVisitRatio = ret;
  if (reload !== undefined) c.dataReloadRatio = reload;
  return c;
}

/** CO2.js's perVisitTrace options for a case. */
function traceOptions(c: Case): object {
  const options: Record<string, unknown> = {};
  if (c.grid) options.gridIntensity = { ...c.grid };
  if (c.greenHostingFactor !== undefined) options.greenHostingFactor = c.greenHostingFactor;
  if (c.firstVisitRatio !== undefined) options.firstVisitPercentage = c.firstVisitRatio;
  if (c.returnVisitRatio !== undefined) options.returnVisitPercentage = c.returnVisitRatio;
  if (c.dataReloadRatio !== undefined) options.dataReloadRatio = c.dataReloadRatio;
  return options;
}

/** What the service does: an override is exact, a missing intensity is the model's default ±15%. */
function ourInputs(model: WebsiteModel, c: Case): { input: WebsiteInput; factors: WebsiteFactorValues } {
  const fallback = ranged(swdDefaultGridGPerKwh(model) ?? 0, 0.15);
  const pick = (v: number | undefined) => (v === undefined ? fallback : exact(v));
  const input: WebsiteInput = { model, bytes: c.bytes, greenHosting: c.green };
  if (c.greenHostingFactor !== undefined) input.greenHostingFactor = c.greenHostingFactor;
  if (c.firstVisitRatio !== undefined) input.firstVisitRatio = c.firstVisitRatio;
  if (c.returnVisitRatio !== undefined) input.returnVisitRatio = c.returnVisitRatio;
  if (c.dataReloadRatio !== undefined) input.dataReloadRatio = c.dataReloadRatio;
  return {
    input,
    factors: {
      gridGPerKwh: {
        dataCenter: pick(c.grid?.dataCenter),
        network: pick(c.grid?.network),
        device: pick(c.grid?.device),
      },
      ewifLPerKwh: { dataCenter: ranged(1.5, 0.3), network: ranged(2, 0.3), device: ranged(2.5, 0.3) },
    },
  };
}

/** Checks what holds for every case of every model: segments add up, low ≤ value ≤ high. */
function checkInvariants(r: ReturnType<typeof websiteFootprint>, label: string): void {
  const sum = segmentSum(r.segments);
  const scale = Math.max(Math.abs(r.per_view.co2e_g), Number.MIN_VALUE);
  if (Math.abs(sum - r.per_view.co2e_g) > 1e-12 * scale) {
    expect.fail(`${label}: segments sum ${sum} ≠ co2e ${r.per_view.co2e_g}`);
  }
  if (!(r.co2e_g_low <= r.per_view.co2e_g && r.per_view.co2e_g <= r.co2e_g_high)) {
    expect.fail(`${label}: range ${r.co2e_g_low} ≤ ${r.per_view.co2e_g} ≤ ${r.co2e_g_high} broken`);
  }
}

/** The next double above / below x (x > 0). */
function nextUp(x: number): number {
  const b = new Float64Array([x]);
  const i = new BigInt64Array(b.buffer);
  i[0] = (i[0] as bigint) + 1n;
  return b[0] as number;
}
function nextDown(x: number): number {
  const b = new Float64Array([x]);
  const i = new BigInt64Array(b.buffer);
  i[0] = (i[0] as bigint) - 1n;
  return b[0] as number;
}

describe('website models against CO2.js 0.19 (seeded property test)', () => {
  beforeAll(() => {
    // parseVisitTraceOptions warns for every option left at its default.
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterAll(() => {
    vi.restoreAllMocks();
    console.log(
      `CO2.js comparisons: ${comparisons} (max relative error ${maxRelativeError}, ` +
        `${bitIdentical} co2e values bit-identical)`,
    );
  });

  it('v3 global intensity is CO2.js WORLD', () => {
    expect(SWD_V3_GLOBAL_GRID_G_PER_KWH).toBe(WORLD_G_PER_KWH);
  });

  it('swd-v4 = perVisit / perVisitTrace, rating = CO2.js rating', () => {
    const rand = mulberry32(0x5eed0004);
    const plain = new Co2({ model: 'swd', version: 4, rating: true });
    for (let i = 0; i < CASES_PER_MODEL; i++) {
      const c = randomCase(rand);
      const { input, factors } = ourInputs('swd-v4', c);
      const ours = websiteFootprint(input, factors);
      const label = `swd-v4 #${i} ${JSON.stringify(c)}`;
      const oracle = plain.perVisitTrace(c.bytes, c.green, traceOptions(c)).co2;
      compare(ours.per_view.co2e_g, totalOf(oracle), label);
      compareRating(ours.rating, ratingOf(oracle, plain), label);
      checkInvariants(ours, label);
      // Without any option, the plain perVisit must equal our model at the service defaults.
      const defaults = ourInputs('swd-v4', { bytes: c.bytes, green: c.green });
      compare(
        websiteFootprint(defaults.input, defaults.factors).per_view.co2e_g,
        totalOf(plain.perVisit(c.bytes, c.green)),
        `${label} perVisit`,
      );
    }
  });

  it('swd-v3 = perVisit / perVisitTrace, rating = CO2.js rating', () => {
    const rand = mulberry32(0x5eed0003);
    const plain = new Co2({ model: 'swd', version: 3, rating: true });
    for (let i = 0; i < CASES_PER_MODEL; i++) {
      const c = randomCase(rand);
      const { input, factors } = ourInputs('swd-v3', c);
      const ours = websiteFootprint(input, factors);
      const label = `swd-v3 #${i} ${JSON.stringify(c)}`;
      const oracle = plain.perVisitTrace(c.bytes, c.green, traceOptions(c)).co2;
      compare(ours.per_view.co2e_g, totalOf(oracle), label);
      compareRating(ours.rating, ratingOf(oracle, plain), label);
      checkInvariants(ours, label);
      const defaults = ourInputs('swd-v3', { bytes: c.bytes, green: c.green });
      compare(
        websiteFootprint(defaults.input, defaults.factors).per_view.co2e_g,
        totalOf(plain.perVisit(c.bytes, c.green)),
        `${label} perVisit`,
      );
    }
  });

  it('onebyte = perByte (overrides and ratios do not apply), no rating', () => {
    const rand = mulberry32(0x5eed0001);
    const oneByte = new Co2({ model: '1byte' });
    for (let i = 0; i < CASES_PER_MODEL; i++) {
      const c = randomCase(rand);
      const { input, factors } = ourInputs('onebyte', c);
      const ours = websiteFootprint(input, factors);
      const label = `onebyte #${i} ${JSON.stringify(c)}`;
      compare(ours.per_view.co2e_g, totalOf(oneByte.perByte(c.bytes, c.green)), label);
      expect(ours.rating).toBeNull();
      checkInvariants(ours, label);
    }
  });

  it('ratings agree with CO2.js outputRating at and around every threshold', () => {
    const v4 = new Co2({ model: 'swd', version: 4 });
    const v3 = new Co2({ model: 'swd', version: 3 });
    const thresholds = {
      'swd-v4': [0.04, 0.079, 0.145, 0.209, 0.278, 0.359],
      'swd-v3': [0.095, 0.186, 0.341, 0.493, 0.656, 0.846],
    } as const;
    for (const [model, oracle] of [
      ['swd-v4', v4],
      ['swd-v3', v3],
    ] as const) {
      for (const t of thresholds[model]) {
        for (const x of [t, nextDown(t), nextUp(t), t - 1e-9, t + 1e-9, 0, 10]) {
          compareRating(websiteRating(x, model), oracle.model.ratingScale(x), `${model} rating at ${x}`);
        }
      }
    }
  });
});
