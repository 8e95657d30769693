/**
 * Authentication, as the Partner API documents it: the right `X-Api-Key` (compared in constant
 * time), an RFC 3339 `X-Request-Timestamp` within ±60 s of the sandbox's clock, and an
 * `X-Request-Signature` that matches the canonical request built from the bytes actually received
 * (method, path and query as on the wire, timestamp, raw body). Anything else is a 401 whose
 * message says which check failed, so a partner's developer can fix it.
 *
 * @example
 *   app.use('/v1/*', authenticate({ apiKey, signingSecret, hmac, now }));
 */
import type { MiddlewareHandler } from 'hono';
import {
  isTimestampFresh,
  parseTimestamp,
  timingSafeEqual,
  verifyRequest,
  type HmacSha256,
} from '../contract/signing.js';
import { ApiError } from './errors.js';
import { wirePathAndQuery, type SandboxEnv } from './context.js';

export interface AuthOptions {
  apiKey: string;
  signingSecret: string;
  hmac: HmacSha256;
  now: () => number;
}

export const AUTH_MESSAGES = {
  apiKey: 'X-Api-Key is missing or unknown',
  timestamp: 'X-Request-Timestamp is missing or is not an RFC 3339 date-time',
  stale: 'X-Request-Timestamp is more than 60 seconds away from the server clock',
  signatureFormat: 'X-Request-Signature is missing or is not 64 lowercase hex characters',
  signature:
    'X-Request-Signature does not match: sign METHOD, the path and query as sent, the timestamp and the exact body bytes',
} as const;

const HEX_SIGNATURE = /^[0-9a-f]{64}$/;
const METHOD = /^[A-Z]+$/;
// Comparing digests rather than the keys themselves keeps the time independent of the key length.
const KEY_DIGEST_SECRET = 'sandbox-api-key-comparison';
const encoder = new TextEncoder();

const unauthorized = (message: string) => new ApiError(401, 'unauthorized', message);

export function authenticate({
  apiKey,
  signingSecret,
  hmac,
  now,
}: AuthOptions): MiddlewareHandler<SandboxEnv> {
  const digest = async (key: string) => hmac(KEY_DIGEST_SECRET, encoder.encode(key));
  let expected: Promise<string> | undefined;

  return async function authenticateRequest(c, next) {
    const presented = c.req.header('X-Api-Key');
    if (!presented) throw unauthorized(AUTH_MESSAGES.apiKey);
    expected ??= digest(apiKey);
    const [given, wanted] = await Promise.all([digest(presented), expected]);
    if (!timingSafeEqual(given, wanted)) throw unauthorized(AUTH_MESSAGES.apiKey);
    const timestamp = c.req.header('X-Request-Timestamp');
    if (!timestamp || parseTimestamp(timestamp) === undefined) {
      throw unauthorized(AUTH_MESSAGES.timestamp);
    }
    if (!isTimestampFresh(timestamp, now())) throw unauthorized(AUTH_MESSAGES.stale);
    const signature = c.req.header('X-Request-Signature');
    if (!signature || !HEX_SIGNATURE.test(signature)) {
      throw unauthorized(AUTH_MESSAGES.signatureFormat);
    }
    const { method } = c.req;
    if (!METHOD.test(method)) throw new ApiError(405, 'method_not_allowed', 'Unknown method');
    const body = new Uint8Array(await c.req.arrayBuffer());
    const parts = { method, pathAndQuery: wirePathAndQuery(c), timestamp, body };
    if (!(await verifyRequest(hmac, signingSecret, parts, signature))) {
      throw unauthorized(AUTH_MESSAGES.signature);
    }
    c.set('apiKey', presented);
    c.set('body', body);
    await next();
  };
}
