/**
 * What the BFF must do with a request, worked out independently of the BFF from the product's
 * rules: the one oracle that the fuzzing and the access matrix judge answers by.
 *
 * @example
 *   const expected = expectedOutcome(attempt, rules);
 *   if (expected.kind === 'edit') assert.deepEqual(forwardedBody, expected.value);
 */
import { checkPatch, isAdult, type UpdateUserRequest } from '../../../contract/profile.js';
import { isUuid } from '../../../contract/api.js';
import type { Attempt } from './hostile.js';
import { CONTENT_TYPES } from './hostile.js';

export type Outcome =
  /** A valid edit: 200, and exactly `value` reaches the upstream, for the token's user. */
  | { kind: 'edit'; value: UpdateUserRequest; subject: string }
  /** Either refused (4xx, nothing upstream) or forwarded exactly as `value`. */
  | { kind: 'editOrRefuse'; value: UpdateUserRequest; subject: string; why: string }
  /** A read of the user's own profile: 200, nothing upstream. */
  | { kind: 'read'; subject: string }
  /** Liveness: 200, nothing upstream. */
  | { kind: 'health' }
  /** A CORS preflight: no 5xx, nothing upstream. */
  | { kind: 'preflight' }
  /** A 4xx error in the one error shape; nothing upstream. */
  | { kind: 'refuse'; why: string };

export interface Rules {
  allowedOrigins: readonly string[];
  /** `Authorization` value → the subject it acts for, for every accepted token. */
  acceptedAuthorizations: ReadonlyMap<string, string>;
  bodyLimit: number;
  /** `YYYY-MM-DD`, the BFF's clock. */
  today: string;
}

const header = (attempt: Attempt, name: string) => attempt.headers[name.toLowerCase()];

function decodeJson(body: Uint8Array | undefined): { ok: true; value: unknown } | { ok: false } {
  if (!body || body.length === 0) return { ok: false };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The outcome the BFF owes `attempt`. */
export function expectedOutcome(attempt: Attempt, rules: Rules): Outcome {
  const url = new URL(`http://127.0.0.1${attempt.path}`);
  const method = attempt.method.toUpperCase();
  if (method === 'OPTIONS') return { kind: 'preflight' };
  if (url.pathname === '/healthz') {
    return method === 'GET' || method === 'HEAD'
      ? { kind: 'health' }
      : { kind: 'refuse', why: 'method not allowed' };
  }
  if (url.pathname !== '/api/profile') return { kind: 'refuse', why: 'no such route' };
  if (!['GET', 'HEAD', 'PATCH'].includes(method)) return { kind: 'refuse', why: 'method' };

  const origin = header(attempt, 'origin');
  if (origin !== undefined && !rules.allowedOrigins.includes(origin)) {
    return { kind: 'refuse', why: 'origin' };
  }
  const subject = rules.acceptedAuthorizations.get(header(attempt, 'authorization') ?? '');
  if (subject === undefined) return { kind: 'refuse', why: 'token' };
  if (method !== 'PATCH') return { kind: 'read', subject };

  if (CONTENT_TYPES[header(attempt, 'content-type') ?? ''] !== 'json') {
    return { kind: 'refuse', why: 'content type' };
  }
  const key = header(attempt, 'idempotency-key');
  if (key !== undefined && !isUuid(key)) return { kind: 'refuse', why: 'idempotency key' };
  if ((attempt.body?.length ?? 0) > rules.bodyLimit) return { kind: 'refuse', why: 'too large' };
  const parsed = decodeJson(attempt.body);
  if (!parsed.ok) return { kind: 'refuse', why: 'not JSON' };
  const checked = checkPatch(parsed.value, { today: rules.today });
  if (!checked.ok) return { kind: 'refuse', why: 'invalid patch' };

  const { value } = checked;
  // Duplicate keys are ambiguous: refusing them is as right as taking the last one, as JSON.parse does.
  if (attempt.kind.endsWith('duplicate keys')) {
    return { kind: 'editOrRefuse', value, subject, why: 'duplicate keys' };
  }
  // Under 18 is Boca Raton's business rule: the BFF may answer 422 itself or let the upstream say so.
  if (value.dateOfBirth !== undefined && !isAdult(value.dateOfBirth, rules.today)) {
    return { kind: 'editOrRefuse', value, subject, why: 'under age' };
  }
  return { kind: 'edit', value, subject };
}
