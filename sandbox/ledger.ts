/**
 * Counts what the sandbox actually applied, per Idempotency-Key and in total, independently of
 * the idempotency machinery it checks: a test under load asserts `duplicates === 0`, "no change
 * was applied twice for one key". A key's count is forgotten 24 h after its first application
 * (as the key itself is), so memory stays bounded.
 *
 * @example
 *   ledger.record(key, now());
 *   ledger.count(key); // 1
 */
import { IDEMPOTENCY_TTL_MS } from './idempotency.js';

export interface AppliedStats {
  /** Creates and updates applied. */
  total: number;
  /** …of which carried no Idempotency-Key. */
  withoutKey: number;
  /** Applications of a key that had already been applied within 24 h: should stay 0. */
  duplicates: number;
}

export class AppliedLedger {
  readonly #byKey = new Map<string, { count: number; firstAt: number }>();
  #stats: AppliedStats = { total: 0, withoutKey: 0, duplicates: 0 };

  record(key: string | undefined, nowMs: number): void {
    this.#stats.total++;
    if (key === undefined) {
      this.#stats.withoutKey++;
      return;
    }
    this.#prune(nowMs);
    const seen = this.#byKey.get(key);
    if (seen) {
      seen.count++;
      this.#stats.duplicates++;
    } else {
      this.#byKey.set(key, { count: 1, firstAt: nowMs });
    }
  }

  /** How many times a change with this key was applied (within its 24 h). */
  count(key: string): number {
    return this.#byKey.get(key)?.count ?? 0;
  }

  get stats(): AppliedStats {
    return { ...this.#stats };
  }

  reset(): void {
    this.#byKey.clear();
    this.#stats = { total: 0, withoutKey: 0, duplicates: 0 };
  }

  #prune(nowMs: number): void {
    for (const [key, { firstAt }] of this.#byKey) {
      if (firstAt + IDEMPOTENCY_TTL_MS > nowMs) break;
      this.#byKey.delete(key);
    }
  }
}
