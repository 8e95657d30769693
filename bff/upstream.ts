/**
 * The Partner API client: signs and sends `PATCH /v1/users/{externalId}`, retrying what is safe
 * to retry for as long as the save's deadline (`upstreamTimeoutMs`) allows.
 *
 * - Exactly these headers go out: `x-api-key`, `x-request-timestamp`, `x-request-signature`,
 *   `content-type`, `accept`, `idempotency-key`. Nothing of the browser's request is forwarded.
 * - The same body bytes and the same `Idempotency-Key` on every attempt, each attempt signed
 *   afresh with the time it leaves (the server allows ±60 s), each with its own deadline
 *   (`attemptTimeoutMs`, never past the save's).
 * - Retried, after a full-jitter backoff (`random() × min(1 s, retryBase × 2^(n-1))`): network
 *   failures, attempt timeouts, 500/502/503/504, and a 409 saying that this save's own
 *   Idempotency-Key is still being processed (an earlier attempt that timed out or lost its
 *   answer is still running upstream: waited out until its stored answer comes back).
 * - A 429 is retried after its `Retry-After` when that ends before the deadline; otherwise it is
 *   relayed with its `Retry-After`. A 409 that is a real conflict is relayed at once.
 * - No retry at all while most of the instance's recent attempts failed (`retry-budget.ts`).
 * - Out of time or retries: 504 `gateway_timeout` when the last attempt ran out of time or met
 *   its own key in flight, otherwise 502 `bad_gateway` carrying the Partner API's `requestId`
 *   when it gave one (or the 429 itself).
 *
 * @example
 *   const updateUser = createUpstreamClient(resolvedOptions);
 *   const { status, value } = await updateUser({ externalId, body, idempotencyKey, log });
 */
import type { Context as TraceContext } from '@opentelemetry/api';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { UpdateUserResponse } from '../contract/api.js';
import { formatTimestamp, signRequest, type HmacSha256 } from '../contract/signing.js';
import { HttpError } from './errors.js';
import { defaultSleep, defaultTimer, type Timer } from './defaults.js';
import { failureCause } from './failure-cause.js';
import type { RequestLog } from './scope.js';
import { UpstreamResponseTooLarge } from './transport-fetch.js';
import { createRetryBudget } from './retry-budget.js';
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
  retryBaseMs: number;
}

export interface UpdateUserCall {
  externalId: string;
  /** JSON, already checked and normalised, encoded once. */
  body: Uint8Array;
  idempotencyKey: string;
  log: RequestLog;
  /** The request's trace, handed to each attempt (see `telemetry/transport.ts`). */
  trace?: TraceContext | undefined;
}

export interface UpdateUserResult {
  status: ContentfulStatusCode;
  value: UpdateUserResponse;
}

type Outcome =
  | { kind: 'response'; response: TransportResponse }
  | { kind: 'timeout' }
  | { kind: 'network'; errorName: string; cause: string | undefined }
  | { kind: 'tooLarge' };

type Failure =
  | Exclude<Outcome, { kind: 'response' | 'tooLarge' }>
  | { kind: 'status' | 'inFlight'; requestId: string | undefined }
  | { kind: 'rateLimited'; error: HttpError; retryAfter: string | undefined };

/** The longest backoff between two attempts: a save keeps trying within its deadline. */
const MAX_BACKOFF_MS = 1_000;

const TIMEOUT: Outcome = { kind: 'timeout' };
// Made once: a new DOMException costs some 20 µs under load on Node 20, and nobody reads this one.
const ATTEMPT_OVER = new DOMException('The attempt is over', 'AbortError');

function failed(error: unknown): Outcome {
  if (error instanceof UpstreamResponseTooLarge) return { kind: 'tooLarge' };
  return {
    kind: 'network',
    errorName: error instanceof Error ? error.name : typeof error,
    cause: failureCause(error),
  };
}

