/**
 * The instance's memory of how its recent upstream attempts went, which decides whether a save
 * may retry. When most of the attempts of the last ten seconds failed, the Partner API is down
 * rather than flaky: every save still gets its first attempt, but none retries, so a full outage
 * costs Boca Raton one call per save instead of a dozen, while a partial one is ridden out. The
 * first attempts that succeed again bring the retries back.
 *
 * Outcomes are counted in ten buckets of a second each, so recording and asking cost a few
 * additions whatever the traffic.
 *
 * @example
 *   const budget = createRetryBudget({ now });
 *   budget.record(outcomeFailed);
 *   if (budget.allowsRetry()) … // back off and try again
 */

export interface RetryBudgetOptions {
  now: () => number;
}

/** How far back the outcomes count. */
export const RETRY_WINDOW_MS = 10_000;
/** Below this many attempts in the window, retries are always allowed: too few to judge by. */
export const RETRY_MIN_SAMPLE = 10;

const BUCKETS = 10;
const BUCKET_MS = RETRY_WINDOW_MS / BUCKETS;

export interface RetryBudget {
  /** Counts one attempt's outcome. */
  record(failed: boolean): void;
  /** False while most of the window's attempts failed. */
  allowsRetry(): boolean;
}

export function createRetryBudget({ now }: RetryBudgetOptions): RetryBudget {
  const attempts = new Array<number>(BUCKETS).fill(0);
  const failures = new Array<number>(BUCKETS).fill(0);
  // The bucket's second since the epoch: a bucket from an older pass round the ring is stale.
  const seconds = new Array<number>(BUCKETS).fill(Number.NEGATIVE_INFINITY);

  return {
    record(failed) {
      const second = Math.floor(now() / BUCKET_MS);
      const i = second % BUCKETS;
      if (seconds[i] !== second) {
        seconds[i] = second;
        attempts[i] = 0;
        failures[i] = 0;
      }
      attempts[i]!++;
      if (failed) failures[i]!++;
    },
    allowsRetry() {
      const second = Math.floor(now() / BUCKET_MS);
      let total = 0;
      let failed = 0;
      for (let i = 0; i < BUCKETS; i++) {
        if (second - seconds[i]! < BUCKETS) {
          total += attempts[i]!;
          failed += failures[i]!;
        }
      }
      return total < RETRY_MIN_SAMPLE || failed * 2 <= total;
    },
  };
}
