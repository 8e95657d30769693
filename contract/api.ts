/**
 * The wire shapes of the Partner API and of the BFF, which answers in the same error shape.
 */
import type { Profile } from './profile.js';

/** Every `error` key the API or the BFF answers with. */
export type ErrorKey =
  // Boca Raton's Partner API
  | 'bad_request'
  | 'unauthorized'
  | 'not_found'
  | 'conflict'
  | 'unprocessable_entity'
  | 'too_many_requests'
  | 'internal_error'
  // the BFF's own
  | 'forbidden'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'bad_gateway'
  | 'gateway_timeout'
  | 'method_not_allowed'
  | 'not_implemented'
  | 'service_unavailable';

export interface FieldError {
  field: string;
  message: string;
}

export interface ErrorBody {
  error: ErrorKey;
  message: string;
  /** `req-<uuid>` */
  requestId: string;
  fieldErrors?: FieldError[];
}

export type UserStatus = 'active' | 'pendingCompliance';

/** The 200 answer of Update User. */
export interface UpdateUserResponse {
  userId: string;
  externalId: string;
  status: UserStatus | (string & {});
  /** RFC 3339 */
  updatedAt: string;
}

/** The body of `POST /v1/users`. */
export interface CreateUserRequest extends Profile {
  externalId: string;
}

/** Get User answers only these: Boca Raton keeps no profile fields readable. */
export interface User {
  userId: string;
  externalId: string;
  status: UserStatus | (string & {});
}

export const MAX_EXTERNAL_ID_LENGTH = 128;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value is a UUID (any version), as `Idempotency-Key` must be. */
export const isUuid = (value: string): boolean => UUID.test(value);

/** A new request id, `req-<uuid>`. */
export const newRequestId = (): string => `req-${crypto.randomUUID()}`;
