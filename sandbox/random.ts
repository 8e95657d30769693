/**
 * Reproducible randomness: a seeded generator for load tests whose faults must replay the same
 * way, and UUIDs drawn from any `() => number` so ids follow the same seed.
 *
 * @example
 *   const random = seededRandom(42);
 *   random(); // 0.6011037519201636, on every run
 *   randomUuid(random); // a version 4 UUID
 */

/** A source of numbers in [0, 1), like `Math.random`. */
export type Random = () => number;

/** A small, fast seeded generator (mulberry32): the same seed gives the same sequence. */
export function seededRandom(seed: number): Random {
  if (!Number.isFinite(seed)) throw new TypeError('seed must be a finite number');
  let state = Math.trunc(seed) >>> 0;
  return function next() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A version 4 UUID whose bits come from `random`. */
export function randomUuid(random: Random): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256) & 0xff);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
