/**
 * Generators of hostile requests to the BFF, for property-based fuzzing with fast-check: random
 * JSON of every type, deep nesting, huge strings, duplicate keys, prototype-polluting keys,
 * invalid UTF-8, wrong and missing headers, random methods and paths; plus valid edits, so the
 * success path is fuzzed too. Each {@link Attempt} carries the bytes to send; {@link expectation}
 * says what the BFF must do with it.
 *
 * @example
 *   fc.assert(fc.asyncProperty(hostileRequest(context), async (attempt) => { ... }), { seed: 42 });
 */
import fc from 'fast-check';
import { PROVINCES, type ProfileField } from '../../../contract/profile.js';

export interface Attempt {
  /** Which generator made it, for failure messages. */
  kind: string;
  method: string;
  /** Path and query. */
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

export interface HostileContext {
  /** An origin in the BFF's allow list. */
  allowedOrigin: string;
  /** `Authorization` values by name; `valid` and `anotherUser` are accepted, the rest are not. */
  authorizations: Record<string, string | undefined>;
  /** The BFF's body limit in bytes. */
  bodyLimit: number;
}

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const concat = (...parts: (Uint8Array | string)[]) =>
  new Uint8Array(
    Buffer.concat(parts.map((part) => (typeof part === 'string' ? utf8(part) : part))),
  );

// ── field values ────────────────────────────────────────────────────────────────────────────────

const pad = (value: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.constantFrom('', ' ', '  ', '\t', '\u00a0'), value, fc.constantFrom('', ' ', '\n'))
    .map(([before, text, after]) => `${before}${text}${after}`);

const words = (max: number) =>
  fc
    .string({
      unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzéèçÉ -'"),
      minLength: 1,
      maxLength: max,
    })
    .filter((text) => text.trim().length > 0);

const anyText = (max: number) => fc.string({ unit: 'binary', maxLength: max });

const validValue: Record<ProfileField, fc.Arbitrary<unknown>> = {
  firstName: pad(words(60)),
  lastName: pad(words(60)),
  email: fc.emailAddress().filter((email) => email.length <= 254),
  dateOfBirth: fc
    .date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2008-03-13T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString().slice(0, 10)),
  addressLine1: pad(words(120)),
  addressLine2: fc.oneof(pad(words(120)), fc.constant(null), fc.constant('')),
  city: pad(words(60)),
  province: fc.constantFrom(...PROVINCES),
  postalCode: fc
    .tuple(
      fc.stringMatching(/^[A-Za-z][0-9][A-Za-z]$/),
      fc.constantFrom('', ' '),
      fc.stringMatching(/^[0-9][A-Za-z][0-9]$/),
    )
    .map(([a, space, b]) => `${a}${space}${b}`),
  country: fc.constant('CA'),
  occupation: fc.oneof(pad(words(80)), fc.constant(null)),
  isCiroAffiliate: fc.boolean(),
};

const wrongValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  anyText(40),
  anyText(400),
  fc.constantFrom(
    '',
    ' ',
    '   ',
    'XX',
    '2026-02-30',
    '2999-01-01',
    '2020-01-01',
    'not-an-email',
    'US',
  ),
  fc.constantFrom(0, -1, 1e308, true, false, null, [], {}),
);

const FIELDS = Object.keys(validValue) as ProfileField[];

/** A patch of 1 to 5 fields, every one valid: the BFF must forward it. */
export const validPatch = fc
  .uniqueArray(fc.constantFrom(...FIELDS), { minLength: 1, maxLength: 5 })
  .chain((fields) =>
    fc.tuple(...fields.map((field) => validValue[field].map((value) => [field, value] as const))),
  )
  .map((entries) => Object.fromEntries(entries));

/** A patch whose fields are a mix of valid and wrong values, and of known and unknown names. */
const messyPatch = fc
  .uniqueArray(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...FIELDS) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          'externalId',
          'userId',
          'status',
          'id',
          'role',
          'Email',
          'city ',
        ),
      },
      { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    ),
    { minLength: 0, maxLength: 6 },
  )
  .chain((fields) =>
    fc.tuple(
      ...fields.map((field) =>
        (Object.hasOwn(validValue, field)
          ? fc.oneof(validValue[field as ProfileField], wrongValue)
          : wrongValue
        ).map((value) => [field, value] as const),
      ),
    ),
  )
  .map((entries) => Object.fromEntries(entries));

// ── bodies ──────────────────────────────────────────────────────────────────────────────────────

const json = (value: unknown) => utf8(JSON.stringify(value));

function deepNesting(levels: number, shape: 'array' | 'object' | 'inField', closed: boolean) {
  const open = shape === 'object' ? '{"a":'.repeat(levels) : '['.repeat(levels);
  const close = shape === 'object' ? '}'.repeat(levels) : ']'.repeat(levels);
  const inner = shape === 'object' ? '1' : '';
  const text = `${open}${inner}${closed ? close : ''}`;
  return shape === 'inField' ? utf8(`{"city":${text}}`) : utf8(text);
}

