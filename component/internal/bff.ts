/**
 * The two requests the element makes to the BFF, and {@link BffError}, the one shape every failure
 * takes: an HTTP error answer, an unreadable answer, or no answer at all (status 0).
 *
 * @example
 *   const profile = await getProfile('/api', token, signal);
 *   try {
 *     await patchProfile('/api', token, { city: 'Laval' }, key, signal);
 *   } catch (error) {
 *     if (error instanceof BffError && error.status === 429) wait(error.retryAfter);
 *   }
 */
import type { FieldError, UpdateUserResponse } from '../../contract/api.js';
import type { Profile, UpdateUserRequest } from '../../contract/profile.js';
import type { FailureKey } from './i18n.js';

/** How long to wait after a 429 that carries no `Retry-After`. */
export const DEFAULT_RETRY_AFTER = 5;

const STATUS_KEYS: Record<number, FailureKey> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable_entity',
  429: 'too_many_requests',
  500: 'internal_error',
  501: 'not_implemented',
  502: 'bad_gateway',
  503: 'service_unavailable',
  504: 'gateway_timeout',
};

/** The error key for a status the body did not name. */
export const keyForStatus = (status: number): FailureKey =>
  STATUS_KEYS[status] ??
  (status === 0 ? 'network_error' : status >= 500 ? 'internal_error' : 'bad_request');

export class BffError extends Error {
  constructor(
    /** The HTTP status; 0 when no answer came. */
    readonly status: number,
    /** The `error` key of the body, or the one the status implies. */
    readonly key: string,
    message: string,
    readonly requestId: string | null = null,
    readonly fieldErrors: FieldError[] = [],
    /** Seconds to wait before trying again (429 only). */
    readonly retryAfter = 0,
    /** Whether the answer was the BFF's own JSON error, not a page from some other server. */
    readonly fromBff = true,
  ) {
    super(message);
  }
}

/** Any failure as a {@link BffError}: what is not one already counts as no answer. */
export const asBffError = (caught: unknown): BffError =>
  caught instanceof BffError ? caught : new BffError(0, 'network_error', String(caught));

/** `Retry-After` in seconds: a number of seconds or an HTTP date; the default when absent. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number {
  if (!header?.trim()) return DEFAULT_RETRY_AFTER;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? DEFAULT_RETRY_AFTER : Math.max(0, (date - now) / 1000);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value ? value : undefined;

function readFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).map((entry) => ({
    field: String(entry.field ?? ''),
    message: String(entry.message ?? ''),
  }));
}

/** Sends one request; resolves with the JSON body of a 2xx, throws a {@link BffError} otherwise. */
async function send(url: string, init: RequestInit): Promise<unknown> {
  let response: Response;
  let body: unknown;
  try {
    response = await fetch(url, { ...init, cache: 'no-store' });
    const raw = await response.text();
    try {
      body = JSON.parse(raw);
    } catch {
      // No body, or not JSON: the status alone speaks.
      body = undefined;
    }
  } catch (error) {
    // An abort is ours (a newer request replaced this one), not a failure to report.
    if (init.signal?.aborted) throw error;
    throw new BffError(0, 'network_error', (error as Error).message || 'Network error');
  }
  if (response.ok) return body;
  const fields = isObject(body) ? body : {};
  throw new BffError(
    response.status,
    text(fields.error) ?? keyForStatus(response.status),
    text(fields.message) ?? response.statusText,
    text(fields.requestId) ?? response.headers.get('X-Request-Id'),
    readFieldErrors(fields.fieldErrors),
    response.status === 429 ? retryAfterSeconds(response.headers.get('Retry-After')) : 0,
    text(fields.error) !== undefined,
  );
}

const endpoint = (apiBase: string) => `${apiBase.replace(/\/+$/, '')}/profile`;

const authorization = (token: string | undefined): Record<string, string> =>
  token ? { Authorization: `Bearer ${token}` } : {};

/** `GET {apiBase}/profile`: the signed-in user's current values. */
export async function getProfile(
  apiBase: string,
  token: string | undefined,
  signal: AbortSignal,
): Promise<Profile> {
  const body = await send(endpoint(apiBase), { headers: authorization(token), signal });
  if (!isObject(body)) throw new BffError(502, 'bad_gateway', 'The profile is not a JSON object');
  return body as unknown as Profile;
}

/** `PATCH {apiBase}/profile` with only the changed fields, under one `Idempotency-Key`. */
export async function patchProfile(
  apiBase: string,
  token: string | undefined,
  changes: UpdateUserRequest,
  idempotencyKey: string,
  signal: AbortSignal,
): Promise<UpdateUserResponse> {
  const body = await send(endpoint(apiBase), {
    method: 'PATCH',
    headers: {
      ...authorization(token),
      'Content-Type': 'application/json',
      'Idempotency-Key': idempotencyKey,
    },
    body: JSON.stringify(changes),
    signal,
  });
  return (isObject(body) ? body : {}) as unknown as UpdateUserResponse;
}
