/** How much one JSON route may cost: body size, shape, rate-limit tokens. */

export const KIB = 1024;
export const MIB = 1024 * KIB;

/** Body limit of a JSON route that declares none. */
export const DEFAULT_BODY_LIMIT_BYTES = 64 * KIB;
/** The largest body limit of any route: the edge refuses a larger Content-Length before routing. */
export const MAX_BODY_LIMIT_BYTES = 2 * MIB;

export interface RouteLimits<Body = unknown> {
  /** Largest body, bytes: 413 beyond, from Content-Length before reading, or while reading. */
  bodyLimitBytes: number;
  /**
   * Rate-limit tokens the request costs (default 1, the one the edge takes for every request): a
   * number is charged before the body is read, a function of the validated body after validation.
   */
  tokens?: number | ((body: Body) => number);
  /** Deepest nesting a valid body can have; default: computed from the route's body schema. */
  maxDepth?: number;
  /**
   * Most elements of any one array; default: the longest list of the route's body schema, at
   * least MIN_ITEMS_LIMIT (so that a short list of the wrong kind is named by validation).
   */
  maxItems?: number;
  /**
   * Most values (objects, arrays, scalars) in a body; default: the most a valid body can hold, at
   * least MIN_VALUES_LIMIT.
   */
  maxValues?: number;
  /**
   * Tokens a body refused by the shape guard (src/http/json-shape.ts) costs, from the elements of
   * the longest array it counted before refusing; default 1, the one the edge takes.
   */
  refusedTokens?: (items: number) => number;
}

/** Floor of a route's array limit: as many elements as an object may have keys. */
export const MIN_ITEMS_LIMIT = 100;
/**
 * Floor of a route's value limit: JSON.parse reads this many in ~0.3 ms here, and validation then
 * names what is wrong with a small body instead of the guard refusing it whole.
 */
export const MIN_VALUES_LIMIT = 10_000;
