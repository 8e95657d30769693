/**
 * The Partner API client: signs and sends `PATCH /v1/users/{externalId}`, retrying what is safe
 * to retry within one overall deadline.
 *
 * - Exactly these headers go out: `x-api-key`, `x-request-timestamp`, `x-request-signature`,
 *   `content-type`, `accept`, `idempotency-key`. Nothing of the browser's request is forwarded.
 * - The same body bytes and the same `Idempotency-Key` on every attempt, each attempt signed
 *   afresh with the time it leaves (the server allows ±60 s).
 * - Network failures, attempt timeouts and 500/502/503/504 are retried, at most `maxAttempts`
 *   times, after a full-jitter backoff (`random() × retryBase × 2^(n-1)`) that never sleeps past
 *   the deadline. Nothing else is retried; 429 in particular is relayed at once.
 * - Out of attempts: 504 `gateway_timeout` when the last attempt ran out of time, otherwise 502
 *   `bad_gateway` carrying the Partner API's `requestId` when it gave one.
 *
 * @example
 *   const updateUser = createUpstreamClient(resolvedOptions);
 *   const { status, value } = await updateUser({ externalId, body, idempotencyKey, log });
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { UpdateUserResponse } from '../contract/api.js';
import { formatTimestamp, signRequest, type HmacSha256 } from '../contract/signing.js';
import { HttpError } from './errors.js';
import type { RequestLog } from './scope.js';
import { UpstreamResponseTooLarge } from './transport-fetch.js';
import { garbage, interpretAnswer } from './upstream-answer.js';
import type { Sleep, Transport, TransportRequest, TransportResponse } from './types.js';

export interface UpstreamClientOptions {
  apiBaseUrl: string;
  apiKey: string;
  signingSecret: string;
  hmac: HmacSha256;
  transport: Transport;
  now: () => number;
  random: () => number;
  sleep: Sleep;
  upstreamTimeoutMs: number;
  attemptTimeoutMs: number;
  maxAttempts: number;
  retryBaseMs: number;
}

export interface UpdateUserCall {
  externalId: string;
  /** JSON, already checked and normalised, encoded once. */
  body: Uint8Array;
  idempotencyKey: string;
  log: RequestLog;
}

export interface UpdateUserResult {
  status: ContentfulStatusCode;
  value: UpdateUserResponse;
}

type Outcome =
  | { kind: 'response'; response: TransportResponse }
  | { kind: 'timeout' }
  | { kind: 'network'; errorName: string }
  | { kind: 'tooLarge' };

type Failure =
  | Exclude<Outcome, { kind: 'response' | 'tooLarge' }>
  | { kind: 'status'; requestId: string | undefined };

const TIMED_OUT: unique symbol = Symbol('timed out');
const timedOut = (): typeof TIMED_OUT => TIMED_OUT;
const ignore = () => {};

