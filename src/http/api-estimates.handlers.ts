import type { RouteHandler } from '@hono/zod-openapi';
import { estimateApi } from '../services/api-estimate.js';
import type { estimateApiRoute } from './api-estimates.routes.js';
import { type AppDeps, catalogOf } from './deps.js';
import { ProblemError, problems } from './problem.js';
import { ApiAllocationRequestSchema, ApiResourcesRequestSchema, RESOURCES_ONLY_KEYS } from './schemas/api.js';
import { issuesFromZod } from './validation.js';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A failed body is re-checked against the mode it chose (`server` present: allocation), so the
 * errors name that mode's fields instead of collapsing a union into one root error.
 */
export function apiValidationHook(result: { success: boolean }): undefined {
  if (result.success) return undefined;
  // On failure the validator passes the raw body as `data` (its type does not say so).
  const body = (result as { data?: unknown }).data;
  const allocation = isObject(body) && 'server' in body;
  const parsed = (allocation ? ApiAllocationRequestSchema : ApiResourcesRequestSchema).safeParse(body);
  if (parsed.success) return undefined;
  const issues = issuesFromZod(parsed.error.issues).map((issue) =>
    allocation && (RESOURCES_ONLY_KEYS as readonly string[]).includes(issue.path)
      ? {
          path: issue.path,
          message: `'${issue.path}' belongs to resources mode; a body with 'server' is allocation mode (put it inside 'server' or drop 'server').`,
        }
      : issue,
  );
  throw new ProblemError(problems.validation(issues));
}

export function apiEstimateHandlers(deps: AppDeps) {
  const estimate: RouteHandler<typeof estimateApiRoute> = async (c) => {
    const catalog = await catalogOf(deps);
    return c.json(estimateApi(catalog, c.req.valid('json')), 200);
  };
  return { estimate };
}
