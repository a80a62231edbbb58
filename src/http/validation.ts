import { type z, z as zod } from '@hono/zod-openapi';
import type { FieldIssue } from '../services/errors.js';
import { problemResponse, problems } from './problem.js';

type ZodIssue = z.core.$ZodIssue;

/** `items[3].hardware.vcpus` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function messageOf(issue: ZodIssue): string {
  if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) return 'Required.';
  return issue.message.endsWith('.') ? issue.message : `${issue.message}.`;
}

/**
 * Every offending field of a failed parse, one entry per field: an unknown key is reported at its
 * own path, and a union reports the issues of its closest branch instead of one root error.
 */
export function issuesFromZod(
  issues: readonly ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys)
        out.push({ path: formatPath([...path, k]), message: `Unknown field '${k}'.` });
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
      if (best.length) out.push(...issuesFromZod(best, path));
      else out.push({ path: formatPath(path) || 'body', message: messageOf(issue) });
    } else {
      out.push({ path: formatPath(path) || 'body', message: messageOf(issue) });
    }
  }
  const seen = new Set<string>();
  return out.filter((i) => {
    const k = `${i.path}\u0000${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The zod-openapi hook: a failed validation of any part of a request answers 400 problem+json. */
export function validationHook(result: { success: boolean; error?: z.ZodError }): Response | undefined {
  if (result.success || !result.error) return undefined;
  return problemResponse(problems.validation(issuesFromZod(result.error.issues)));
}

/**
 * A cross-field rule that runs even when other fields already failed, so one answer lists every
 * offending field. The rule sees the raw object (fields may be of any type).
 */
export function crossFieldRule(rule: (value: Record<string, unknown>, ctx: z.RefinementCtx) => void) {
  return zod.superRefine(
    (value: unknown, ctx: z.RefinementCtx) => {
      if (typeof value === 'object' && value !== null && !Array.isArray(value))
        rule(value as Record<string, unknown>, ctx);
    },
    { when: () => true },
  );
}

/** A placement names its machine by `instance_type` or describes its `hardware`, not both. */
export const instanceOrHardwareRule = () =>
  crossFieldRule((v, ctx) => {
    if (v.instance_type !== undefined && v.hardware !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['hardware'],
        message: 'Give at most one of instance_type or hardware.',
      });
    }
  });

/** Exactly one of two fields (a 400 on the second when both are given, on the first when neither). */
export const exactlyOneRule = (a: string, b: string) =>
  crossFieldRule((v, ctx) => {
    const given = (v[a] !== undefined ? 1 : 0) + (v[b] !== undefined ? 1 : 0);
    if (given === 1) return;
    ctx.addIssue({
      code: 'custom',
      path: [v[b] !== undefined ? b : a],
      message:
        given === 0 ? `Give exactly one of ${a} or ${b}.` : `Give exactly one of ${a} or ${b}, not both.`,
    });
  });
