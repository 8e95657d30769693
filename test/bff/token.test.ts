import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { nodeHmacSha256 } from '../../contract/signing-node.js';
import { webHmacSha256 } from '../../contract/signing-web.js';
import { decodeBase64url, encodeBase64url } from '../../bff/base64url.js';
import {
  createEmbedTokenVerifier,
  mintEmbedToken,
  VERIFIED_CACHE_SIZE,
  verifyEmbedToken,
  type TokenFailure,
} from '../../bff/token.js';

const secret = 'embed-token-secret-0123456789abcdef';
const start = Date.UTC(2026, 2, 13, 12, 0, 0);
const iat = start / 1000;

// Tokens built independently of bff/token.ts, with Buffer and node:crypto.
const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const signRaw = (headerSegment: string, payloadSegment: string, key = secret) =>
  `${headerSegment}.${payloadSegment}.${createHmac('sha256', key).update(`${headerSegment}.${payloadSegment}`).digest('base64url')}`;
const sign = (header: unknown, payload: unknown, key = secret) =>
  signRaw(b64(JSON.stringify(header)), b64(JSON.stringify(payload)), key);

const HEADER = { alg: 'HS256', typ: 'JWT' };
const JTI = '5b0c1f6e-8d3a-4e2b-9c71-0a4f6d2e8b13';
const claims = (extra: Record<string, unknown> = {}) => ({
  sub: 'partner-user-42',
  aud: 'boca-user-profile',
  iat,
  exp: iat + 600,
  jti: JTI,
  ...extra,
});
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const verifyAt = (token: string, nowMs = start) =>
  verifyEmbedToken(token, { secret, now: () => nowMs, hmac: nodeHmacSha256 });

async function refused(token: string, reason: TokenFailure, nowMs = start) {
  assert.deepEqual(await verifyAt(token, nowMs), { ok: false, reason });
}

describe('mintEmbedToken', () => {
  it('mints an HS256 JWT with sub, aud, iat, exp ten minutes on and a jti', async () => {
    const token = await mintEmbedToken({
      secret,
      externalId: 'partner-user-42',
      now: () => start,
      jti: JTI,
    });
    const [header, payload, signature] = token.split('.');
    assert.deepEqual(JSON.parse(Buffer.from(header!, 'base64url').toString()), HEADER);
    assert.deepEqual(JSON.parse(Buffer.from(payload!, 'base64url').toString()), claims());
    const expected = createHmac('sha256', secret)
      .update(`${header}.${payload}`)
      .digest('base64url');
    assert.equal(signature, expected);
  });

  it('gives every token its own random jti', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const token = await mintEmbedToken({ secret, externalId: 'partner-user-42' });
      const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
      assert.match(payload.jti, UUID);
      ids.add(payload.jti);
    }
    assert.equal(ids.size, 20);
  });

  it('mints the same token with node:crypto and Web Crypto', async () => {
    const options = { secret, externalId: 'café-user', now: () => start, ttlSeconds: 60, jti: JTI };
    assert.equal(
      await mintEmbedToken({ ...options, hmac: nodeHmacSha256 }),
      await mintEmbedToken({ ...options, hmac: webHmacSha256 }),
    );
  });

  it('refuses bad input with a TypeError', async () => {
    const base = { secret, externalId: 'partner-user-42' };
    const bad = [
      { ...base, externalId: '' },
      { ...base, externalId: 'x'.repeat(129) },
      { ...base, externalId: 42 as unknown as string },
      { ...base, externalId: '\uD800' },
      { ...base, secret: 'x'.repeat(31) },
      { ...base, secret: undefined as unknown as string },
      { ...base, ttlSeconds: 0 },
      { ...base, ttlSeconds: 86_401 },
      { ...base, ttlSeconds: 1.5 },
      { ...base, jti: '' },
      { ...base, jti: 'a b' },
      { ...base, jti: 'x'.repeat(129) },
    ];
    for (const options of bad) await assert.rejects(mintEmbedToken(options), TypeError);
  });

  it('counts a secret in bytes and an externalId in characters', async () => {
    // 11 three-byte characters are 33 bytes; 128 emoji are 128 characters.
    const token = await mintEmbedToken({ secret: '€'.repeat(11), externalId: '😀'.repeat(128) });
    const result = await verifyEmbedToken(token, { secret: '€'.repeat(11) });
    assert.equal(result.ok && result.claims.sub, '😀'.repeat(128));
  });
});

