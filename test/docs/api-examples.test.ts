import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { memoryCatalog } from '../helpers/edge-app.js';

/**
 * docs/api.md's first two estimates are quoted whole (the API example trims its `factors` only) and
 * the client READMEs quote the same server's CO2e: each must be what the app answers now, so a
 * factor or methodology change that forgets the docs fails here.
 */
const apiDoc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
const readme = (client: string) =>
  readFileSync(new URL(`../../clients/${client}/README.md`, import.meta.url), 'utf8');

/** The ```json block that follows the `curl … <path>` whose body is `-d '<json>'`. */
function example(path: string): { body: unknown; answer: Record<string, unknown> } {
  const at = apiDoc.indexOf(`curl -s localhost:3000${path} `);
  expect(at, path).toBeGreaterThanOrEqual(0);
  const curl = /-d '([^']+)'/.exec(apiDoc.slice(at)) as RegExpExecArray;
  const start = apiDoc.indexOf('```json\n', at) + '```json\n'.length;
  const end = apiDoc.indexOf('\n```', start);
  return { body: JSON.parse(curl[1] as string), answer: JSON.parse(apiDoc.slice(start, end)) };
}

/** `quoted` with every object the doc marks trimmed replaced by the live value at the same place. */
function untrim(quoted: unknown, live: unknown): unknown {
  if (typeof quoted !== 'object' || quoted === null || Array.isArray(quoted)) return quoted;
  if ('…' in quoted) return live;
  const l = (live ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(quoted).map(([k, v]) => [k, untrim(v, l[k])]));
}

async function answer(path: string, body: unknown): Promise<Record<string, unknown>> {
  const app = createApp({ catalog: await memoryCatalog() });
  const res = await app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe('examples quoted in docs/api.md and the client READMEs', () => {
  it('the server estimate is the answer, field for field', async () => {
    const { body, answer: quoted } = example('/v1/estimates/server');
    expect(quoted).toEqual(await answer('/v1/estimates/server', body));
  });

  it('the API estimate is the answer but for its trimmed factors', async () => {
    const { body, answer: quoted } = example('/v1/estimates/api');
    const { factors: _, ...live } = await answer('/v1/estimates/api', body);
    const { factors: __, ...rest } = quoted;
    expect(rest).toEqual(live);
  });

  // Issues 21 and 22: the first example of each new estimate, whole but for a trimmed `factors`
  // (a list of strings in the doc) and objects the doc marks trimmed (`{"…": "(trimmed: …)"}`).
  for (const path of [
    '/v1/estimates/storage',
    '/v1/estimates/network',
    '/v1/estimates/managed-database',
    '/v1/estimates/llm',
  ]) {
    it(`the first ${path} example is the answer`, async () => {
      const { body, answer: quoted } = example(path);
      const live = await answer(path, body);
      const trimmed = (quoted.factors as unknown[]).every((f) => typeof f === 'string');
      const drop = (o: Record<string, unknown>) => {
        const { factors, ...rest } = o;
        return trimmed ? rest : { ...rest, factors };
      };
      expect(drop(untrim(quoted, live) as Record<string, unknown>)).toEqual(drop(live));
    });
  }

  it('the client READMEs quote that server estimate’s CO2e', async () => {
    const { body } = example('/v1/estimates/server');
    const g = ((await answer('/v1/estimates/server', body)).co2e_g as number).toFixed(1);
    expect(readme('python')).toContain(`# ${g} g, and its range`);
    expect(readme('typescript')).toContain(`// ${g} g …`);
  });
});
