/**
 * The per-user limit, checked right after the embed token and before anything else is done for
 * the request (a body read, a `loadProfile`, an upstream call): each user (the token's `sub`) may
 * make `limit` requests a minute, in a burst or spread out. Over it, our own 429
 * `too_many_requests` with `Retry-After` in whole seconds, which the element counts down exactly
 * as it does the Partner API's. The same store call checks that the token was not revoked (401).
 *
 * When the store cannot be reached, `storeFailure` decides: `open` lets the request through
 * unchecked, `closed` answers 503 `service_unavailable`. Either way the request's log line says
 * so, and it is never a 500.
 *
 * @example
 *   const admit = createUserRateLimit({ store, limit: 30, storeFailure: 'open', now });
 *   await admit(claims, c.get('bff').log); // throws HttpError 401, 429 or 503
 */
import { HttpError } from '../errors.js';
import type { RequestLog } from '../context.js';
import type { BffStore, StoreFailure } from '../stores/store.js';

export interface UserRateLimitOptions {
  store: BffStore;
  /** Requests a minute per user. */
  limit: number;
  storeFailure: StoreFailure;
  now: () => number;
}

/** Who is asking: the verified token's subject and id. */
export interface Requester {
  sub: string;
  jti: string;
}

export type AdmitUser = (requester: Requester, log: RequestLog) => Promise<void>;

const MINUTE_MS = 60_000;

const revokedError = () =>
  new HttpError(
    401,
    'unauthorized',
    'The session token is missing, expired or invalid; get a new one',
    {
      headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
    },
  );

export function createUserRateLimit(options: UserRateLimitOptions): AdmitUser {
  const { store, limit, storeFailure, now } = options;
  const rule = { limit, periodMs: MINUTE_MS };

  return async function admitUser({ sub, jti }, log) {
    let verdict;
    try {
      verdict = await store.admit({ user: sub, tokenId: jti, now: now(), rule });
    } catch (error) {
      log.problem = `the store could not be reached; failing ${storeFailure}`;
      log.errorName = error instanceof Error ? error.name : typeof error;
      if (storeFailure === 'open') {
        log.level = 'warn';
        return;
      }
      throw new HttpError(
        503,
        'service_unavailable',
        'This service cannot take requests right now; try again in a moment',
      );
    }
    if (verdict.kind === 'allowed') return;
    if (verdict.kind === 'revoked') {
      log.token = 'revoked';
      throw revokedError();
    }
    log.problem = 'over the user rate limit';
    throw new HttpError(
      429,
      'too_many_requests',
      'Too many requests from this user; try again after the time in Retry-After',
      { headers: { 'Retry-After': String(Math.max(1, Math.ceil(verdict.retryAfterMs / 1000))) } },
    );
  };
}
