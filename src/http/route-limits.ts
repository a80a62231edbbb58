/** How much one JSON route may cost: body size, nesting, rate-limit tokens. */

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
}
