import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { configFromEnv } from '../../bff/config.js';

const VALID = {
  BOCA_API_BASE_URL: 'https://partner-api.bocaraton.com',
  BOCA_API_KEY: 'live-key-5c1e9a77',
  BOCA_SIGNING_SECRET: 'live-signing-secret-0b3d',
  BOCA_SESSION_SECRET: 'session-secret-of-thirty-two-bytes!',
  BOCA_ALLOWED_ORIGINS: 'https://portal.example.com, http://127.0.0.1:8787',
};
const REQUIRED = Object.keys(VALID) as (keyof typeof VALID)[];

function problems(env: Record<string, string | undefined>): string[] {
  const result = configFromEnv(env);
  assert.equal(result.ok, false, 'expected the configuration to be refused');
  return result.ok ? [] : result.problems;
}

describe('configFromEnv', () => {
  it('reads a complete environment, with defaults', () => {
    assert.deepEqual(configFromEnv(VALID), {
      ok: true,
      config: {
        apiBaseUrl: 'https://partner-api.bocaraton.com',
        apiKey: 'live-key-5c1e9a77',
        signingSecret: 'live-signing-secret-0b3d',
        sessionSecret: 'session-secret-of-thirty-two-bytes!',
        allowedOrigins: ['https://portal.example.com', 'http://127.0.0.1:8787'],
        upstreamTimeoutMs: 10_000,
        userRateLimit: 30,
        maxUpstreamConcurrency: 32,
        storeFailure: 'open',
        readonlyFields: [],
        port: 8787,
        host: '127.0.0.1',
      },
    });
  });

  it('reads the limits and the store', () => {
    const result = configFromEnv({
      ...VALID,
      BOCA_USER_RATE_LIMIT: '12',
      BOCA_MAX_UPSTREAM_CONCURRENCY: '4',
      BOCA_REDIS_URL: 'redis://:pass-word@cache.internal:6380/2',
      BOCA_STORE_FAILURE: 'closed',
    });
    assert.ok(result.ok);
    assert.equal(result.config.userRateLimit, 12);
    assert.equal(result.config.maxUpstreamConcurrency, 4);
    assert.equal(result.config.redisUrl, 'redis://:pass-word@cache.internal:6380/2');
    assert.equal(result.config.storeFailure, 'closed');
  });

  it('refuses limits that are not positive whole numbers', () => {
    for (const name of ['BOCA_USER_RATE_LIMIT', 'BOCA_MAX_UPSTREAM_CONCURRENCY']) {
      for (const value of ['0', '-1', '2.5', 'many', '1e3']) {
        const found = problems({ ...VALID, [name]: value });
        assert.equal(found.length, 1, `${name}=${value}`);
        assert.match(found[0]!, new RegExp(`^${name} must be a positive whole number`));
      }
    }
  });

  it('refuses a store failure mode other than open or closed', () => {
    for (const value of ['Open', 'fail-open', 'true', '1']) {
      assert.deepEqual(problems({ ...VALID, BOCA_STORE_FAILURE: value }), [
        'BOCA_STORE_FAILURE must be open (requests pass while the store is unreachable) or closed (they get a 503)',
      ]);
    }
  });

  it('refuses a Redis URL that is not redis://host[:port], never repeating it', () => {
    for (const url of [
      'http://:hunter2@cache:6379',
      'cache:6379',
      '10.0.0.5:6379',
      'redis://:hunter2@cache:6379/?tls=1',
      'redis://:hunter2@cache:6379/keys',
      'rediss://:hunter2@cache:6379',
    ]) {
      const found = problems({ ...VALID, BOCA_REDIS_URL: url });
      assert.equal(found.length, 1, url);
      assert.match(found[0]!, /^BOCA_REDIS_URL /);
      assert.ok(!found[0]!.includes('hunter2') && !found[0]!.includes(url), found[0]);
    }
  });

  it('reads the optional variables', () => {
    const result = configFromEnv({
      ...VALID,
      BOCA_UPSTREAM_TIMEOUT_MS: '2500',
      BOCA_READONLY_FIELDS: ' dateOfBirth, firstName ,lastName',
      PORT: '0',
      HOST: '0.0.0.0',
    });
    assert.ok(result.ok);
    assert.equal(result.config.upstreamTimeoutMs, 2500);
    assert.deepEqual(result.config.readonlyFields, ['dateOfBirth', 'firstName', 'lastName']);
    assert.equal(result.config.port, 0);
    assert.equal(result.config.host, '0.0.0.0');
  });

  it('names each read-only field that is not a field of the Partner API, and the fields', () => {
    const found = problems({ ...VALID, BOCA_READONLY_FIELDS: 'dateOfBirth,birthDate,externalId' });
    assert.equal(found.length, 2);
    assert.match(found[0]!, /^BOCA_READONLY_FIELDS: "birthDate" is not a field of the Partner API/);
    assert.match(found[1]!, /"externalId" is not a field/);
    assert.match(found[0]!, /one of firstName, lastName, email, dateOfBirth,/);
  });

  it('names every missing variable at once', () => {
    const found = problems({});
    assert.equal(found.length, REQUIRED.length);
    REQUIRED.forEach((name, i) => assert.match(found[i]!, new RegExp(`^${name} is missing`)));
  });

  for (const name of REQUIRED) {
    it(`names ${name} alone when only it is missing or empty`, () => {
      for (const value of [undefined, '']) {
        const found = problems({ ...VALID, [name]: value });
        assert.equal(found.length, 1, found.join('\n'));
        assert.match(found[0]!, new RegExp(`^${name} is missing`));
      }
    });
  }

  it('refuses a session secret shorter than 32 bytes, counting bytes', () => {
    assert.deepEqual(problems({ ...VALID, BOCA_SESSION_SECRET: 'x'.repeat(31) }), [
      'BOCA_SESSION_SECRET must be at least 32 bytes',
    ]);
    assert.ok(configFromEnv({ ...VALID, BOCA_SESSION_SECRET: 'x'.repeat(32) }).ok);
    assert.ok(configFromEnv({ ...VALID, BOCA_SESSION_SECRET: 'é'.repeat(16) }).ok);
  });

  it('refuses a session secret that is the signing secret', () => {
    const secret = 'the-same-secret-for-both-0123456789';
    assert.deepEqual(
      problems({ ...VALID, BOCA_SESSION_SECRET: secret, BOCA_SIGNING_SECRET: secret }),
      ['BOCA_SESSION_SECRET must not be the same as BOCA_SIGNING_SECRET'],
    );
  });

  it('refuses a bad base URL without repeating it', () => {
    for (const url of [
      'not a url',
      'ftp://partner-api.test',
      'https://user:hunter2@api.test',
      'https://api.test/?k=1',
      'https://api.test/#x',
    ]) {
      const found = problems({ ...VALID, BOCA_API_BASE_URL: url });
      assert.equal(found.length, 1, url);
      assert.match(found[0]!, /^BOCA_API_BASE_URL /);
      assert.ok(!found[0]!.includes(url) && !found[0]!.includes('hunter2'));
    }
  });

  it('names each bad origin', () => {
    const found = problems({
      ...VALID,
      BOCA_ALLOWED_ORIGINS:
        'https://portal.example.com/, https://ok.example, *, portal.example.com, https://a.test/app, https://UPPER.example',
    });
    assert.equal(found.length, 5, found.join('\n'));
    for (const [i, origin] of [
      'https://portal.example.com/',
      '*',
      'portal.example.com',
      'https://a.test/app',
      'https://UPPER.example',
    ].entries()) {
      assert.ok(found[i]!.includes(JSON.stringify(origin)), found[i]);
    }
    assert.deepEqual(problems({ ...VALID, BOCA_ALLOWED_ORIGINS: ' , ' }), [
      'BOCA_ALLOWED_ORIGINS lists no origin',
    ]);
  });

  it('refuses a timeout or port that is not a whole number in range', () => {
    for (const value of ['0', '-5', '1.5', 'ten', '1e4']) {
      assert.match(
        problems({ ...VALID, BOCA_UPSTREAM_TIMEOUT_MS: value })[0]!,
        /^BOCA_UPSTREAM_TIMEOUT_MS must be a positive whole number/,
      );
    }
    for (const value of ['65536', '-1', 'http']) {
      assert.match(problems({ ...VALID, PORT: value })[0]!, /^PORT must be a port number/);
    }
  });

  it('collects every kind of problem together and never shows a secret', () => {
    const env = {
      BOCA_API_BASE_URL: 'https://user:pw-in-url@api.test',
      BOCA_SIGNING_SECRET: 'signing-secret-value-abc',
      BOCA_SESSION_SECRET: 'short-session-value',
      BOCA_ALLOWED_ORIGINS: 'nope',
      BOCA_UPSTREAM_TIMEOUT_MS: '0',
      PORT: '99999',
    };
    const found = problems(env);
    assert.equal(found.length, 6, found.join('\n'));
    const text = found.join('\n');
    for (const secret of ['pw-in-url', 'signing-secret-value', 'short-session-value']) {
      assert.ok(!text.includes(secret), secret);
    }
    for (const name of [
      'BOCA_API_BASE_URL',
      'BOCA_API_KEY',
      'BOCA_SESSION_SECRET',
      'BOCA_ALLOWED_ORIGINS',
      'BOCA_UPSTREAM_TIMEOUT_MS',
      'PORT',
    ]) {
      assert.ok(
        found.some((p) => p.startsWith(name)),
        name,
      );
    }
  });
});
