import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { memoryCatalog } from '../helpers/edge-app.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The README's numbers: grouped thousands, fixed decimals. */
const n = (value: number, digits: number) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Every `curl … -d '<json>'` of the README, as path and body, in order. */
const examples = [
  ...readme.matchAll(/curl -s localhost:3000(\S+) -H 'content-type: application\/json' \\?\s*-d '([^']+)'/g),
].map((m) => ({ path: m[1] as string, body: m[2] as string }));

type Json = Record<string, unknown> & { co2e_g: number };
let answers: Json[];

beforeAll(async () => {
  const app = createApp({ catalog: await memoryCatalog() });
  answers = [];
  for (const { path, body } of examples) {
    const res = await app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(res.status, path).toBe(200);
    answers.push((await res.json()) as Json);
  }
});

describe("the README's four examples", () => {
  it('are a server estimate, a website estimate and two comparisons (servers, databases)', () => {
    expect(examples.map((e) => e.path)).toEqual([
      '/v1/estimates/server',
      '/v1/estimates/website',
      '/v1/compare',
      '/v1/compare',
    ]);
  });

  it('quote the numbers the API answers', () => {
    const [server, website, compare] = answers as [Json, Json, { results: { estimate: Json }[] }];
    const s = server as unknown as {
      co2e_g_low: number;
      co2e_g_high: number;
      energy_kwh: number;
      water_l: number;
    };
    expect(readme).toContain(
      `→ **${n(server.co2e_g, 1)} g CO2e** (range ${n(s.co2e_g_low, 1)}–${n(s.co2e_g_high, 1)} g), ` +
        `${n(s.energy_kwh, 2)} kWh, ${n(s.water_l, 2)} L of water.`,
    );
    const w = website as unknown as {
      per_view: { co2e_g: number };
      rating: string;
      total: { co2e_g: number; energy_kwh: number; water_l: number };
    };
    expect(readme).toContain(
      `→ **${n(w.per_view.co2e_g, 4)} g CO2e per view**, rating ${w.rating}; for the 100,000 views ` +
        `${n(w.total.co2e_g, 1)} g, ${n(w.total.energy_kwh, 2)} kWh, ${n(w.total.water_l, 2)} L.`,
    );
    const [heroku, scaleway] = compare.results.map((r) => r.estimate as Json & { energy_kwh: number });
    if (!heroku || !scaleway) throw new Error('two candidates expected');
    expect(readme).toContain(
      `→ Heroku ${n(heroku.co2e_g, 1)} g CO2e and ${n(heroku.energy_kwh, 2)} kWh, Scaleway **${n(scaleway.co2e_g, 1)} g** ` +
        `and ${n(scaleway.energy_kwh, 2)} kWh`,
    );
    // "Scaleway ranks first on CO2e and draws slightly less energy", with one warning (grid publishers).
    const { ranking, warnings } = compare as unknown as { ranking: number[]; warnings: string[] };
    expect(ranking).toEqual([1, 0]);
    expect(scaleway.energy_kwh).toBeLessThan(heroku.energy_kwh);
    expect(scaleway.energy_kwh).toBeGreaterThan(heroku.energy_kwh * 0.9);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/grid intensities come from different publishers/);
  });

  it('quote the database migration as the API answers it, part by part', () => {
    const db = answers[3] as unknown as {
      results: {
        estimate: Json & { energy_kwh: number };
        delta_by_part: { compute_co2e_g: number; storage_co2e_g: number };
      }[];
    };
    const [heroku, clever] = db.results;
    if (!heroku || !clever) throw new Error('two candidates expected');
    const signed = (v: number) => `${v < 0 ? '−' : '+'}${n(Math.abs(v), 1)}`;
    expect(readme).toContain(
      `→ Heroku ${n(heroku.estimate.co2e_g, 1)} g CO2e and ${n(heroku.estimate.energy_kwh, 2)} kWh, Clever Cloud ` +
        `${n(clever.estimate.co2e_g, 1)} g and ${n(clever.estimate.energy_kwh, 2)} kWh`,
    );
    expect(readme).toContain(`its nodes ${signed(clever.delta_by_part.compute_co2e_g)} g`);
    expect(readme).toContain(`its storage ${signed(clever.delta_by_part.storage_co2e_g)} g`);
  });
});
