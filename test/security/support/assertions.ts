/**
 * Assertions every security test shares: the one error shape, the security headers, the CORS
 * headers a browser needs to read an answer.
 *
 * @example
 *   const error = assertErrorShape(response, await response.text(), 'PATCH with no token');
 *   assert.equal(error.error, 'unauthorized');
 */
import assert from 'node:assert/strict';
import type { ErrorBody } from '../../../contract/api.js';

const REQUEST_ID = /^req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface HeaderSource {
  status: number;
  headers: { get(name: string): string | null };
}

/** Checks an error answer is `{ error, message, requestId, fieldErrors? }` and nothing else. */
export function assertErrorShape(response: HeaderSource, text: string, label: string): ErrorBody {
  assert.ok(response.status >= 400 && response.status < 500, `${label}: status ${response.status}`);
  assert.match(
    response.headers.get('content-type') ?? '',
    /^application\/json/,
    `${label}: content type`,
  );
  let body: ErrorBody;
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    assert.fail(`${label}: the error is not JSON: ${text.slice(0, 200)}`);
  }
  assert.equal(typeof body.error, 'string', `${label}: error`);
  assert.equal(typeof body.message, 'string', `${label}: message`);
  assert.ok(body.message.length > 0, `${label}: empty message`);
  assert.match(body.requestId, REQUEST_ID, `${label}: requestId`);
  assert.equal(response.headers.get('x-request-id'), body.requestId, `${label}: X-Request-Id`);
  const extra = Object.keys(body).filter(
    (key) => !['error', 'message', 'requestId', 'fieldErrors'].includes(key),
  );
  assert.deepEqual(extra, [], `${label}: unexpected keys`);
  if (body.fieldErrors !== undefined) {
    assert.ok(Array.isArray(body.fieldErrors), `${label}: fieldErrors`);
    for (const entry of body.fieldErrors) {
      assert.equal(typeof entry.field, 'string', `${label}: fieldErrors[].field`);
      assert.equal(typeof entry.message, 'string', `${label}: fieldErrors[].message`);
    }
  }
  // Never a stack trace or an internal exception name.
  assert.doesNotMatch(
    text,
    /\bat .+:\d+:\d+|TypeError|SyntaxError|RangeError|node_modules/,
    `${label}: leaks internals`,
  );
  return body;
}

/** The headers every answer carries, success or error. */
export function assertSecurityHeaders(response: HeaderSource, label: string): void {
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff', `${label}: nosniff`);
  // Profile data and errors are never cached, framed or sent on as a referrer.
  assert.equal(response.headers.get('cache-control'), 'no-store', `${label}: cache-control`);
  assert.equal(response.headers.get('x-frame-options'), 'DENY', `${label}: x-frame-options`);
  assert.match(
    response.headers.get('content-security-policy') ?? '',
    /frame-ancestors 'none'/,
    `${label}: CSP`,
  );
  assert.equal(response.headers.get('referrer-policy'), 'no-referrer', `${label}: referrer-policy`);
  assert.match(response.headers.get('vary') ?? '', /origin/i, `${label}: Vary: Origin`);
  assert.match(response.headers.get('x-request-id') ?? '', REQUEST_ID, `${label}: X-Request-Id`);
}

/** The CORS headers an allowed origin needs to read the answer and its error details. */
export function assertCorsHeaders(response: HeaderSource, origin: string, label: string): void {
  assert.equal(
    response.headers.get('access-control-allow-origin'),
    origin,
    `${label}: allow origin`,
  );
  if (response.status === 204 || response.headers.get('access-control-allow-methods')) return;
  const exposed = (response.headers.get('access-control-expose-headers') ?? '').toLowerCase();
  assert.match(exposed, /x-request-id/, `${label}: X-Request-Id not exposed`);
  assert.match(exposed, /retry-after/, `${label}: Retry-After not exposed`);
}
