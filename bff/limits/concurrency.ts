/**
 * The cap on upstream requests one instance has in flight: a save past it waits its turn for a
 * short, bounded time (first come, first served), then gets our 429 `too_many_requests` with
 * `Retry-After: 1`, never a 5xx. One save holds one place for all of its attempts, which are
 * sequential, so the cap bounds the requests the Partner API sees from this instance at once.
 *
 * @example
 *   const limit = createConcurrencyLimit({ max: 32, waitMs: 1000, sleep });
 *   const result = await limit.run(() => updateUser(call), call.log);
 */
import { HttpError } from '../errors.js';
import type { RequestLog } from '../context.js';
import type { Sleep } from '../types.js';

export interface ConcurrencyLimitOptions {
  /** Upstream requests in flight at most. */
  max: number;
  /** How long a save may wait for a place before it is refused; 0 refuses at once. */
  waitMs: number;
  sleep: Sleep;
}

export interface ConcurrencyLimit {
  run<T>(task: () => Promise<T>, log: RequestLog): Promise<T>;
  /** Saves in flight upstream, and saves waiting for a place. */
  readonly active: number;
  readonly waiting: number;
}

const ignore = () => {};

export function createConcurrencyLimit(options: ConcurrencyLimitOptions): ConcurrencyLimit {
  const { max, waitMs, sleep } = options;
  let active = 0;
  // Each waiter's wake-up, called when a place is handed to it.
  const queue: (() => void)[] = [];

  function busy(log: RequestLog): HttpError {
    log.problem = 'too many upstream requests in flight';
    return new HttpError(
      429,
      'too_many_requests',
      'Too many changes are being saved right now; try again in a moment',
      { headers: { 'Retry-After': '1' } },
    );
  }

  async function enter(log: RequestLog): Promise<void> {
    if (active < max) {
      active++;
      return;
    }
    if (waitMs <= 0) throw busy(log);
    let granted = false;
    const timer = new AbortController();
    const wake = () => {
      granted = true;
      timer.abort();
    };
    queue.push(wake);
    await sleep(waitMs, timer.signal).catch(ignore);
    if (granted) return;
    queue.splice(queue.indexOf(wake), 1);
    throw busy(log);
  }

  function leave(): void {
    // The place passes straight to the first waiter, so a newcomer cannot take it first.
    const next = queue.shift();
    if (next) next();
    else active--;
  }

  return {
    async run(task, log) {
      await enter(log);
      try {
        return await task();
      } finally {
        leave();
      }
    },
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
  };
}
