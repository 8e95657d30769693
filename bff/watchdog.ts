/**
 * Deadlines for many attempts at once with few timers. Each attempt registers its deadline; one
 * `sleep` wakes at the earliest, times out whatever is due and re-arms for the next. Under steady
 * traffic that is about one timer per timeout period instead of one per request, and an attempt
 * that settles in time costs a `Set` insertion and deletion: no timer to cancel, no `AbortSignal`
 * listener (both cost several microseconds each on Node 20).
 *
 * @example
 *   const watchdog = createWatchdog({ now, sleep });
 *   const deadline = watchdog.start(5_000); // deadline.expired resolves at now + 5 s
 *   try { … } finally { watchdog.stop(deadline); }
 */
import type { Sleep } from './types.js';

export interface Deadline {
  /** Epoch milliseconds. */
  readonly at: number;
  /** Resolves when the deadline passes (never, once stopped). */
  readonly expired: Promise<void>;
}

interface Entry extends Deadline {
  expire: () => void;
}

export function createWatchdog({ now, sleep }: { now: () => number; sleep: Sleep }) {
  const pending = new Set<Entry>();
  // The earliest time an armed sleep will wake; Infinity when none is armed.
  let armedAt = Number.POSITIVE_INFINITY;

  function arm(at: number): void {
    if (at >= armedAt) return;
    armedAt = at;
    sleep(Math.max(0, at - now())).then(wake, wake);
  }

  function wake(): void {
    const time = now();
    armedAt = Number.POSITIVE_INFINITY;
    let next = Number.POSITIVE_INFINITY;
    for (const entry of pending) {
      if (entry.at <= time) {
        pending.delete(entry);
        entry.expire();
      } else if (entry.at < next) {
        next = entry.at;
      }
    }
    if (next !== Number.POSITIVE_INFINITY) arm(next);
  }

  /** A deadline `ms` from now. */
  function start(ms: number): Deadline {
    let expire!: () => void;
    const expired = new Promise<void>((resolve) => (expire = resolve));
    const entry: Entry = { at: now() + ms, expired, expire };
    pending.add(entry);
    arm(entry.at);
    return entry;
  }

  /** Forgets a deadline that is no longer needed. */
  function stop(deadline: Deadline): void {
    pending.delete(deadline as Entry);
  }

  return {
    start,
    stop,
    get size() {
      return pending.size;
    },
  };
}