export function createUpstreamClient(options: UpstreamClientOptions) {
  const { apiKey, signingSecret, hmac, transport, now, random, sleep } = options;
  const { upstreamTimeoutMs, attemptTimeoutMs, maxAttempts, retryBaseMs } = options;
  const base = new URL(options.apiBaseUrl);
  const origin = base.origin;
  // A base URL with a path (a gateway's prefix) keeps it in front of /v1, signed as sent.
  const pathPrefix = `${base.pathname.replace(/\/+$/, '')}/v1/users/`;
  // Formatting the time is done once per second, not once per request.
  let stampSecond = Number.NaN;
  let stamp = '';
  function timestamp(): string {
    const ms = now();
    const second = Math.floor(ms / 1000);
    if (second !== stampSecond) {
      stampSecond = second;
      stamp = formatTimestamp(ms);
    }
    return stamp;
  }

  /**
   * One request to the Partner API within `timeoutMs`. The attempt owns its deadline: a timer
   * armed here and cleared when the attempt settles, so nothing outlives the request that made
   * it (a Worker does not let one request's timer serve another).
   */
  async function attempt(
    request: Omit<TransportRequest, 'signal'>,
    timeoutMs: number,
  ): Promise<Outcome> {
    const abort = new AbortController();
    // Settled either way, the timer means the same: the race is over by then when it was cut short.
    const deadline = sleep(timeoutMs, abort.signal).then(timedOut, timedOut);
    try {
      // Inside the try: a transport that throws at once is a failed attempt like any other.
      // Spelled out: an object spread costs microseconds on Node 20.
      const sending = transport({
        url: request.url,
        path: request.path,
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: abort.signal,
      });
      const winner = await Promise.race([sending, deadline]);
      if (winner === TIMED_OUT) {
        sending.catch(ignore);
        return { kind: 'timeout' };
      }
      return { kind: 'response', response: winner };
    } catch (error) {
      if (error instanceof UpstreamResponseTooLarge) return { kind: 'tooLarge' };
      return { kind: 'network', errorName: error instanceof Error ? error.name : typeof error };
    } finally {
      // Tears down a request that ran out of time, and clears the timer of one that did not.
      abort.abort(new DOMException('The attempt is over', 'TimeoutError'));
    }
  }

  function giveUp(last: Failure, log: RequestLog): HttpError {
    if (last.kind === 'timeout') {
      log.problem = 'the Partner API did not answer in time';
      return new HttpError(
        504,
        'gateway_timeout',
        'Boca Raton did not answer in time; try again in a moment',
      );
    }
    if (last.kind === 'network') {
      log.problem = 'could not reach the Partner API';
      log.errorName = last.errorName;
    } else {
      log.problem = 'the Partner API kept failing';
    }
    return new HttpError(
      502,
      'bad_gateway',
      'Boca Raton could not take the change right now; try again in a moment',
      last.kind === 'status' && last.requestId !== undefined ? { requestId: last.requestId } : {},
    );
  }

  return async function updateUser(call: UpdateUserCall): Promise<UpdateUserResult> {
    const { externalId, body, idempotencyKey, log } = call;
    const path = pathPrefix + encodeURIComponent(externalId);
    const url = origin + path;
    const deadline = now() + upstreamTimeoutMs;
    let last: Failure = { kind: 'timeout' };

    for (let n = 1; n <= maxAttempts; n++) {
      const remaining = deadline - now();
      if (remaining <= 0) break;
      log.attempts = n;
      const stamp = timestamp();
      const signature = await signRequest(hmac, signingSecret, {
        method: 'PATCH',
        pathAndQuery: path,
        timestamp: stamp,
        body,
      });
      // One literal: spreading a constant set of headers into it costs microseconds on Node 20.
      const headers = {
        'x-api-key': apiKey,
        'content-type': 'application/json',
        accept: 'application/json',
        'idempotency-key': idempotencyKey,
        'x-request-timestamp': stamp,
        'x-request-signature': signature,
      };
      const outcome = await attempt(
        { url, path, method: 'PATCH', headers, body },
        Math.min(attemptTimeoutMs, remaining),
      );

      if (outcome.kind === 'tooLarge') {
        log.problem = 'the Partner API answered too much';
        throw garbage();
      }
      if (outcome.kind === 'response') {
        log.upstreamStatus = outcome.response.status;
        const answer = interpretAnswer(outcome.response, externalId);
        if (answer.requestId !== undefined) log.upstreamRequestId = answer.requestId;
        if (answer.kind === 'success') return answer;
        if (answer.kind === 'error') {
          if (answer.problem !== undefined) {
            log.problem = answer.problem;
            log.level = 'error';
          }
          throw answer.error;
        }
        last = { kind: 'status', requestId: answer.requestId };
      } else {
        last = outcome;
      }

      if (n === maxAttempts) break;
      const delay = random() * retryBaseMs * 2 ** (n - 1);
      if (now() + delay >= deadline) break;
      await sleep(delay);
    }
    throw giveUp(last, log);
  };
}

export type UpdateUser = ReturnType<typeof createUpstreamClient>;
