/**
 * What one answer of the Partner API's Update User means for the browser. The documented answers
 * are checked against `contract/schemas.ts` before anything is relayed; whatever is not documented
 * becomes 502 `bad_gateway`, never a 2xx and never the user's fault.
 *
 * | upstream                          | the BFF                                             |
 * | --------------------------------- | --------------------------------------------------- |
 * | 2xx, documented body              | relayed                                             |
 * | 400, 404, 409, 422, documented    | relayed: status, error, message, requestId, fieldErrors |
 * | 409, our key still in flight      | waited out: retried                                 |
 * | 429, documented                   | retried after its `Retry-After`, or relayed with it  |
 * | 500, 502, 503, 504                | retried                                             |
 * | 401, 403                          | 502, logged at error level: our credentials or clock |
 * | anything else, or not the schema  | 502                                                 |
 *
 * @example
 *   const answer = interpretAnswer(response, 'partner-user-42');
 *   if (answer.kind === 'retry') // try again
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { UpdateUserResponse } from '../contract/api.js';
import { errorBodySchema, readUpdateUserResponse } from '../contract/schemas.js';
import { HttpError } from './errors.js';
import type { TransportResponse } from './types.js';

export type Answer =
  | {
      kind: 'success';
      status: ContentfulStatusCode;
      value: UpdateUserResponse;
      requestId?: undefined;
    }
  | { kind: 'retry'; requestId: string | undefined }
  /** A 409 for this very Idempotency-Key, whose first request is still being processed. */
  | { kind: 'inFlight'; requestId: string | undefined }
  /** A documented 429: `error` relays it, `retryAfter` is its valid `Retry-After`, if any. */
  | {
      kind: 'rateLimited';
      error: HttpError;
      requestId: string | undefined;
      retryAfter: string | undefined;
    }
  | { kind: 'error'; error: HttpError; requestId: string | undefined; problem?: string };

const RELAYED = new Set([400, 404, 409, 422, 429]);
const RETRIED = new Set([500, 502, 503, 504]);
const RETRY_AFTER = /^\d{1,9}$/;
// Assumption (the IETF Idempotency-Key draft, as the Partner API's docs follow it): the 409 for a
// key still being processed says so; a 409 that does not is a conflict with the user's state.
const KEY_IN_FLIGHT = /idempotency-key.*(still being processed|in flight|in progress)/i;

export const garbage = (requestId?: string) =>
  new HttpError(
    502,
    'bad_gateway',
    'Boca Raton answered in a way we did not expect; try again, or quote the requestId to support',
    requestId === undefined ? {} : { requestId },
  );

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `Retry-After` as delay-seconds or an HTTP date; `undefined` for anything else. */
function retryAfter(value: string | null): string | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (RETRY_AFTER.test(trimmed)) return trimmed;
  return /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed) &&
    !Number.isNaN(Date.parse(trimmed))
    ? trimmed
    : undefined;
}

export function interpretAnswer(response: TransportResponse, externalId: string): Answer {
  const { status } = response;
  const json = parseJson(response.text);

  if (status >= 200 && status < 300) {
    const value = readUpdateUserResponse(json);
    if (value === undefined) {
      return {
        kind: 'error',
        error: garbage(),
        requestId: undefined,
        problem: 'undocumented 2xx body',
      };
    }
    if (value.externalId !== externalId) {
      return {
        kind: 'error',
        error: garbage(),
        requestId: undefined,
        problem: 'the Partner API answered for another externalId',
      };
    }
    return { kind: 'success', status: status as ContentfulStatusCode, value };
  }

  const errorBody = errorBodySchema.safeParse(json);
  const requestId = errorBody.success ? errorBody.data.requestId : undefined;

  if (RETRIED.has(status)) return { kind: 'retry', requestId };

  if (status === 401 || status === 403) {
    return {
      kind: 'error',
      requestId,
      problem: `the Partner API refused our credentials (${status}): check BOCA_API_KEY, BOCA_SIGNING_SECRET and the server clock`,
      error: new HttpError(
        502,
        'bad_gateway',
        'The service is not set up correctly; this is not your fault. Quote the requestId to support',
      ),
    };
  }

  if (RELAYED.has(status) && errorBody.success) {
    const { error, message, fieldErrors } = errorBody.data;
    if (status === 409 && KEY_IN_FLIGHT.test(message)) return { kind: 'inFlight', requestId };
    const wait = status === 429 ? retryAfter(response.headers.get('retry-after')) : undefined;
    const relayed = new HttpError(status as ContentfulStatusCode, error, message, {
      requestId,
      ...(fieldErrors ? { fieldErrors } : {}),
      ...(wait === undefined ? {} : { headers: { 'Retry-After': wait } }),
    });
    if (status === 429) return { kind: 'rateLimited', error: relayed, requestId, retryAfter: wait };
    return { kind: 'error', requestId, error: relayed };
  }

  return {
    kind: 'error',
    requestId,
    error: garbage(requestId),
    problem: RELAYED.has(status) ? `undocumented ${status} body` : `undocumented status ${status}`,
  };
}
