/**
 * The store in the instance's own memory: the default, right for one instance (several instances
 * would each count a user separately, and a revocation would reach only the instance that made
 * it). Each user's allowance is one number, the time at which the allowance is whole again
 * (a token bucket kept as a "theoretical arrival time"); a user idle for a period is forgotten.
 *
 * Memory stays bounded by the users seen in the last period and the tokens revoked and not yet
 * expired: entries are kept in the order they were last written, and a few stale ones at the
 * front are dropped with each request.
 *
 * @example
 *   const store = createMemoryStore();
 *   const bff = createBff({ ...options, store });
 *   await revokeEmbedToken({ token, secret, store });
 */
import { pace, type BffStore, type Verdict } from './store.js';

/** Stale entries dropped per call at most: a request costs a bounded amount of work. */
const SWEEP_PER_WRITE = 4;

/** A map in last-written order whose entries expire; expired ones are swept from the front. */
class ExpiringMap {
  private readonly entries = new Map<string, number>();

  /** The value, or undefined once it expired (the value is its own expiry time). */
  get(key: string, now: number): number | undefined {
    const value = this.entries.get(key);
    return value !== undefined && value > now ? value : undefined;
  }

  set(key: string, value: number, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    this.sweep(now);
  }

  /** Drops a few expired entries from the front, where the longest unwritten ones are. */
  sweep(now: number): void {
    let swept = 0;
    for (const [first, expiry] of this.entries) {
      if (expiry > now || swept++ >= SWEEP_PER_WRITE) break;
      this.entries.delete(first);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

export interface MemoryStore extends BffStore {
  /** How many users and revoked tokens it holds: for tests and the soak. */
  readonly size: number;
}

export function createMemoryStore(): MemoryStore {
  // Per user, the time the allowance is whole again; per revoked token, its expiry.
  const allowances = new ExpiringMap();
  const revoked = new ExpiringMap();
  const revokedKey = (user: string, tokenId: string) => `${user}\n${tokenId}`;
  let closed = false;

  function assertOpen(): void {
    if (closed) throw new Error('the store is closed');
  }

  return {
    async admit({ user, tokenId, now, rule }): Promise<Verdict> {
      assertOpen();
      revoked.sweep(now);
      if (revoked.get(revokedKey(user, tokenId), now) !== undefined) return { kind: 'revoked' };
      const { intervalMs, burstMs } = pace(rule);
      const next = Math.max(allowances.get(user, now) ?? now, now) + intervalMs;
      if (next - now > burstMs) return { kind: 'limited', retryAfterMs: next - burstMs - now };
      allowances.set(user, next, now);
      return { kind: 'allowed' };
    },
    async revoke({ user, tokenId, expiresAt, now }): Promise<void> {
      assertOpen();
      if (expiresAt > now) revoked.set(revokedKey(user, tokenId), expiresAt, now);
    },
    async ping(): Promise<void> {
      assertOpen();
    },
    async close(): Promise<void> {
      closed = true;
    },
    get size() {
      return allowances.size + revoked.size;
    },
  };
}
