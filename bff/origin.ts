/**
 * Who may call the BFF from a browser: the partner portal's origins, and only them.
 *
 * Hono's `cors` middleware only decorates answers (the browser then decides whether a page may
 * read them); it never refuses a request from an unknown origin. So this is hand-written:
 * a request whose `Origin` is present and not allowed is refused with 403 before anything else
 * runs, preflight included, and allowed origins get their CORS headers on every answer, errors
 * included. A request without `Origin` (a server, curl) is not a browser's cross-site request and
 * goes on to the token check. No credentials mode: the embed token is a bearer header, never a
 * cookie, so no `Access-Control-Allow-Credentials`.
 *
 * @example
 *   const origins = createOriginPolicy(['https://portal.example.com']);
 *   origins.check(c.req.header('origin')); // throws HttpError 403 for any other origin
 *   // the CORS headers themselves are added by `respond.ts` to every answer
 */
import type { Context } from 'hono';
import { HttpError } from './errors.js';
import type { BffEnv, Responder } from './context.js';

export const ALLOWED_METHODS = 'GET, PATCH';
export const ALLOWED_HEADERS = 'authorization, content-type, idempotency-key';
export const EXPOSED_HEADERS = 'X-Request-Id, Retry-After';
export const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** Whether a string is a serialised http(s) origin: scheme, host and port only, as browsers send. */
export function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

export interface OriginPolicy {
  isAllowed(origin: string): boolean;
  /** Throws 403 `forbidden` when an `Origin` is present and not allowed. */
  check(origin: string | undefined): void;
  /** Answers a preflight `OPTIONS`, with fixed lists that never echo what was asked. */
  preflight(c: Context<BffEnv>, respond: Responder): Response;
}

const PREFLIGHT = {
  'access-control-allow-methods': ALLOWED_METHODS,
  'access-control-allow-headers': ALLOWED_HEADERS,
  'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
};
const PLAIN_OPTIONS = { allow: `${ALLOWED_METHODS}, OPTIONS` };

export function createOriginPolicy(allowedOrigins: readonly string[]): OriginPolicy {
  const allowed = new Set(allowedOrigins);

  const isAllowed = (origin: string) => allowed.has(origin);

  function check(origin: string | undefined): void {
    if (origin !== undefined && !allowed.has(origin)) {
      throw new HttpError(403, 'forbidden', 'This origin may not call this service');
    }
  }

  function preflight(c: Context<BffEnv>, respond: Responder): Response {
    const { origin } = c.get('bff');
    check(origin);
    return respond.empty(c, 204, origin === undefined ? PLAIN_OPTIONS : PREFLIGHT);
  }

  return { isAllowed, check, preflight };
}