export function createUpstreamClient(options: UpstreamClientOptions) {
  const { apiKey, signingSecret, hmac, transport, now, random, sleep } = options;
  const { upstreamTimeoutMs, attemptTimeoutMs, retryBaseMs } = options;
  const budget = createRetryBudget({ now });
  // Each attempt's deadline. With the default sleep, a bare timer; a sleep given in the options
  // is used as documented, cut short through its signal when the attempt ends.
  const armDeadline: Timer =
    sleep === defaultSleep
      ? defaultTimer
      : (ms, fire) => {
          const cut = new AbortController();
          // Cut short, a sleep may resolve or reject: `fire` is then a no-op.
          sleep(ms, cut.signal).then(fire, fire);
          return () => cut.abort(ATTEMPT_OVER);
        };
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
   * it (a Worker does not let one request's timer serve another). Whichever comes first, the
   * answer or the deadline, decides; the other is then ignored.
   */
  function attempt(request: Omit<TransportRequest, 'signal'>, timeoutMs: number): Promise<Outcome> {
    const abort = new AbortController();
    return new Promise<Outcome>((resolve) => {
      let settled = false;
      const disarm = armDeadline(timeoutMs, () => {
        if (settled) return;
        settled = true;
        abort.abort(new DOMException('The attempt timed out', 'TimeoutError'));
        resolve(TIMEOUT);
      });
      let sending: Promise<TransportResponse>;
      try {
        // Spelled out: an object spread costs microseconds on Node 20.
        sending = transport({
          url: request.url,
          path: request.path,
          method: request.method,
          headers: request.headers,
          body: request.body,
          signal: abort.signal,
          attempt: request.attempt,
          trace: request.trace,
        });
      } catch (error) {
        // A transport that throws at once is a failed attempt like any other.
        settled = true;
        disarm();
        return resolve(failed(error));
      }
      // Written inline: under tsx, which keeps names, a named closure costs a property per request.
      sending.then(
        (response) => {
          if (settled) return;
          settled = true;
          disarm();
          resolve({ kind: 'response', response });
        },
        (error: unknown) => {
          if (settled) return;
          settled = true;
          disarm();
          resolve(failed(error));
        },
      );
    });
  }

  /** Milliseconds a `Retry-After` (delay-seconds or an HTTP date) asks to wait. */
  function retryAfterMs(value: string): number {
    return /^\d+$/.test(value) ? Number(value) * 1000 : Math.max(0, Date.parse(value) - now());
  }

  /** How long to wait before retry `n` (1 for the first), or `undefined` when none fits. */
  function delayBefore(n: number, last: Failure, deadline: number): number | undefined {
    let delay: number;
    if (last.kind === 'rateLimited') {
      if (last.retryAfter === undefined) return undefined;
      delay = retryAfterMs(last.retryAfter);
    } else {
      delay = random() * Math.min(MAX_BACKOFF_MS, retryBaseMs * 2 ** (n - 1));
    }
    return now() + delay < deadline ? delay : undefined;
  }

  function giveUp(last: Failure, log: RequestLog): HttpError {
    if (last.kind === 'rateLimited') {
      log.problem = 'the Partner API asked us to slow down';
      return last.error;
    }
    if (last.kind === 'timeout' || last.kind === 'inFlight') {
      log.problem =
        last.kind === 'timeout'
          ? 'the Partner API did not answer in time'
          : 'the Partner API was still processing this Idempotency-Key';
      return new HttpError(
        504,
        'gateway_timeout',
        'Boca Raton did not answer in time; try again in a moment',
      );
    }
    if (last.kind === 'network') {
      log.problem = 'could not reach the Partner API';
      log.errorName = last.errorName;
      if (last.cause !== undefined) log.cause = last.cause;
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

    for (let n = 1; ; n++) {
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
        { url, path, method: 'PATCH', headers, body, attempt: n, trace: call.trace },
        Math.max(1, Math.min(attemptTimeoutMs, deadline - now())),
      );

      let last: Failure;
      if (outcome.kind === 'tooLarge') {
        budget.record(false);
        log.problem = 'the Partner API answered too much';
        throw garbage();
      }
      if (outcome.kind === 'response') {
        log.upstreamStatus = outcome.response.status;
        const answer = interpretAnswer(outcome.response, externalId);
        if (answer.requestId !== undefined) log.upstreamRequestId = answer.requestId;
        if (answer.kind === 'success') {
          budget.record(false);
          return answer;
        }
        if (answer.kind === 'error') {
          budget.record(false);
          if (answer.problem !== undefined) {
            log.problem = answer.problem;
            log.level = 'error';
          }
          throw answer.error;
        }
        last =
          answer.kind === 'rateLimited'
            ? { kind: 'rateLimited', error: answer.error, retryAfter: answer.retryAfter }
            : {
                kind: answer.kind === 'retry' ? 'status' : 'inFlight',
                requestId: answer.requestId,
              };
      } else {
        last = outcome;
      }
      // A key in flight is the Partner API at work, not failing: it counts neither way.
      if (last.kind !== 'inFlight') budget.record(true);

      if (!budget.allowsRetry()) {
        const error = giveUp(last, log);
        log.problem += '; no retry while most recent attempts fail';
        throw error;
      }
      const delay = delayBefore(n, last, deadline);
      if (delay === undefined) throw giveUp(last, log);
      await sleep(delay);
      if (now() >= deadline) throw giveUp(last, log);
    }
  };
}

export type UpdateUser = ReturnType<typeof createUpstreamClient>;
