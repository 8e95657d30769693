/**
 * An attacker's token workshop: builds embed tokens (JWTs) by hand, good and bad, so the tests
 * can present the BFF with every token state a browser or an attacker could send. Only the valid
 * ones match what the partner's server mints (HS256, `aud` = `boca-user-profile`).
 *
 * @example
 *   const forge = tokenForge({ secret, nowSeconds: 1_773_403_200 });
 *   forge.valid('partner-user-42');   // a good token
 *   forge.state('expired', 'partner-user-42');
 */
import { createHmac } from 'node:crypto';

export const AUDIENCE = 'boca-user-profile';

export const TOKEN_STATES = [
  'valid',
  'none',
  'expired',
  'notYetValid',
  'wrongAudience',
  'algNone',
  'algHS384',
  'algRS256',
  'anotherUser',
  'tampered',
  'otherSecret',
  'garbage',
] as const;

export type TokenState = (typeof TOKEN_STATES)[number];

/** The token states that must be accepted (for their own `sub`). */
export const ACCEPTED_TOKEN_STATES: readonly TokenState[] = ['valid', 'anotherUser'];

const b64url = (value: string | Buffer) =>
  Buffer.from(value).toString('base64url').replace(/=+$/, '');

const json = (value: unknown) => b64url(JSON.stringify(value));

function hs(alg: 'sha256' | 'sha384', secret: string, input: string): string {
  return b64url(createHmac(alg, secret).update(input).digest());
}

export interface ForgeOptions {
  /** The BFF's session secret. */
  secret: string;
  /** The clock the BFF is given, in epoch seconds. */
  nowSeconds: number;
}

export interface Claims {
  sub?: unknown;
  aud?: unknown;
  iat?: unknown;
  exp?: unknown;
  nbf?: unknown;
  [claim: string]: unknown;
}

export function tokenForge({ secret, nowSeconds }: ForgeOptions) {
  const claims = (sub: string, extra: Claims = {}): Claims => ({
    sub,
    aud: AUDIENCE,
    iat: nowSeconds - 60,
    exp: nowSeconds + 540,
    jti: crypto.randomUUID(),
    ...extra,
  });

  /** Signs any header and claims with HMAC; the header's `alg` is not checked here. */
  const signHs = (
    header: object,
    payload: Claims,
    key = secret,
    alg: 'sha256' | 'sha384' = 'sha256',
  ) => {
    const input = `${json(header)}.${json(payload)}`;
    return `${input}.${hs(alg, key, input)}`;
  };

  const valid = (sub: string, extra: Claims = {}) =>
    signHs({ alg: 'HS256', typ: 'JWT' }, claims(sub, extra));

  /** The `Authorization` value for a token state, or `undefined` for no header at all. */
  function state(which: TokenState, sub: string, otherSub = 'partner-user-7'): string | undefined {
    switch (which) {
      case 'valid':
        return valid(sub);
      case 'none':
        return undefined;
      case 'expired':
        return valid(sub, { iat: nowSeconds - 1200, exp: nowSeconds - 600 });
      case 'notYetValid':
        return valid(sub, { iat: nowSeconds + 600, nbf: nowSeconds + 600, exp: nowSeconds + 1200 });
      case 'wrongAudience':
        return valid(sub, { aud: 'some-other-app' });
      case 'algNone':
        return `${json({ alg: 'none', typ: 'JWT' })}.${json(claims(sub))}.`;
      case 'algHS384':
        return signHs({ alg: 'HS384', typ: 'JWT' }, claims(sub), secret, 'sha384');
      case 'algRS256':
        // An RS256 header with an HMAC over the secret: the classic algorithm-confusion attempt.
        return signHs({ alg: 'RS256', typ: 'JWT' }, claims(sub));
      case 'anotherUser':
        return valid(otherSub);
      case 'tampered': {
        // A good token for `otherSub` whose payload is swapped for one naming `sub`.
        const [head, , signature] = valid(otherSub).split('.');
        return `${head}.${json(claims(sub))}.${signature}`;
      }
      case 'otherSecret':
        return signHs(
          { alg: 'HS256', typ: 'JWT' },
          claims(sub),
          'not-the-session-secret-0123456789abcdef',
        );
      case 'garbage':
        return 'not.a.jwt';
    }
  }

  return { valid, state, signHs, claims };
}

/** The `sub` a token state acts for when it is accepted. */
export function actingSubject(which: TokenState, sub: string, otherSub = 'partner-user-7') {
  return which === 'anotherUser' ? otherSub : sub;
}