const INVALID_UTF8 = [
  [0xff],
  [0xc0, 0x80], // overlong NUL
  [0xed, 0xa0, 0x80], // an encoded surrogate
  [0xe2, 0x82], // truncated sequence
  [0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
].map((bytes) => new Uint8Array(bytes));

/** A JSON text of a valid patch with invalid UTF-8 bytes inside one of its strings. */
const invalidUtf8 = fc
  .tuple(
    fc.constantFrom('firstName', 'city', 'addressLine1', 'occupation'),
    words(20),
    fc.constantFrom(...INVALID_UTF8),
  )
  .map(([field, text, bad]) => concat(`{"${field}":"${text}`, bad, '"}'));

const duplicateKeys = fc
  .tuple(fc.constantFrom(...FIELDS), fc.boolean())
  .chain(([field, validFirst]) =>
    fc.tuple(fc.constant(field), validValue[field], wrongValue, fc.constant(validFirst)),
  )
  .map(([field, good, bad, validFirst]) => {
    const [first, second] = validFirst ? [good, bad] : [bad, good];
    return utf8(`{"${field}":${JSON.stringify(first)},"${field}":${JSON.stringify(second)}}`);
  });

const PROTO_BODIES = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"city":"Toronto","__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"city":"Toronto","constructor":{"prototype":{"polluted":"yes"}}}',
  '{"prototype":{"polluted":"yes"}}',
  '{"__proto__":null,"city":"Toronto"}',
  '{"city":{"__proto__":{"polluted":"yes"}}}',
  '{"toString":"x","valueOf":"y","hasOwnProperty":"z"}',
  '{"__proto__":{"isCiroAffiliate":true},"isCiroAffiliate":false}',
];

const hugeString = (bodyLimit: number) =>
  fc
    .oneof(
      fc.integer({ min: 101, max: 2_000 }),
      fc.integer({ min: bodyLimit, max: bodyLimit * 20 }),
    )
    .map((size) => utf8(`{"city":"${'x'.repeat(size)}"}`));

export const hostileBody = (bodyLimit: number): fc.Arbitrary<{ kind: string; body?: Uint8Array }> =>
  fc.oneof(
    {
      weight: 3,
      arbitrary: messyPatch.map((patch) => ({ kind: 'messy patch', body: json(patch) })),
    },
    {
      weight: 3,
      arbitrary: fc.jsonValue().map((value) => ({ kind: 'random JSON', body: json(value) })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.oneof(fc.integer({ min: 50, max: 7_000 }), fc.constant(10_000)),
          fc.constantFrom('array', 'object', 'inField') as fc.Arbitrary<
            'array' | 'object' | 'inField'
          >,
          fc.boolean(),
        )
        .map(([levels, shape, closed]) => ({
          kind: `deep nesting (${levels} ${shape})`,
          body: deepNesting(levels, shape, closed),
        })),
    },
    { weight: 2, arbitrary: hugeString(bodyLimit).map((body) => ({ kind: 'huge string', body })) },
    { weight: 2, arbitrary: duplicateKeys.map((body) => ({ kind: 'duplicate keys', body })) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(...PROTO_BODIES)
        .map((text) => ({ kind: 'prototype keys', body: utf8(text) })),
    },
    { weight: 2, arbitrary: invalidUtf8.map((body) => ({ kind: 'invalid UTF-8', body })) },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ maxLength: 200 }).map((body) => ({ kind: 'random bytes', body })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '',
          ' ',
          'null',
          '{}',
          '[]',
          '"text"',
          '{"city":',
          '{"city":"Toronto"',
          '{city:"Toronto"}',
          "{'city':'Toronto'}",
          '{"city":"Toronto"}garbage',
          '{"city":"Toronto"}{"city":"Paris"}',
          'NaN',
          '{"isCiroAffiliate":True}',
        )
        .map((text) => ({ kind: 'malformed JSON', body: utf8(text) })),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'no body' }) },
  );

// ── headers, methods, paths ────────────────────────────────────────────────────────────────────

/** Content types and whether the BFF must take the body as JSON. */
export const CONTENT_TYPES: Record<string, 'json' | 'notJson'> = {
  'application/json': 'json',
  'application/json; charset=utf-8': 'json',
  'application/json;charset=UTF-8': 'json',
  'text/plain': 'notJson',
  'text/plain; charset=utf-8': 'notJson',
  'application/x-www-form-urlencoded': 'notJson',
  'multipart/form-data; boundary=----x': 'notJson',
  'text/json': 'notJson',
  'application/xml': 'notJson',
  'application/json; charset=utf-16': 'notJson',
  '': 'notJson',
  '*/*': 'notJson',
};

const badIdempotencyKeys = [
  'abc',
  '12345',
  '../../etc/passwd',
  '00000000-0000-0000-0000-00000000000g',
  '{00000000-0000-0000-0000-000000000000}',
  ' 3fa85f64-5717-4562-b3fc-2c963f66afa6x',
  'x'.repeat(5000),
  '3fa85f64-5717-4562-b3fc-2c963f66afa6,3fa85f64-5717-4562-b3fc-2c963f66afa7',
];

