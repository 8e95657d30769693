/**
 * Errors: each is thrown once as an {@link HttpError} and shaped in one place into the API's one
 * error body, `{ error, message, requestId, fieldErrors? }`. Anything else thrown becomes a 500
 * `internal_error` whose body says nothing about the cause; only its class name is logged.
 *
 * @example
 *   throw new HttpError(415, 'unsupported_media_type', 'The body must be application/json');
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody, ErrorKey, FieldError } from '../contract/api.js';
import type { BffEnv, Responder } from './context.js';

export interface HttpErrorOptions {
  fieldErrors?: FieldError[];
  /** The Partner API's `requestId`, relayed in place of ours so that its support can trace it. */
  requestId?: string;
  headers?: Record<string, string>;
}

export class HttpError extends HTTPException {
  override name = 'HttpError';
  readonly key: ErrorKey | (string & {});
  readonly fieldErrors: FieldError[] | undefined;
  readonly requestId: string | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    status: ContentfulStatusCode,
    key: ErrorKey | (string & {}),
    message: string,
    options: HttpErrorOptions = {},
  ) {
    super(status, { message });
    this.key = key;
    this.fieldErrors = options.fieldErrors;
    this.requestId = options.requestId;
    this.headers = options.headers;
  }
}

/** The answer for an error: its status, the one body shape, and its extra headers. */
export function errorResponse(c: Context<BffEnv>, error: unknown, respond: Responder): Response {
  const { requestId, log } = c.get('bff');
  if (error instanceof HttpError) {
    // A refusal of the BFF's own (no upstream answer in it) is logged with its reason: our fixed
    // message, never anything the request carried.
    if (error.status < 500 && log.upstreamStatus === undefined) log.problem ??= error.message;
    const body: ErrorBody = {
      error: error.key as ErrorKey,
      message: error.message,
      requestId: error.requestId ?? requestId,
    };
    if (error.fieldErrors) body.fieldErrors = error.fieldErrors;
    return respond.json(c, error.status, body, error.headers);
  }
  // Hono's own exceptions (a malformed request it refused) keep their status, in our shape.
  if (error instanceof HTTPException && error.status < 500) {
    const body: ErrorBody = {
      error: 'bad_request',
      message: 'The request is malformed',
      requestId,
    };
    return respond.json(c, error.status, body);
  }
  log.problem ??= 'unexpected error';
  log.errorName = error instanceof Error ? error.name : typeof error;
  log.level = 'error';
  const body: ErrorBody = {
    error: 'internal_error',
    message: 'Something went wrong on our side; try again, or quote the requestId to support',
    requestId,
  };
  return respond.json(c, 500, body);
}

export const notFoundError = () =>
  new HttpError(404, 'not_found', 'There is nothing at this address');

export const methodNotAllowed = (allow: string) =>
  new HttpError(405, 'method_not_allowed', 'This method is not allowed here', {
    headers: { Allow: allow },
  });
