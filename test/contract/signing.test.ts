import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  canonicalRequest,
  formatTimestamp,
  isTimestampFresh,
  parseTimestamp,
  signRequest,
  timingSafeEqual,
  verifyRequest,
  type HmacSha256,
} from '../../contract/signing.js';
import { nodeHmacSha256 } from '../../contract/signing-node.js';
import { webHmacSha256 } from '../../contract/signing-web.js';

const secret = 'sandbox-signing-secret';
const timestamp = '2026-03-13T12:00:00Z';

// The known-answer vectors of partner-api.md.
const vectors = [
  {
    method: 'PATCH',
    pathAndQuery: '/v1/users/partner-user-42',
    body: '{"addressLine1":"456 Queen St W","city":"Toronto","postalCode":"M5V 1Z8"}',
    signature: '36c4fb37e47df28866df847b6beb06625bbb1b45a1d3010df194cb5c3b6fc653',
  },
  {
    method: 'GET',
    pathAndQuery: '/v1/users/partner-user-42',
    body: '',
    signature: 'eab8c1c60aea967b6132380ae41fe387099fd5b557e5ae27ae04878d9c1483ed',
  },
  {
    method: 'PATCH',
    pathAndQuery: `/v1/users/${encodeURIComponent('café-user')}`,
    body: '{"city":"Montréal"}',
    signature: '72eefc0fa722722300e720ff9e9f3f1dcd967454a018aa3dcf423f547eca80a0',
  },
];

const hmacs: [string, HmacSha256][] = [
  ['node:crypto', nodeHmacSha256],
  ['Web Crypto', webHmacSha256],
];

for (const [name, hmac] of hmacs) {
  describe(`signing with ${name}`, () => {
    for (const vector of vectors) {
      it(`reproduces the known answer for ${vector.method} ${vector.pathAndQuery}`, async () => {
        const parts = { ...vector, timestamp };
        assert.equal(await signRequest(hmac, secret, parts), vector.signature);
        assert.equal(await verifyRequest(hmac, secret, parts, vector.signature), true);
      });
    }

    it('signs the body bytes as given, so bytes and their string sign alike', async () => {
      const body = new TextEncoder().encode(vectors[2]!.body);
      const parts = { ...vectors[2]!, body, timestamp };
      assert.equal(await signRequest(hmac, secret, parts), vectors[2]!.signature);
    });

    it('rejects a signature for another body, path, method, timestamp or secret', async () => {
      const parts = { ...vectors[0]!, timestamp };
      const good = vectors[0]!.signature;
      assert.equal(
        await verifyRequest(hmac, secret, { ...parts, body: parts.body + ' ' }, good),
        false,
      );
      assert.equal(
        await verifyRequest(hmac, secret, { ...parts, pathAndQuery: '/v1/users/x' }, good),
        false,
      );
      assert.equal(await verifyRequest(hmac, secret, { ...parts, method: 'POST' }, good), false);
      assert.equal(
        await verifyRequest(hmac, secret, { ...parts, timestamp: '2026-03-13T12:00:01Z' }, good),
        false,
      );
      assert.equal(await verifyRequest(hmac, 'other-secret', parts, good), false);
    });

    it('rejects a signature that is not 64 lowercase hex characters', async () => {
      const parts = { ...vectors[0]!, timestamp };
      assert.equal(
        await verifyRequest(hmac, secret, parts, vectors[0]!.signature.toUpperCase()),
        false,
      );
      assert.equal(await verifyRequest(hmac, secret, parts, vectors[0]!.signature.slice(1)), false);
      assert.equal(await verifyRequest(hmac, secret, parts, ''), false);
    });
  });
}

describe('the canonical request', () => {
  it('joins method, path, timestamp and raw body with newlines and no trailing newline', () => {
    assert.equal(
      canonicalRequest({ method: 'PATCH', pathAndQuery: '/v1/users/a?x=1', timestamp, body: '{}' }),
      `PATCH\n/v1/users/a?x=1\n${timestamp}\n{}`,
    );
  });

  it('ends in a newline when there is no body', () => {
    assert.equal(
      canonicalRequest({ method: 'GET', pathAndQuery: '/v1/users/a', timestamp, body: '' }),
      `GET\n/v1/users/a\n${timestamp}\n`,
    );
  });

  it('throws a TypeError on bad parts', async () => {
    const good = { method: 'PATCH', pathAndQuery: '/v1/users/a', timestamp, body: '' };
    assert.throws(() => canonicalRequest({ ...good, method: 'patch' }), TypeError);
    assert.throws(() => canonicalRequest({ ...good, pathAndQuery: 'v1/users' }), TypeError);
    assert.throws(() => canonicalRequest({ ...good, timestamp: '' }), TypeError);
    assert.throws(() => canonicalRequest({ ...good, body: 42 as unknown as string }), TypeError);
    await assert.rejects(signRequest(nodeHmacSha256, '', good), TypeError);
  });
});

describe('timestamps', () => {
  it('formats UTC with whole seconds and a Z', () => {
    assert.equal(formatTimestamp(Date.UTC(2026, 2, 13, 12, 0, 0, 999)), timestamp);
    assert.throws(() => formatTimestamp(Number.NaN), TypeError);
  });

  it('parses RFC 3339 with Z, offsets and fractions', () => {
    const noon = Date.UTC(2026, 2, 13, 12);
    assert.equal(parseTimestamp(timestamp), noon);
    assert.equal(parseTimestamp('2026-03-13T08:00:00-04:00'), noon);
    assert.equal(parseTimestamp('2026-03-13T13:30:00+01:30'), noon);
    assert.equal(parseTimestamp('2026-03-13T12:00:00.250Z'), noon + 250);
  });

  it('refuses what is not RFC 3339', () => {
    for (const bad of [
      '',
      '2026-03-13',
      '2026-03-13 12:00:00Z',
      '2026-03-13T12:00:00',
      '2026-02-30T12:00:00Z',
      '2026-03-13T24:00:00Z',
      '1773403200',
      'Fri, 13 Mar 2026 12:00:00 GMT',
    ]) {
      assert.equal(parseTimestamp(bad), undefined, bad);
    }
  });

  it('accepts a timestamp within 60 s either side of the clock, and no further', () => {
    const now = Date.UTC(2026, 2, 13, 12, 1, 0);
    assert.equal(isTimestampFresh(timestamp, now), true);
    assert.equal(isTimestampFresh('2026-03-13T12:02:00Z', now), true);
    assert.equal(isTimestampFresh('2026-03-13T11:59:59Z', now), false);
    assert.equal(isTimestampFresh('2026-03-13T12:02:01Z', now), false);
    assert.equal(isTimestampFresh('not a time', now), false);
  });
});

describe('timingSafeEqual', () => {
  it('tells equal strings from different ones of any length', () => {
    assert.equal(timingSafeEqual('abc', 'abc'), true);
    assert.equal(timingSafeEqual('abc', 'abd'), false);
    assert.equal(timingSafeEqual('abc', 'ab'), false);
    assert.equal(timingSafeEqual('', 'a'), false);
    assert.equal(timingSafeEqual('', ''), true);
  });
});