export const METHODS = [
  'GET',
  'HEAD',
  'PATCH',
  'POST',
  'PUT',
  'DELETE',
  'OPTIONS',
  'PROPFIND',
  'FOO',
];

const hostilePaths = fc.oneof(
  fc.constantFrom(
    '/api/profile?externalId=victim-user',
    '/api/profile/../profile',
    '/api/profile/',
    '/api/Profile',
    '/api/profile/victim-user',
    '/api/users/victim-user',
    '/api/%2e%2e/healthz',
    '/api/profile%2F..%2Fadmin',
    '/api/%ZZ',
    '/api/profile;externalId=victim-user',
    '/v1/users/victim-user',
    '/api',
    '/api/',
    '/admin',
    '//api/profile',
  ),
  fc.webPath().map((path) => (path.startsWith('/') ? path : `/${path}`)),
);

/** Builds the hostile-request arbitrary for a BFF set up as `context` says. */
export function hostileRequest(context: HostileContext): fc.Arbitrary<Attempt> {
  const { allowedOrigin, authorizations, bodyLimit } = context;
  const good = {
    'content-type': 'application/json',
    authorization: `Bearer ${authorizations.valid}`,
    origin: allowedOrigin,
  };
  const tokenNames = Object.keys(authorizations);

  const origin = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(allowedOrigin, undefined) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'null',
        'https://evil.example',
        `${allowedOrigin}.evil.example`,
        `${allowedOrigin}/`,
        `${allowedOrigin}:8443`,
        allowedOrigin.toUpperCase(),
      ),
    },
  );
  const authorization = fc.oneof(
    fc.constant(`Bearer ${authorizations.valid}`),
    fc.constantFrom(...tokenNames).map((name) => {
      const token = authorizations[name];
      return token === undefined ? undefined : `Bearer ${token}`;
    }),
    fc.constantFrom(
      `Basic ${Buffer.from('user:pass').toString('base64')}`,
      'Bearer',
      'Bearer ',
      `Bearer ${authorizations.valid}, Bearer ${authorizations.anotherUser}`,
      `Bearer ${authorizations.valid}x`,
      `Token ${authorizations.valid}`,
      `Bearer ${'a'.repeat(8_000)}`,
    ),
  );
  const idempotencyKey = fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.constantFrom(...badIdempotencyKeys) },
  );
  const contentType = fc.constantFrom(...Object.keys(CONTENT_TYPES), undefined);

  const withHeaders = (
    base: Record<string, string | undefined>,
    extra: Record<string, string | undefined>,
  ): Record<string, string> =>
    Object.fromEntries(
      Object.entries({ ...base, ...extra }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    );

  const validEdit = fc
    .tuple(
      validPatch,
      idempotencyKey.filter((key) => key === undefined || key.length === 36),
      fc.boolean(),
    )
    .map(([patch, key, victimQuery]) => ({
      kind: 'valid edit',
      method: 'PATCH',
      path: victimQuery ? '/api/profile?externalId=victim-user' : '/api/profile',
      headers: withHeaders(good, { 'idempotency-key': key }),
      body: json(patch),
    }));

  const bodyAttack = fc.tuple(hostileBody(bodyLimit), fc.option(fc.uuid())).map(([body, key]) => ({
    kind: body.kind,
    method: 'PATCH',
    path: '/api/profile',
    headers: withHeaders(good, { 'idempotency-key': key ?? undefined }),
    ...(body.body ? { body: body.body } : {}),
  }));

  const headerAttack = fc
    .tuple(validPatch, origin, authorization, idempotencyKey, contentType)
    .map(([patch, originValue, auth, key, type]) => ({
      kind: 'headers',
      method: 'PATCH',
      path: '/api/profile',
      headers: withHeaders(
        {},
        { origin: originValue, authorization: auth, 'idempotency-key': key, 'content-type': type },
      ),
      body: json(patch),
    }));

  const routeAttack = fc
    .tuple(fc.constantFrom(...METHODS), hostilePaths, validPatch)
    .map(([method, path, patch]) => ({
      kind: 'method and path',
      method,
      path,
      headers: good,
      ...(method === 'GET' || method === 'HEAD' ? {} : { body: json(patch) }),
    }));

  const chaos = fc
    .tuple(
      fc.constantFrom(...METHODS),
      fc.oneof(fc.constant('/api/profile'), hostilePaths),
      hostileBody(bodyLimit),
      origin,
      authorization,
      idempotencyKey,
      contentType,
    )
    .map(([method, path, body, originValue, auth, key, type]) => ({
      kind: `chaos: ${body.kind}`,
      method,
      path,
      headers: withHeaders(
        {},
        { origin: originValue, authorization: auth, 'idempotency-key': key, 'content-type': type },
      ),
      ...(method === 'GET' || method === 'HEAD' || !body.body ? {} : { body: body.body }),
    }));

  return fc.oneof(
    { weight: 3, arbitrary: validEdit },
    { weight: 6, arbitrary: bodyAttack },
    { weight: 4, arbitrary: headerAttack },
    { weight: 2, arbitrary: routeAttack },
    { weight: 3, arbitrary: chaos },
  );
}
