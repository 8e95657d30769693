import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createBff } from '../../bff/app.js';
import { createNodeBff } from '../../bff/node.js';
import { createMemoryStore } from '../../bff/stores/memory.js';
import type { BffOptions } from '../../bff/types.js';
import { API_KEY, PORTAL, SESSION_SECRET, SIGNING_SECRET } from './harness.js';

const VALID: BffOptions = {
  apiBaseUrl: 'https://partner-api.test',
  apiKey: API_KEY,
  signingSecret: SIGNING_SECRET,
  sessionSecret: SESSION_SECRET,
  allowedOrigins: [PORTAL],
};

describe('createBff options', () => {
  it('builds with only the required options', () => {
    assert.equal(typeof createBff(VALID).fetch, 'function');
  });

  const bad: [string, Partial<Record<keyof BffOptions, unknown>>, RegExp][] = [
    ['a missing apiKey', { apiKey: undefined }, /apiKey must be a non-empty string/],
    ['an empty signingSecret', { signingSecret: '' }, /signingSecret must be a non-empty string/],
    [
      'a short sessionSecret',
      { sessionSecret: 'too-short-session-secret' },
      /sessionSecret must be at least 32 bytes/,
    ],
    [
      'a relative apiBaseUrl',
      { apiBaseUrl: '/v1' },
      /apiBaseUrl must be an absolute http\(s\) URL/,
    ],
    [
      'an apiBaseUrl with credentials',
      { apiBaseUrl: 'https://u:secret-pw@api.test' },
      /apiBaseUrl must not contain credentials/,
    ],
    [
      'allowedOrigins as a string',
      { allowedOrigins: PORTAL },
      /allowedOrigins must be an array of origins/,
    ],
    [
      'an origin with a path',
      { allowedOrigins: [`${PORTAL}/`] },
      /allowedOrigins must be an array of origins/,
    ],
    ['a wildcard origin', { allowedOrigins: ['*'] }, /allowedOrigins must be an array of origins/],
    ['a basePath without a slash', { basePath: 'api' }, /basePath must be a path/],
    ['a basePath with a trailing slash', { basePath: '/api/' }, /basePath must be a path/],
    ['a zero timeout', { upstreamTimeoutMs: 0 }, /upstreamTimeoutMs must be an integer/],
    [
      'a fractional attempt timeout',
      { attemptTimeoutMs: 1.5 },
      /attemptTimeoutMs must be an integer/,
    ],
    [
      'a read-only field the Partner API does not have',
      { readonlyFields: ['dateOfBirth', 'birthdate'] },
      /readonlyFields has "birthdate", not a field of the Partner API \(one of firstName, /,
    ],
    [
      'read-only fields as a string',
      { readonlyFields: 'dateOfBirth' },
      /readonlyFields must be an array of field names/,
    ],
    ['a transport that is not a function', { transport: {} }, /transport must be a function/],
    ['a logger that is not a function', { logger: 'console' }, /logger must be a function/],
    ['a user limit of zero', { userRateLimit: 0 }, /userRateLimit must be an integer from 1/],
    ['a fractional user limit', { userRateLimit: 2.5 }, /userRateLimit must be an integer/],
    [
      'a negative concurrency cap',
      { maxUpstreamConcurrency: -1 },
      /maxUpstreamConcurrency must be an integer from 1/,
    ],
    [
      'a store failure mode of true',
      { storeFailure: true },
      /storeFailure must be "open" or "closed"/,
    ],
    [
      'a store without its methods',
      { store: { admit() {} } },
      /store must have admit, revoke, ping/,
    ],
    [
      'a Redis URL, which only the Node entry can use',
      { redisUrl: 'redis://:secret-pw@cache:6379' },
      /redisUrl needs the Node entry \(createNodeBff\); elsewhere pass a store/,
    ],
  ];
  for (const [what, change, message] of bad) {
    it(`throws a TypeError for ${what}, without the value`, () => {
      assert.throws(
        () => createBff({ ...VALID, ...change } as BffOptions),
        (error: unknown) => {
          assert.ok(error instanceof TypeError);
          assert.match(error.message, message);
          assert.doesNotMatch(error.message, /secret-pw|too-short-session/);
          return true;
        },
      );
    });
  }
});

describe('createNodeBff and the store', () => {
  it('makes a memory store by default, and exposes it for revocations', async () => {
    const bff = createNodeBff(VALID);
    await bff.store.ping();
    await bff.close();
    await assert.rejects(bff.store.ping(), 'the store it made is closed with it');
  });

  it('uses the store it is given, and leaves it open on close', async () => {
    const store = createMemoryStore();
    const bff = createNodeBff({ ...VALID, store });
    assert.equal(bff.store, store);
    await bff.close();
    await store.ping();
  });

  it('refuses a Redis URL and a store together, and a URL that is not redis://', () => {
    assert.throws(
      () => createNodeBff({ ...VALID, store: createMemoryStore(), redisUrl: 'redis://cache:6379' }),
      /give either redisUrl or store, not both/,
    );
    assert.throws(
      () => createNodeBff({ ...VALID, redisUrl: 'https://:secret-pw@cache:6379' }),
      (error: unknown) =>
        error instanceof TypeError &&
        /url must be a redis:\/\/ URL/.test(error.message) &&
        !error.message.includes('secret-pw'),
    );
  });
});
