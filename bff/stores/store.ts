/**
 * The one small interface behind which the BFF keeps what several instances must agree on: each
 * user's request allowance and the revoked embed tokens. In the instance's memory by default
 * (`memory.ts`), in Redis for several instances (`redis.ts`), and it maps onto a Durable Object
 * on Workers (`examples/durable-object-store.ts`).
 *
 * Both calls are keyed by the user (the token's `sub`), so a store may keep everything about one
 * user in one place: one Redis hash slot, one Durable Object.
 *
 * A store that cannot be reached rejects (quickly: it must not hold a request); what the BFF
 * then does is the `storeFailure` option's choice, never a 500.
 *
 * @example
 *   const verdict = await store.admit({ user: 'partner-user-42', tokenId, now: Date.now(),
 *     rule: { limit: 30, periodMs: 60_000 } });
 *   if (verdict.kind === 'limited') retryAfterMs = verdict.retryAfterMs;
 */

/** What the BFF does while its store cannot be reached: let requests through, or answer 503. */
export type StoreFailure = 'open' | 'closed';

export const STORE_FAILURES: readonly StoreFailure[] = ['open', 'closed'];

/** So many requests per period, spread evenly: a burst of `limit`, then one every `periodMs / limit`. */
export interface RateRule {
  limit: number;
  periodMs: number;
}

export interface Admission {
  /** The token's `sub`. */
  user: string;
  /** The token's `jti`. */
  tokenId: string;
  /** Epoch milliseconds, from the BFF's clock (every instance's clock is kept in sync). */
  now: number;
  rule: RateRule;
}

export type Verdict =
  | { kind: 'allowed' }
  /** The token was revoked: nothing was counted. */
  | { kind: 'revoked' }
  /** Over the allowance: nothing was counted; the next request is allowed after this long. */
  | { kind: 'limited'; retryAfterMs: number };

export interface Revocation {
  user: string;
  tokenId: string;
  /** When the token expires anyway (epoch ms): the store may forget it after that. */
  expiresAt: number;
  now: number;
}

export interface BffStore {
  /** Checks the token is not revoked and, if so, counts one request against the user's allowance. */
  admit(admission: Admission): Promise<Verdict>;
  /** Refuses the token from now until it expires, on every instance that shares the store. */
  revoke(revocation: Revocation): Promise<void>;
  /** Resolves when the store answers; rejects when it cannot be reached (for `/readyz`). */
  ping(): Promise<void>;
  /** Lets go of connections and timers; the store answers nothing after. */
  close(): Promise<void>;
}

/**
 * The pace of a rule in whole milliseconds: one request every `intervalMs`, at most `burstMs`
 * ahead of now. Whole numbers so that a store keeps exact times (Redis's Lua prints floats with
 * 14 digits); rounding the interval up errs towards fewer requests, never more.
 */
export function pace(rule: RateRule): { intervalMs: number; burstMs: number } {
  const intervalMs = Math.ceil(rule.periodMs / rule.limit);
  return { intervalMs, burstMs: intervalMs * rule.limit };
}
