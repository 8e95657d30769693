/**
 * A stand-in for the element's saving logic, for load tests: it sends one set of changes to the
 * BFF with an `Idempotency-Key` and, as the element does when its user saves again after a 5xx,
 * a 409, a 429 or a network failure, re-sends the same changes with the same key after a pause.
 *
 * @example
 *   const client = elementClient({ pool, token, origin, retries: 2, attemptTimeoutMs: 3000 });
 *   const outcome = await client.save({ city: 'Toronto' });
 *   outcome.status; // 200
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'undici';

export interface SaveOutcome {
  /** The final status, or 0 when the last attempt failed on the network. */
  status: number;
  /** How many requests the element sent for this save. */
  attempts: number;
  /** The status of the first attempt (0 for a network failure). */
  firstStatus: number;
  /** Every attempt's status, in order. */
  statuses: number[];
  idempotencyKey: string;
}

export interface ElementClientOptions {
  pool: Pool;
  /** The embed token. */
  token: string;
  origin: string;
  /** How many times the element re-sends after a retryable failure. */
  retries: number;
  /** The element's own patience for one request. */
  attemptTimeoutMs: number;
  /** The user's pause before saving again, times the attempts so far. */
  retryDelayMs: number;
}

// As the element does: the same changes are re-sent after these, with the same key.
const retryable = (status: number) =>
  status === 0 || status >= 500 || status === 409 || status === 429;

export function elementClient({
  pool,
  token,
  origin,
  retries,
  attemptTimeoutMs,
  retryDelayMs,
}: ElementClientOptions) {
  async function send(body: string, idempotencyKey: string): Promise<number> {
    try {
      const answer = await pool.request({
        method: 'PATCH',
        path: '/api/profile',
        headers: {
          authorization: `Bearer ${token}`,
          origin,
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
        },
        body,
        signal: AbortSignal.timeout(attemptTimeoutMs),
      });
      await answer.body.dump();
      return answer.statusCode;
    } catch {
      return 0;
    }
  }

  return {
    async save(changes: object): Promise<SaveOutcome> {
      const idempotencyKey = randomUUID();
      const body = JSON.stringify(changes);
      const firstStatus = await send(body, idempotencyKey);
      let status = firstStatus;
      let attempts = 1;
      const statuses = [firstStatus];
      while (retryable(status) && attempts <= retries) {
        await sleep(retryDelayMs * attempts);
        status = await send(body, idempotencyKey);
        statuses.push(status);
        attempts++;
      }
      return { status, attempts, firstStatus, statuses, idempotencyKey };
    },
  };
}
