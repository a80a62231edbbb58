import type { RateLimitDecision, RateLimiter } from './rate-limit.js';

/** CORS preflights per rate-limit token. */
export const PREFLIGHTS_PER_TOKEN = 10;

/** Clients whose prepaid preflights are remembered at once; past it, all start over (and pay again). */
const MAX_PREPAID_CLIENTS = 10_000;

/**
 * What one preflight of a client costs: 1/PREFLIGHTS_PER_TOKEN of a token, taken as whole tokens
 * from the client's budget because the Workers binding counts whole calls: the first preflight of
 * every ten takes one token (one call), the nine after it are prepaid and ask nothing. Answers
 * undefined for a prepaid preflight, else the limiter's decision. Prepaid counts live in this
 * process or isolate only: forgetting them costs a client its next token early, never more.
 */
export function preflightLimiter(
  limiter: RateLimiter,
): (key: string) => RateLimitDecision | undefined | Promise<RateLimitDecision> {
  const prepaid = new Map<string, number>();
  const paid = (key: string, decision: RateLimitDecision): RateLimitDecision => {
    if (decision.allowed) {
      if (prepaid.size >= MAX_PREPAID_CLIENTS) prepaid.clear();
      prepaid.set(key, PREFLIGHTS_PER_TOKEN - 1);
    }
    return decision;
  };
  return (key) => {
    const left = prepaid.get(key);
    if (left !== undefined) {
      if (left <= 1) prepaid.delete(key);
      else prepaid.set(key, left - 1);
      return undefined;
    }
    const decision = limiter.check(key);
    return decision instanceof Promise ? decision.then((d) => paid(key, d)) : paid(key, decision);
  };
}
