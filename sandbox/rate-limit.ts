/**
 * The per-API-key rate limit: at most `limit` requests in any 60 s (a sliding window over the
 * injected clock). Each key keeps the times of its requests still inside the window, oldest
 * first, never more than `limit` of them: memory follows the traffic, not the limit, so a huge
 * limit for a load test costs nothing. `Retry-After` is the whole seconds (rounded up) until the
 * oldest of them leaves the window. Refused requests do not count.
 *
 * @example
 *   const limiter = new RateLimiter(600);
 *   limiter.take('sandbox-api-key', Date.now()); // 0 when allowed, else seconds to wait
 */
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors.js';
import type { SandboxEnv } from './context.js';

export const RATE_WINDOW_MS = 60_000;

/** Request times in the window; `head` skips the expired ones until they are compacted away. */
interface Window {
  times: number[];
  head: number;
}

export class RateLimiter {
  readonly #windows = new Map<string, Window>();

  constructor(readonly limit: number) {
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw new TypeError('rateLimit must be a positive whole number of requests per minute');
    }
  }

  /** Counts a request and returns 0, or returns the seconds to wait (at least 1) without counting. */
  take(key: string, nowMs: number): number {
    let window = this.#windows.get(key);
    if (!window) {
      window = { times: [], head: 0 };
      this.#windows.set(key, window);
    }
    const { times } = window;
    while (window.head < times.length && times[window.head]! + RATE_WINDOW_MS <= nowMs) {
      window.head++;
    }
    if (window.head > 1024 && window.head * 2 > times.length) {
      window.times = times.slice(window.head);
      window.head = 0;
    }
    if (window.times.length - window.head >= this.limit) {
      const freesAt = window.times[window.head]! + RATE_WINDOW_MS;
      return Math.max(1, Math.ceil((freesAt - nowMs) / 1000));
    }
    window.times.push(nowMs);
    return 0;
  }

  reset(): void {
    this.#windows.clear();
  }
}

export function rateLimit(limiter: RateLimiter, now: () => number): MiddlewareHandler<SandboxEnv> {
  return async function limitRate(c, next) {
    const wait = limiter.take(c.get('apiKey'), now());
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
