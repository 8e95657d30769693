/**
 * A virtual clock for the BFF's `now` and `sleep`: time moves only when a test (or `drive`) moves
 * it, so retries, backoffs and timeouts run instantly and exactly.
 *
 * @example
 *   const clock = new FakeClock(Date.UTC(2026, 2, 13, 12));
 *   const response = await drive(clock, app.request('/api/profile', init));
 */
import type { Sleep } from '../../bff/types.js';

interface Timer {
  at: number;
  ms: number;
  resolve: () => void;
}

export class FakeClock {
  time: number;
  /** Every sleep asked for, in order: backoffs and attempt timeouts alike. */
  readonly sleeps: number[] = [];
  private timers: Timer[] = [];

  constructor(start: number) {
    this.time = start;
  }

  now = (): number => this.time;

  sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      this.sleeps.push(ms);
      const timer: Timer = { at: this.time + ms, ms, resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((t) => t !== timer);
          reject(signal.reason);
        },
        { once: true },
      );
    });

  /** How many sleeps are still waiting. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time to the earliest waiting sleep and wakes it; false when none waits. */
  fireNext(): boolean {
    if (this.timers.length === 0) return false;
    const next = this.timers.reduce((a, b) => (b.at < a.at ? b : a));
    this.timers = this.timers.filter((t) => t !== next);
    this.time = Math.max(this.time, next.at);
    next.resolve();
    return true;
  }

  advance(ms: number): void {
    this.time += ms;
  }
}

/** Lets every pending promise and I/O callback run (the event loop, not the clock). */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Awaits `promise`, moving the clock to the next sleep whenever everything else is idle:
 * what real time would do, without waiting for it.
 */
export async function drive<T>(clock: FakeClock, promise: Promise<T>): Promise<T> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let step = 0; step < 1000; step++) {
    await settle();
    if (settled) return promise;
    if (!clock.fireNext()) {
      await settle(10);
      if (settled) return promise;
      throw new Error('drive: the request is stuck with no sleep to wake');
    }
  }
  throw new Error('drive: too many steps');
}