describe('verifyEmbedToken', () => {
  it('accepts a token it minted, with either HMAC', async () => {
    const token = await mintEmbedToken({
      secret,
      externalId: 'partner-user-42',
      now: () => start,
      jti: JTI,
    });
    for (const hmac of [nodeHmacSha256, webHmacSha256]) {
      const result = await verifyEmbedToken(token, { secret, now: () => start + 1000, hmac });
      assert.deepEqual(result, { ok: true, claims: claims() });
    }
  });

  it('accepts a header without typ', async () => {
    assert.equal((await verifyAt(sign({ alg: 'HS256' }, claims()))).ok, true);
  });

  describe('when the time is off', () => {
    const token = sign(HEADER, claims());
    const exp = (iat + 600) * 1000;

    it('accepts an expired token within the 5 s leeway', async () => {
      assert.equal((await verifyAt(token, exp + 4_999)).ok, true);
    });

    it('refuses one expired beyond the leeway', async () => {
      await refused(token, 'expired', exp + 5_000);
      await refused(token, 'expired', exp + 3_600_000);
    });

    it('accepts an iat up to 5 s ahead and refuses one further ahead', async () => {
      assert.equal((await verifyAt(token, start - 5_000)).ok, true);
      await refused(token, 'issuedInFuture', start - 5_001);
    });

    it('refuses a lifetime over a day, or an exp not after iat', async () => {
      await refused(sign(HEADER, claims({ exp: iat + 86_401 })), 'lifetime');
      await refused(sign(HEADER, claims({ exp: iat })), 'lifetime');
    });
  });

  describe('when the claims are not exactly ours', () => {
    it('refuses another audience, or an array of audiences', async () => {
      await refused(sign(HEADER, claims({ aud: 'another-app' })), 'audience');
      await refused(sign(HEADER, claims({ aud: ['boca-user-profile'] })), 'audience');
      await refused(sign(HEADER, claims({ aud: undefined })), 'audience');
    });

    it('refuses a bad subject', async () => {
      for (const sub of ['', 'x'.repeat(129), 42, null, '\uDC00abc', undefined]) {
        await refused(sign(HEADER, claims({ sub })), 'subject');
      }
    });

    it('refuses missing or non-numeric times, and any extra claim', async () => {
      await refused(sign(HEADER, claims({ exp: undefined })), 'claims');
      await refused(sign(HEADER, claims({ iat: undefined })), 'claims');
      await refused(sign(HEADER, claims({ exp: String(iat + 600) })), 'claims');
      await refused(sign(HEADER, claims({ nbf: iat + 300 })), 'claims');
      await refused(sign(HEADER, claims({ admin: true })), 'claims');
    });

    it('refuses a token without a jti, or with one that is not a short URL-safe name', async () => {
      await refused(sign(HEADER, claims({ jti: undefined })), 'tokenId');
      await refused(sign(HEADER, claims({ jti: '' })), 'tokenId');
      await refused(sign(HEADER, claims({ jti: 42 })), 'tokenId');
      await refused(sign(HEADER, claims({ jti: 'a:b' })), 'tokenId');
      await refused(sign(HEADER, claims({ jti: 'x'.repeat(129) })), 'tokenId');
    });
  });

  describe('when the header is not HS256', () => {
    it('refuses alg none, unsigned or signed', async () => {
      const none = { alg: 'none', typ: 'JWT' };
      await refused(`${b64(JSON.stringify(none))}.${b64(JSON.stringify(claims()))}.`, 'malformed');
      await refused(sign(none, claims()), 'header');
    });

    it('refuses HS384, RS256 and ES256 headers even over a valid HS256 signature', async () => {
      for (const alg of ['HS384', 'HS512', 'RS256', 'ES256', 'hs256']) {
        await refused(sign({ alg, typ: 'JWT' }, claims()), 'header');
      }
    });

    it('refuses a real HS384 signature', async () => {
      const h = b64(JSON.stringify({ alg: 'HS384', typ: 'JWT' }));
      const p = b64(JSON.stringify(claims()));
      const mac = createHmac('sha384', secret).update(`${h}.${p}`).digest('base64url');
      await refused(`${h}.${p}.${mac}`, 'malformed');
    });

    it('refuses kid, jku, jwk and crit, and another typ', async () => {
      for (const extra of [
        { kid: '1' },
        { jku: 'https://evil.test/k' },
        { jwk: {} },
        { crit: [] },
      ]) {
        await refused(sign({ ...HEADER, ...extra }, claims()), 'header');
      }
      await refused(sign({ alg: 'HS256', typ: 'at+jwt' }, claims()), 'header');
    });
  });

  describe('when the token was tampered with', () => {
    const token = sign(HEADER, claims());
    const [h, p, s] = token.split('.') as [string, string, string];

    it('refuses another payload under the old signature', async () => {
      await refused(
        `${h}.${b64(JSON.stringify(claims({ sub: 'partner-user-43' })))}.${s}`,
        'signature',
      );
    });

    it('refuses a changed signature and another secret', async () => {
      const flipped = (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
      await refused(`${h}.${p}.${flipped}`, 'signature');
      await refused(sign(HEADER, claims(), 'another-secret-0123456789abcdefgh'), 'signature');
    });

    it('refuses a signature with stray bits in its last character', async () => {
      const last = s.at(-1)!;
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const stray = alphabet[alphabet.indexOf(last) + 1]!;
      await refused(`${h}.${p}.${s.slice(0, -1)}${stray}`, 'malformed');
    });
  });

  describe('when the token is malformed', () => {
    const token = sign(HEADER, claims());
    const [h, p, s] = token.split('.') as [string, string, string];

    it('refuses a missing token', async () => {
      await refused('', 'missing');
      assert.deepEqual(await createEmbedTokenVerifier({ secret })(undefined), {
        ok: false,
        reason: 'missing',
      });
    });

    it('refuses the wrong number of segments or an empty one', async () => {
      for (const bad of [`${h}.${p}`, `${token}.${s}`, `${h}..${s}`, `.${p}.${s}`, 'abc', '..']) {
        await refused(bad, 'malformed');
      }
    });

    it('refuses characters outside base64url, and padding', async () => {
      await refused(`${h}.${p}.${s.slice(0, 42)}+`, 'malformed');
      await refused(`${h}.${p}.${s}=`, 'malformed');
      await refused(signRaw(`${h}=`, p), 'malformed');
      await refused(signRaw(h, `${p.slice(0, -1)}/`), 'malformed');
    });

    it('refuses a signed payload that is not JSON, not an object or not UTF-8', async () => {
      await refused(signRaw(h, b64('not json')), 'malformed');
      await refused(signRaw(h, b64('[1,2]')), 'malformed');
      await refused(signRaw(h, b64(Buffer.from([0x7b, 0xff, 0x7d]))), 'malformed');
      await refused(signRaw(b64('"HS256"'), p), 'malformed');
    });

    it('refuses a huge token before any work', async () => {
      await refused(sign(HEADER, claims({ pad: 'x'.repeat(3000) })), 'malformed');
    });
  });

  describe('when a token comes again', () => {
    const counting = () => {
      const hmac = (key: string, message: Uint8Array) => {
        hmac.calls++;
        return nodeHmacSha256(key, message);
      };
      hmac.calls = 0;
      return hmac;
    };

    it('remembers a verified token, and still checks its times each time', async () => {
      const hmac = counting();
      let time = start;
      const verify = createEmbedTokenVerifier({ secret, hmac, now: () => time });
      const token = sign(HEADER, claims());
      assert.equal((await verify(token)).ok, true);
      assert.equal((await verify(token)).ok, true);
      assert.equal(hmac.calls, 1);
      time = (iat + 600 + 5) * 1000;
      assert.deepEqual(await verify(token), { ok: false, reason: 'expired' });
      time = start - 6_000;
      assert.deepEqual(await verify(token), { ok: false, reason: 'issuedInFuture' });
    });

    it('does not remember a refused token', async () => {
      const hmac = counting();
      const verify = createEmbedTokenVerifier({ secret, hmac, now: () => start });
      const bad = sign({ alg: 'HS384' }, claims());
      await verify(bad);
      await verify(bad);
      assert.equal(hmac.calls, 2);
    });

    it('forgets the oldest beyond its size', async () => {
      const hmac = counting();
      const verify = createEmbedTokenVerifier({ secret, hmac, now: () => start });
      const first = sign(HEADER, claims({ sub: 'user-0' }));
      await verify(first);
      for (let i = 1; i <= VERIFIED_CACHE_SIZE; i++)
        await verify(sign(HEADER, claims({ sub: `user-${i}` })));
      assert.equal(hmac.calls, VERIFIED_CACHE_SIZE + 1);
      assert.equal((await verify(first)).ok, true);
      assert.equal(hmac.calls, VERIFIED_CACHE_SIZE + 2);
    });
  });

  it('refuses to build a verifier with a short secret', () => {
    assert.throws(() => createEmbedTokenVerifier({ secret: 'short' }), TypeError);
  });
});

describe('base64url', () => {
  it('round-trips any bytes like Buffer does', () => {
    for (let length = 0; length < 40; length++) {
      const bytes = randomBytes(length);
      const text = encodeBase64url(bytes);
      assert.equal(text, bytes.toString('base64url'));
      assert.deepEqual(Buffer.from(decodeBase64url(text)!), bytes);
    }
  });

  it('refuses impossible lengths, padding and foreign characters', () => {
    for (const bad of ['A', 'AAAAA', 'AA==', 'A+AA', 'A/AA', 'AA AA', 'AAé']) {
      assert.equal(decodeBase64url(bad), undefined, bad);
    }
  });
});
