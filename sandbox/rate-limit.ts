/**
 * The per-API-key rate limit: at most `limit` requests in any 60 s (a sliding window over the
 * injected clock). Each key keeps a ring of its last `limit` request times, so memory is bounded
 * by the limit, and `Retry-After` is exactly the whole seconds until the oldest of them leaves the
 * window. Refused requests do not count.
 *
 * @example
 *   const limiter = new RateLimiter(600);
 *   limiter.take('sandbox-api-key', Date.now()); // 0 when allowed, else seconds to wait
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors.js';
import type { SandboxEnv } from './context.js';

export const RATE_WINDOW_MS = 60_000;

interface Ring {
  times: Float64Array;
  next: number;
}

export class RateLimiter {
  readonly #rings = new Map<string, Ring>();

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new TypeError('rateLimit must be a positive whole number of requests per minute');
    }
  }

  /** Counts a request and returns 0, or returns the seconds to wait (at least 1) without counting. */
  take(key: string, nowMs: number): number {
    let ring = this.#rings.get(key);
    if (!ring) {
      ring = { times: new Float64Array(this.limit).fill(-Infinity), next: 0 };
      this.#rings.set(key, ring);
    }
    const oldest = ring.times[ring.next]!;
    const freesAt = oldest + RATE_WINDOW_MS;
    if (freesAt > nowMs) return Math.max(1, Math.ceil((freesAt - nowMs) / 1000));
    ring.times[ring.next] = nowMs;
    ring.next = (ring.next + 1) % this.limit;
    return 0;
  }

  reset(): void {
    this.#rings.clear();
  }
}

export function rateLimit(limiter: RateLimiter, now: () => number): MiddlewareHandler<SandboxEnv> {
  return async function limitRate(c, next) {
    const wait = limiter.take(c.var.apiKey, now());
    if (wait > 0) {
      throw new ApiError(
        429,
        'too_many_requests',
        `Rate limit of ${limiter.limit} requests per minute exceeded; retry in ${wait} s`,
        undefined,
        { 'Retry-After': String(wait) },
      );
    }
    await next();
  };
}
