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
import { mintEmbedToken } from '../../bff/index.js';
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
  // A preflight needs no token; without an Origin it is a plain OPTIONS, answered with Allow.
  if (method === 'OPTIONS') return originAllowed(origin);
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
  // A preflight carries no token and no body: only its origin can be wrong.
  if (method === 'OPTIONS') return new Set(['forbidden']);
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
      assert.ok(response.status >= 400, `${label}: ${response.status}`);
      const error = assertErrorShape(response, text, label);
      const acceptable = acceptableErrors(origin, type, token, method);
      assert.ok(
        acceptable.has(error.error),
        `${label}: ${error.error}, expected one of ${[...acceptable]}`,
      );
      if (origin === 'allowed') assertCorsHeaders(response, ALLOWED_ORIGIN, label);
      // A refused origin is granted nothing, preflight included.
      else assert.equal(response.headers.get('access-control-allow-origin'), null, label);
    }
    // Guards the guard: the matrix really exercised the success path.
    assert.equal(successes, 2 * 2 * 2 + 2 * 6 * 2 + 2 * 6 * 12, 'successful combinations');
  });
});

describe('a token for one user never touches another', () => {
  let harness: Harness;
  before(async () => {
    harness = await bffHarness();
  });

  const json = { 'content-type': 'application/json', origin: ALLOWED_ORIGIN };
  const victim = 'victim-user';

  async function patchAs(
    sub: string,
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    harness.upstream.clear();
    const token = harness.forge.valid(sub);
    return harness.request('PATCH', path, {
      headers: { ...json, authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify(body),
    });
  }

  it('refuses an externalId in the body, and sends nothing', async () => {
    const response = await patchAs(OWNER, '/api/profile', { externalId: victim, city: 'Toronto' });
    const error = assertErrorShape(response, await response.text(), 'externalId in body');
    assert.equal(error.error, 'bad_request');
    assert.deepEqual(
      error.fieldErrors?.map((e) => e.field),
      ['externalId'],
    );
    assert.equal(harness.upstream.calls.length, 0);
  });

  for (const [name, path, headers] of [
    ['?externalId= in the query', `/api/profile?externalId=${victim}`, {}],
    ['?sub= and ?userId= in the query', `/api/profile?sub=${victim}&userId=${victim}`, {}],
    [
      'headers naming another user',
      '/api/profile',
      { 'x-external-id': victim, 'x-user-id': victim, 'x-forwarded-user': victim },
    ],
    ['a path segment that collapses to the profile', `/api/${victim}/../profile`, {}],
  ] as const) {
    it(`edits the token's user whatever ${name} says`, async () => {
      const response = await patchAs(OWNER, path, { city: 'Toronto' }, headers);
      assert.equal(response.status, 200, await response.text());
      assert.equal(harness.upstream.calls.length, 1);
      assert.equal(harness.upstream.calls[0]!.path, `/v1/users/${OWNER}`);
    });
  }

  it('answers 404 for a user named in the path, and sends nothing', async () => {
    for (const path of [
      `/api/profile/${victim}`,
      `/api/users/${victim}`,
      `/api/profile/..%2F${victim}`,
    ]) {
      const response = await patchAs(OWNER, path, { city: 'Toronto' });
      const error = assertErrorShape(response, await response.text(), path);
      assert.equal(error.error, 'not_found', path);
      assert.equal(harness.upstream.calls.length, 0, path);
    }
  });

  // Subjects an attacker might hope the partner mints unchecked: each must stay one path segment
  // naming exactly that subject, or be refused; never reach another resource.
  const hostileSubjects = [
    '../admin',
    '../../v1/users/victim-user',
    'partner-user-42%2F..',
    'partner-user-42/../victim-user',
    '%2e%2e',
    'victim-user?admin=true',
    'victim-user#fragment',
    'a\\..\\victim-user',
    'café-user',
    ' partner-user-42',
    'x'.repeat(128),
  ];
  for (const sub of hostileSubjects) {
    it(`keeps the subject ${JSON.stringify(sub.length > 40 ? `${sub.slice(0, 20)}…` : sub)} to one path segment`, async () => {
      const response = await patchAs(sub, '/api/profile', { city: 'Toronto' });
      const text = await response.text();
      if (response.status !== 200) {
        const error = assertErrorShape(response, text, sub);
        assert.equal(error.error, 'unauthorized', `${sub}: ${text}`);
        assert.equal(harness.upstream.calls.length, 0);
        return;
      }
      assert.equal(harness.upstream.calls.length, 1);
      const { path, externalId } = harness.upstream.calls[0]!;
      assert.equal(externalId, sub, `${sub} became ${path}`);
      // What any URL parser or proxy on the way would make of it: still exactly that user.
      const normalised = new URL(path, 'https://partner-api.example.com').pathname;
      assert.equal(normalised, path, `${sub}: ${path} normalises to ${normalised}`);
    });
  }

  it('refuses a subject that cannot be one path segment: too long, a lone surrogate, a dot segment', async () => {
    for (const sub of ['x'.repeat(129), 'user-\ud800', '.', '..']) {
      const response = await patchAs(sub, '/api/profile', { city: 'Toronto' });
      assert.equal(response.status, 401, sub);
      assert.equal(harness.upstream.calls.length, 0);
      // …and the partner's server cannot mint one by mistake.
      await assert.rejects(
        mintEmbedToken({ secret: harness.secrets.sessionSecret, externalId: sub }),
        TypeError,
      );
    }
  });

  it('reads only the token user’s profile, whatever the query says', async () => {
    harness.loads.length = 0;
    const token = harness.forge.valid(OWNER);
    const response = await harness.request('GET', `/api/profile?externalId=${victim}`, {
      headers: {
        authorization: `Bearer ${token}`,
        origin: ALLOWED_ORIGIN,
        'x-external-id': victim,
      },
    });
    assert.equal(response.status, 200);
    assert.deepEqual(harness.loads, [OWNER]);
  });
});
