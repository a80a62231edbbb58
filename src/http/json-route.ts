import type { OpenAPIHono, RouteConfig, RouteHandler, z } from '@hono/zod-openapi';
import type { Context, Next } from 'hono';
import type { FieldIssue } from '../services/errors.js';
import type { AppDeps } from './deps.js';
import { readBoundedText } from './edge/body-limit.js';
import { rateLimitKey } from './edge/client-key.js';
import type { RateLimitDecision } from './edge/rate-limit.js';
import { type JsonShapeLimits, jsonShapeIssue } from './json-shape.js';
import { problemResponse, problems } from './problem.js';
import { MAX_BODY_LIMIT_BYTES, MIN_ITEMS_LIMIT, MIN_VALUES_LIMIT, type RouteLimits } from './route-limits.js';
import { schemaBounds } from './schema-bounds.js';
import { issuesFromZod } from './validation.js';

type JsonSchemaOf<R> = R extends {
  request: { body: { content: { 'application/json': { schema: infer S extends z.ZodType } } } };
}
  ? S
  : never;

/** The validated body of a JSON route. */
export type JsonBodyOf<R> = z.output<JsonSchemaOf<R>>;

export type ParsedBody<B> = { success: true; data: B } | { success: false; issues: FieldIssue[] };

export interface JsonRouteOptions<B> {
  limits: RouteLimits<B>;
  /** Validation of the parsed JSON; default: the route's body schema (`safeParse`). */
  parse?: (body: unknown) => ParsedBody<B>;
}

/**
 * Mounts a JSON `POST` route: its OpenAPI document comes from `route` (the same schema objects
 * that validate), and the request runs one synchronous path instead of zod-openapi's validator
 * chain: the route's body limit, constant token cost, the body read once, the shape guard on its
 * text (nesting, keys per object, elements per array, values in all; a refusal costs the route's
 * `refusedTokens`), `JSON.parse`, `safeParse`, the token cost of the body, then the handler,
 * which reads the body with `c.req.valid('json')` as usual. Media type, the global size cap and the
 * first rate-limit token are the edge's (src/http/edge/middleware.ts).
 */
export function jsonRoute<R extends RouteConfig>(
  router: OpenAPIHono,
  deps: AppDeps,
  route: R,
  handler: RouteHandler<R>,
  options: JsonRouteOptions<JsonBodyOf<R>>,
): void {
  type B = JsonBodyOf<R>;
  const content = route.request?.body?.content?.['application/json'] as
    | { schema: JsonSchemaOf<R> }
    | undefined;
  if (!content) throw new TypeError(`${route.path}: not a JSON body route`);
  const { schema } = content;
  const { limits } = options;
  if (limits.bodyLimitBytes > MAX_BODY_LIMIT_BYTES)
    throw new RangeError(`${route.path}: body limit above MAX_BODY_LIMIT_BYTES`);
  const maxBytes = Math.min(limits.bodyLimitBytes, deps.maxBodyBytes ?? Number.POSITIVE_INFINITY);
  const bounds = schemaBounds(schema);
  const shape: JsonShapeLimits = {
    maxDepth: limits.maxDepth ?? bounds.depth,
    maxItems: limits.maxItems ?? Math.max(MIN_ITEMS_LIMIT, bounds.items),
    maxValues: limits.maxValues ?? Math.max(MIN_VALUES_LIMIT, bounds.values),
  };
  for (const [name, value] of Object.entries(shape))
    if (!Number.isFinite(value)) throw new RangeError(`${route.path}: give limits.${name}`);
  const parse =
    options.parse ??
    ((body: unknown): ParsedBody<B> => {
      const parsed = schema.safeParse(body);
      return parsed.success
        ? { success: true, data: parsed.data as B }
        : { success: false, issues: issuesFromZod(parsed.error.issues) };
    });
  const { tokens, refusedTokens } = limits;
  const call = handler as unknown as (c: Context, next: Next) => Response | Promise<Response>;

  router.openAPIRegistry.registerPath(route);
  router.on(route.method.toUpperCase(), route.path.replace(/\{(\w+)\}/g, ':$1'), async (c, next) => {
    const length = c.req.header('content-length');
    if (Number(length) > maxBytes) return problemResponse(problems.payloadTooLarge(maxBytes));
    if (typeof tokens === 'number' && tokens > 1) {
      const refused = await chargeHandled(c, deps, tokens);
      if (refused) return refused;
    }

    let text: string | undefined;
    try {
      text = length === undefined ? await readBoundedText(c, maxBytes) : await c.req.text();
    } catch {
      // The client went away or timed out mid-body (Node answers it 408): not a server fault.
      return problemResponse(problems.malformedJson('The request body ended before its announced length.'));
    }
    if (text === undefined) return problemResponse(problems.payloadTooLarge(maxBytes));
    const refusal = jsonShapeIssue(text, shape);
    if (refusal) {
      const cost = refusedTokens?.(refusal.items) ?? 1;
      const charged = cost > 1 ? await charge(c, deps, cost) : undefined;
      if (charged instanceof Response) return charged;
      return problemResponse(problems.validation([refusal.issue]), charged);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return problemResponse(problems.malformedJson());
    }
    const parsed = parse(body);
    if (!parsed.success) return problemResponse(problems.validation(parsed.issues));

    if (typeof tokens === 'function') {
      const cost = tokens(parsed.data);
      if (cost > 1) {
        const refused = await chargeHandled(c, deps, cost);
        if (refused) return refused;
      }
    }
    c.req.addValidatedData('json', parsed.data as object);
    return call(c, next);
  });
}

/**
 * Takes the rest of a request's cost (`cost` tokens, one of which the edge took) from its
 * client's bucket. Refused: the 429 to answer. Allowed: the RateLimit-* headers of the answer.
 */
async function charge(
  c: Context,
  deps: AppDeps,
  cost: number,
): Promise<Response | Record<string, string> | undefined> {
  const limiter = deps.rateLimiter;
  if (!limiter) return undefined;
  const pending = limiter.check(rateLimitKey(deps.clientIp?.(c)), cost - 1);
  const decision: RateLimitDecision = pending instanceof Promise ? await pending : pending;
  const headers: Record<string, string> = {
    'ratelimit-limit': String(decision.limit),
    'ratelimit-remaining': String(decision.remaining),
    'ratelimit-reset': String(decision.resetSeconds),
  };
  if (decision.allowed) return headers;
  if (cost > decision.limit) return problemResponse(problems.costAboveLimit(cost, decision.limit), headers);
  headers['retry-after'] = String(decision.retryAfterSeconds);
  return problemResponse(problems.rateLimited(decision.retryAfterSeconds), headers);
}

/** Charges `cost` before the handler runs: the 429 to answer, or undefined (the headers are set). */
async function chargeHandled(c: Context, deps: AppDeps, cost: number): Promise<Response | undefined> {
  const charged = await charge(c, deps, cost);
  if (charged instanceof Response) return charged;
  for (const name in charged) c.header(name, charged[name]);
  return undefined;
}
