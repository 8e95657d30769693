/**
 * The access matrix of `/api/profile`: every origin × content type × token state × method. Exactly
 * the allowed combinations succeed; every refusal is the one error shape and still carries the
 * security headers, `X-Request-Id`, and (for an allowed origin) the CORS headers the browser needs
 * to read it. And a token for one user never touches another's profile, whatever else the request
 * says.
 */
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  TOKEN_STATES,
  ACCEPTED_TOKEN_STATES,
  actingSubject,
  type TokenState,
} from './support/tokens.js';
import { bffHarness, ALLOWED_ORIGIN, OWNER, OTHER_USER, type Harness } from './support/harness.js';
import {
  assertErrorShape,
  assertSecurityHeaders,
  assertCorsHeaders,
} from './support/assertions.js';

const ORIGINS = {
  allowed: ALLOWED_ORIGIN,
  other: 'https://evil.example',
  null: 'null',
  absent: undefined,
} as const;
type OriginName = keyof typeof ORIGINS;

const CONTENT_TYPES = {
  json: 'application/json',
  jsonCharset: 'application/json; charset=utf-8',
  textPlain: 'text/plain',
  form: 'application/x-www-form-urlencoded',
  multipart: 'multipart/form-data; boundary=----boca',
  absent: undefined,
} as const;
type ContentTypeName = keyof typeof CONTENT_TYPES;

const METHODS = ['GET', 'PATCH', 'POST', 'PUT', 'DELETE', 'OPTIONS'] as const;
type Method = (typeof METHODS)[number];

const originAllowed = (origin: OriginName) => origin === 'allowed' || origin === 'absent';
const isJson = (type: ContentTypeName) => type === 'json' || type === 'jsonCharset';
const tokenAccepted = (state: TokenState) => ACCEPTED_TOKEN_STATES.includes(state);

/** Whether the combination must succeed: the whole point of the matrix. */
function mustSucceed(origin: OriginName, type: ContentTypeName, token: TokenState, method: Method) {
  if (method === 'OPTIONS') return origin === 'allowed';
  if (method === 'GET') return originAllowed(origin) && tokenAccepted(token);
  if (method === 'PATCH') return originAllowed(origin) && tokenAccepted(token) && isJson(type);
  return false;
}

/** The error keys that may explain refusing the combination: any failed check may be reported first. */
function acceptableErrors(
  origin: OriginName,
  type: ContentTypeName,
  token: TokenState,
  method: Method,
) {
  const keys = new Set<string>();
  if (method !== 'GET' && method !== 'PATCH') keys.add('method_not_allowed');
  if (!originAllowed(origin)) keys.add('forbidden');
  if (!tokenAccepted(token)) keys.add('unauthorized');
  if (method === 'PATCH' && !isJson(type)) keys.add('unsupported_media_type');
  return keys;
}

const body = JSON.stringify({ city: '  Toronto ', postalCode: 'm5v2t6' });

describe('the access matrix of /api/profile', () => {
  let harness: Harness;
  before(async () => {
    harness = await bffHarness();
  });

  const combinations = Object.keys(ORIGINS).flatMap((origin) =>
    Object.keys(CONTENT_TYPES).flatMap((type) =>
      TOKEN_STATES.flatMap((token) =>
        METHODS.map(
          (method) =>
            [origin, type, token, method] as [OriginName, ContentTypeName, TokenState, Method],
        ),
      ),
    ),
  );

  it(`answers each of the ${combinations.length} combinations as the rules say`, async () => {
    let successes = 0;
    for (const [origin, type, token, method] of combinations) {
      const label = `${method} origin=${origin} type=${type} token=${token}`;
      harness.upstream.clear();
      harness.loads.length = 0;
      const authorization = harness.forge.state(token, OWNER, OTHER_USER);
      const headers: Record<string, string> = {};
      if (ORIGINS[origin] !== undefined) headers.origin = ORIGINS[origin];
      if (CONTENT_TYPES[type] !== undefined) headers['content-type'] = CONTENT_TYPES[type];
      if (authorization !== undefined) headers.authorization = `Bearer ${authorization}`;
      if (method === 'OPTIONS') {
        headers['access-control-request-method'] = 'PATCH';
        headers['access-control-request-headers'] = 'authorization, content-type, idempotency-key';
      }
      const response = await harness.request(method, '/api/profile', {
        headers,
        ...(method === 'GET' || method === 'OPTIONS' ? {} : { body }),
      });
      const text = await response.text();
      assert.ok(response.status < 500, `${label}: ${response.status} ${text}`);
      assertSecurityHeaders(response, label);
      const subject = actingSubject(token, OWNER, OTHER_USER);

      if (mustSucceed(origin, type, token, method)) {
        successes++;
        assert.ok(
          response.status >= 200 && response.status < 300,
          `${label}: ${response.status} ${text}`,
        );
        if (origin === 'allowed') assertCorsHeaders(response, ALLOWED_ORIGIN, label);
        if (method === 'PATCH') {
          assert.equal(harness.upstream.calls.length, 1, label);
          assert.equal(harness.upstream.calls[0]!.externalId, subject, label);
          assert.deepEqual(JSON.parse(harness.upstream.calls[0]!.body), {
            city: 'Toronto',
            postalCode: 'M5V 2T6',
          });
        }
        if (method === 'GET') assert.deepEqual(harness.loads, [subject], label);
        continue;
      }

      assert.equal(harness.upstream.calls.length, 0, `${label}: reached the upstream`);
      assert.deepEqual(harness.loads, [], `${label}: loaded a profile`);
      if (method === 'OPTIONS') {
        // A refused preflight grants nothing: no Access-Control-Allow-Origin for that origin.
        const granted = response.headers.get('access-control-allow-origin');
        assert.ok(granted === null || granted === ALLOWED_ORIGIN, `${label}: granted ${granted}`);
        assert.notEqual(granted, ORIGINS[origin] ?? '', label);
        continue;
      }
      assert.ok(response.status >= 400, `${label}: ${response.status}`);
      const error = assertErrorShape(response, text, label);
      const acceptable = acceptableErrors(origin, type, token, method);
      assert.ok(
        acceptable.has(error.error),
        `${label}: ${error.error}, expected one of ${[...acceptable]}`,
      );
      if (origin === 'allowed') assertCorsHeaders(response, ALLOWED_ORIGIN, label);
      else assert.equal(response.headers.get('access-control-allow-origin'), null, label);
    }
    // Guards the guard: the matrix really exercised the success path.
    assert.equal(successes, 2 * 2 * 2 + 2 * 6 * 2 + 6 * 12, 'successful combinations');
  });
});
