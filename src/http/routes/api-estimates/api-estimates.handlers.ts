import type { RouteHandler } from '@hono/zod-openapi';
import { estimateApi } from '../../../services/api-estimate.js';
import { type AppDeps, catalogOf } from '../../deps.js';
import { ProblemError, problems } from '../../problem.js';
import { parseApiEstimateRequest } from '../../schemas/api.js';
import type { estimateApiRoute } from './api-estimates.routes.js';

/**
 * A failed body is re-checked against the mode it chose (`server` present: allocation), so the
 * errors name that mode's fields instead of collapsing a union into one root error.
 */
export function apiValidationHook(result: { success: boolean }): undefined {
  if (result.success) return undefined;
  // On failure the validator passes the raw body as `data` (its type does not say so).
  const parsed = parseApiEstimateRequest((result as { data?: unknown }).data);
  if (parsed.success) return undefined;
  throw new ProblemError(problems.validation(parsed.issues));
}

export function apiEstimateHandlers(deps: AppDeps) {
  const estimate: RouteHandler<typeof estimateApiRoute> = async (c) => {
    const catalog = await catalogOf(deps);
    return c.json(estimateApi(catalog, c.req.valid('json')), 200);
  };
  return { estimate };
}
