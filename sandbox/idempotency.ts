/**
 * `Idempotency-Key`, as the Partner API documents it and the IETF Idempotency-Key draft fills in:
 *
 * - the key must be a UUID (else 400, with a `fieldErrors` entry for `Idempotency-Key`);
 * - keys are scoped per API key and remembered for 24 h of the injected clock, then forgotten;
 * - the same key for the same request (method, path and query, body bytes) replays the first
 *   answer exactly (status, headers, body with its `requestId`) plus `Idempotent-Replayed: true`,
 *   and nothing is applied again;
 * - the same key for a different request is a 422; while the first is still in flight, a 409.
 *
 * What is stored for replay: the final answer of a request that got this far, a 2xx or a 4xx
 * (400, 404, 422, …). Never a 5xx: the request is then forgotten, so a retry is processed.
 * Answers given before the key is looked at (401, 429, injected faults) never touch the key.
 *
 * @example
 *   app.on('PATCH', '/v1/users/:externalId', idempotency({ store, hmac, now }));
 */
import type { MiddlewareHandler } from 'hono';
import { isUuid } from '../contract/api.js';
import type { HmacSha256 } from '../contract/signing.js';
import { ApiError, badRequest, MESSAGES } from './errors.js';
import { wirePathAndQuery, type SandboxEnv } from './context.js';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

interface StoredAnswer {
  status: number;
  headers: [string, string][];
  body: string;
  requestId: string;
}

interface Entry {
  fingerprint: string;
  expiresAt: number;
  answer?: StoredAnswer;
}

/** Reserved and answered keys, oldest first, forgotten after 24 h. */
export class IdempotencyStore {
  readonly #entries = new Map<string, Entry>();

  get(scope: string, nowMs: number): Entry | undefined {
    this.#prune(nowMs);
    return this.#entries.get(scope);
  }

  reserve(scope: string, fingerprint: string, nowMs: number): void {
    this.#entries.set(scope, { fingerprint, expiresAt: nowMs + IDEMPOTENCY_TTL_MS });
  }

  complete(scope: string, answer: StoredAnswer): void {
    const entry = this.#entries.get(scope);
    if (entry) entry.answer = answer;
  }

  release(scope: string): void {
    this.#entries.delete(scope);
  }

  get size(): number {
    return this.#entries.size;
  }

  reset(): void {
    this.#entries.clear();
  }

  // Entries go in in clock order, so the expired ones are at the front.
  #prune(nowMs: number): void {
    for (const [scope, entry] of this.#entries) {
      if (entry.expiresAt > nowMs) break;
      this.#entries.delete(scope);
    }
  }
}

export interface IdempotencyOptions {
  store: IdempotencyStore;
  hmac: HmacSha256;
  now: () => number;
}

const FINGERPRINT_SECRET = 'sandbox-idempotency-fingerprint';
const encoder = new TextEncoder();

export function idempotency({
  store,
  hmac,
  now,
}: IdempotencyOptions): MiddlewareHandler<SandboxEnv> {
  return async function applyIdempotency(c, next) {
    const key = c.req.header('Idempotency-Key');
    if (key === undefined) return next();
    if (!isUuid(key))
      throw badRequest([{ field: 'Idempotency-Key', message: MESSAGES.idempotencyKey }]);

    const scope = `${c.get('apiKey')}\n${key}`;
    const head = encoder.encode(`${c.req.method}\n${wirePathAndQuery(c)}\n`);
    const request = new Uint8Array(head.length + c.get('body').length);
    request.set(head);
    request.set(c.get('body'), head.length);
    const fingerprint = await hmac(FINGERPRINT_SECRET, request);

    const entry = store.get(scope, now());
    if (entry) {
      if (entry.fingerprint !== fingerprint) {
        throw new ApiError(422, 'unprocessable_entity', MESSAGES.keyReused);
      }
      if (!entry.answer) throw new ApiError(409, 'conflict', MESSAGES.inFlight);
      c.get('outcome').replayed = true;
      c.set('requestId', entry.answer.requestId);
      const headers = new Headers(entry.answer.headers);
      headers.set('Idempotent-Replayed', 'true');
      return new Response(entry.answer.body, { status: entry.answer.status, headers });
    }

    store.reserve(scope, fingerprint, now());
    c.set('idempotencyKey', key);
    let answer: StoredAnswer | undefined;
    try {
      await next();
      if (c.res.status < 500) {
        answer = {
          status: c.res.status,
          headers: [...c.res.headers],
          body: await c.res.clone().text(),
          requestId: c.get('requestId'),
        };
      }
    } finally {
      if (answer) store.complete(scope, answer);
      else store.release(scope);
    }
  };
}
