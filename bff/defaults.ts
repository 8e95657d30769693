/**
 * The web-standard defaults for what the outside world provides: a clock, a sleep that an
 * `AbortSignal` cuts short, ids, and a logger writing one JSON line per entry.
 *
 * @example
 *   await defaultSleep(100, AbortSignal.timeout(50)); // rejects after 50 ms
 */
import type { LogEntry, Sleep } from './types.js';

/** Calls `fire` after `ms` unless the function it answers is called first. */
export type Timer = (ms: number, fire: () => void) => () => void;

export const defaultNow = (): number => Date.now();

export const defaultRandom = (): number => Math.random();

export const defaultNewId = (): string => crypto.randomUUID();

/**
 * Resolves after `ms`; rejects with the signal's reason when it aborts first. The timer does not
 * keep a Node process alive on its own (the BFF's attempt timers are left to lapse).
 */
export const defaultSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    (timer as { unref?: () => void }).unref?.();
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * The default sleep's cheaper form for a deadline that is nearly always cleared before it fires
 * (an upstream attempt's): a bare timer, with no promise and no `AbortSignal` to cut it short,
 * which cost some microseconds a request on Node 20. It does not keep a Node process alive.
 */
export const defaultTimer: Timer = (ms, fire) => {
  const timer = setTimeout(fire, ms);
  (timer as { unref?: () => void }).unref?.();
  return () => clearTimeout(timer);
};

/** One JSON line: errors to stderr, the rest to stdout. */
export function defaultLogger(entry: LogEntry): void {
  const line = JSON.stringify({ time: new Date().toISOString(), ...entry });
  if (entry.level === 'error') console.error(line);
  // eslint-disable-next-line no-console -- the request log is the BFF's ordinary output
  else console.log(line);
}
