/**
 * The sandbox's typed HTTP errors. A handler throws one, once; `onError` in `app.ts` shapes it
 * into the Partner API's error body `{ error, message, requestId, fieldErrors? }`.
 *
 * @example
 *   throw new ApiError(404, 'not_found', 'No user with this externalId');
 *   throw badRequest([{ field: 'Idempotency-Key', message: MESSAGES.idempotencyKey }]);
 */
import type { ErrorBody, ErrorKey, FieldError } from '../contract/api.js';
import { ruleMessage } from '../contract/messages.js';
import type { Violation } from '../contract/profile.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly key: ErrorKey,
    message: string,
    readonly fieldErrors?: FieldError[],
    readonly headers?: Readonly<Record<string, string>>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * Thrown when an injected fault drops the connection. It must travel out of `app.fetch` (a
 * fetch caller then sees a network error), so `onError` rethrows it instead of answering.
 */
export class DroppedConnection extends Error {
  constructor() {
    super('The sandbox dropped this connection on purpose (an injected fault)');
    this.name = 'DroppedConnection';
  }
}

/** The sandbox's own messages, for problems that are not a profile rule. */
export const MESSAGES = {
  invalidRequest: 'The request is invalid; see fieldErrors',
  contentType: 'Must be application/json',
  malformedJson: 'Must be valid JSON',
  idempotencyKey: 'Must be a UUID',
  notFound: 'No user with this externalId',
  duplicate: 'A user with this externalId already exists',
  inFlight: 'A request with this Idempotency-Key is still being processed',
  keyReused: 'This Idempotency-Key was already used with a different request',
} as const;

/** The key a status answers with when a fault or a route gives no other. */
export function errorKeyFor(status: number): ErrorKey {
  const keys: Record<number, ErrorKey> = {
    400: 'bad_request',
    401: 'unauthorized',
    403: 'forbidden',
    404: 'not_found',
    405: 'method_not_allowed',
    409: 'conflict',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
    422: 'unprocessable_entity',
    429: 'too_many_requests',
    501: 'not_implemented',
    502: 'bad_gateway',
    503: 'service_unavailable',
    504: 'gateway_timeout',
  };
  return keys[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
}

const DEFAULT_MESSAGES: Partial<Record<ErrorKey, string>> = {
  bad_request: 'The request is invalid',
  unauthorized: 'The request is not authenticated',
  not_found: 'Not found',
  conflict: 'The request conflicts with the current state',
  unprocessable_entity: 'The request breaks a business rule',
  too_many_requests: 'Too many requests',
  internal_error: 'Unexpected failure; retry, or quote the requestId to support',
  service_unavailable: 'The service is temporarily unavailable; retry later',
  bad_gateway: 'Bad gateway',
  gateway_timeout: 'Gateway timeout',
};

/** A default message for an error key. */
export const defaultMessage = (key: ErrorKey): string => DEFAULT_MESSAGES[key] ?? key;

/** A 400 listing every bad field. */
export const badRequest = (fieldErrors: FieldError[]): ApiError =>
  new ApiError(400, 'bad_request', MESSAGES.invalidRequest, fieldErrors);

/** The English `fieldErrors` entry for a profile rule violation. */
export const fieldError = (violation: Violation): FieldError => ({
  field: violation.field,
  message: ruleMessage(violation),
});

/** The 422 of the age rule. */
export const underAge = (): ApiError =>
  new ApiError(422, 'unprocessable_entity', ruleMessage({ code: 'underAge' }));

/** The wire body of an error. */
export function errorBody(error: ApiError, requestId: string): ErrorBody {
  const body: ErrorBody = { error: error.key, message: error.message, requestId };
  if (error.fieldErrors) body.fieldErrors = error.fieldErrors;
  return body;
}
