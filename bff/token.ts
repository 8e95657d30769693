/**
 * Embed session tokens: the short-lived JWT (HS256) with which the partner's server tells the BFF
 * who the user is. The partner mints one per page view with {@link mintEmbedToken}; the BFF
 * accepts exactly that shape and nothing looser:
 *
 * - header `{"alg":"HS256","typ":"JWT"}` (`typ` may be absent); any other member (`kid`, `jku`,
 *   `jwk`, `x5u`, `crit`, …) or algorithm (`none`, `HS384`, `RS256`, …) is refused;
 * - claims `sub`, `aud`, `iat`, `exp`, `jti` and no others; `aud` is the string
 *   `boca-user-profile` (an array is refused: a token meant for several audiences is not an embed
 *   token); `jti` names the token, so that it can be revoked before it expires (`revoke.ts`);
 * - `exp` not past and `iat` not ahead, each with {@link CLOCK_LEEWAY_SECONDS} of leeway, and a
 *   lifetime of at most {@link MAX_TTL_SECONDS};
 * - `sub` a well-formed string of 1 to 128 characters;
 * - the signature checked (in constant time) before any JSON is parsed.
 *
 * Hand-written rather than a JWT library: it is small, it needs only the HMAC that request signing
 * already has (`node:crypto` on Node, Web Crypto elsewhere), and every rule above is visible here.
 *
 * @example
 *   const token = await mintEmbedToken({ secret, externalId: 'partner-user-42' });
 *   const verify = createEmbedTokenVerifier({ secret, hmac: nodeHmacSha256 });
 *   const result = await verify(token); // { ok: true, claims: { sub: 'partner-user-42', … } }
 */
import { MAX_EXTERNAL_ID_LENGTH } from '../contract/api.js';
import { timingSafeEqual, type HmacSha256 } from '../contract/signing.js';
import { webHmacSha256 } from '../contract/signing-web.js';
import { bytesToHex, decodeBase64url, encodeBase64url, hexToBytes } from './base64url.js';

export const EMBED_TOKEN_AUDIENCE = 'boca-user-profile';
export const DEFAULT_TTL_SECONDS = 600;
/** No embed token lives longer than a day, whoever minted it. */
export const MAX_TTL_SECONDS = 86_400;
export const CLOCK_LEEWAY_SECONDS = 5;
export const MIN_SESSION_SECRET_BYTES = 32;
/** How many verified tokens a verifier remembers. */
export const VERIFIED_CACHE_SIZE = 1000;
/** Far above any token we mint (a 128-character `sub` of 4-byte characters stays under 1 KB). */
export const MAX_TOKEN_LENGTH = 2048;

export interface EmbedTokenClaims {
  /** The user's `externalId`. */
  sub: string;
  aud: typeof EMBED_TOKEN_AUDIENCE;
  /** Seconds since the epoch. */
  iat: number;
  /** Seconds since the epoch. */
  exp: number;
  /** The token's own id (a UUID when we mint it), by which it can be revoked. */
  jti: string;
}

/** Why a token was refused; logged, never shown to the browser. */
export type TokenFailure =
  | 'missing'
  | 'malformed'
  | 'signature'
  | 'header'
  | 'claims'
  | 'audience'
  | 'subject'
  | 'expired'
  | 'issuedInFuture'
  | 'lifetime'
  | 'tokenId'
  | 'revoked';

export type TokenCheck =
  { ok: true; claims: EmbedTokenClaims } | { ok: false; reason: TokenFailure };

export interface EmbedTokenOptions {
  /** `BOCA_SESSION_SECRET`: at least 32 bytes. */
  secret: string;
  /** Epoch milliseconds; `Date.now` by default. */
  now?: () => number;
  /** The HMAC-SHA256; Web Crypto by default, `nodeHmacSha256` on Node for speed. */
  hmac?: HmacSha256;
}

export interface MintEmbedTokenOptions extends EmbedTokenOptions {
  externalId: string;
  /** 600 (10 minutes) by default; at most a day. */
  ttlSeconds?: number;
  /** The token's id: a fresh UUID by default (1 to 128 of `A-Z a-z 0-9 . _ ~ -` otherwise). */
  jti?: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
const HEADER = encodeBase64url(encoder.encode('{"alg":"HS256","typ":"JWT"}'));
const CLAIMS = new Set(['sub', 'aud', 'iat', 'exp', 'jti']);
/** A UUID when we mint it; any short URL-safe name from elsewhere, safe in a store's key. */
const TOKEN_ID = /^[A-Za-z0-9._~-]{1,128}$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const byteLength = (text: string) => encoder.encode(text).length;

function assertSecret(secret: unknown): asserts secret is string {
  if (typeof secret !== 'string' || byteLength(secret) < MIN_SESSION_SECRET_BYTES) {
    throw new TypeError(`secret must be a string of at least ${MIN_SESSION_SECRET_BYTES} bytes`);
  }
}

/** Whether a value can be an `externalId`: 1 to 128 characters, one segment of a URL path. */
export function isExternalId(value: unknown): value is string {
  if (typeof value !== 'string' || value === '') return false;
  // Characters are code points; only a string longer in UTF-16 units can have too many.
  if (value.length > MAX_EXTERNAL_ID_LENGTH && [...value].length > MAX_EXTERNAL_ID_LENGTH) {
    return false;
  }
  // `.` and `..` survive percent-encoding as dot segments, which URL parsers and proxies resolve:
  // `/v1/users/..` would address `/v1/`, not a user.
  if (value === '.' || value === '..') return false;
  // A lone surrogate cannot be percent-encoded, so it can never name a user in the path.
  return !LONE_SURROGATE.test(value);
}

async function signature(hmac: HmacSha256, secret: string, signingInput: string): Promise<string> {
  const bytes = hexToBytes(await hmac(secret, encoder.encode(signingInput)));
  if (bytes?.length !== 32) throw new TypeError('hmac must answer 64 lowercase hex characters');
  return encodeBase64url(bytes);
}

/**
 * Mints an embed token for one user, on the partner's server (never in the browser). Each gets
 * its own `jti`, by which `revokeEmbedToken` can refuse it before it expires.
 * @throws TypeError on an empty or too long `externalId`, a short secret, a bad `ttlSeconds` or
 *   `jti`.
 */
export async function mintEmbedToken(options: MintEmbedTokenOptions): Promise<string> {
  const {
    secret,
    externalId,
    ttlSeconds = DEFAULT_TTL_SECONDS,
    jti = crypto.randomUUID(),
  } = options;
  const { now = Date.now, hmac = webHmacSha256 } = options;
  assertSecret(secret);
  if (!isExternalId(externalId)) {
    throw new TypeError(
      `externalId must be a non-empty string of at most ${MAX_EXTERNAL_ID_LENGTH} characters`,
    );
  }
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS) {
    throw new TypeError(`ttlSeconds must be an integer from 1 to ${MAX_TTL_SECONDS}`);
  }
  if (typeof jti !== 'string' || !TOKEN_ID.test(jti)) {
    throw new TypeError('jti must be 1 to 128 characters of A-Z a-z 0-9 . _ ~ -');
  }
  const iat = Math.floor(now() / 1000);
  const claims = {
    sub: externalId,
    aud: EMBED_TOKEN_AUDIENCE,
    iat,
    exp: iat + ttlSeconds,
    jti,
  };
  const signingInput = `${HEADER}.${encodeBase64url(encoder.encode(JSON.stringify(claims)))}`;
  return `${signingInput}.${await signature(hmac, secret, signingInput)}`;
}

function decodeJsonObject(segment: string): Record<string, unknown> | undefined {
  const bytes = decodeBase64url(segment);
  if (!bytes) return undefined;
  try {
    const value: unknown = JSON.parse(decoder.decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const isNumericDate = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

function checkHeader(header: Record<string, unknown>): boolean {
  for (const key of Object.keys(header)) if (key !== 'alg' && key !== 'typ') return false;
  return header.alg === 'HS256' && (header.typ === undefined || header.typ === 'JWT');
}

/** The claims' shape, which never changes: exactly our five, of the right types and audience. */
function checkShape(claims: Record<string, unknown>): TokenCheck {
  for (const key of Object.keys(claims))
    if (!CLAIMS.has(key)) return { ok: false, reason: 'claims' };
  const { sub, aud, iat, exp, jti } = claims;
  if (!isNumericDate(iat) || !isNumericDate(exp)) return { ok: false, reason: 'claims' };
  if (aud !== EMBED_TOKEN_AUDIENCE) return { ok: false, reason: 'audience' };
  if (!isExternalId(sub)) return { ok: false, reason: 'subject' };
  if (exp <= iat || exp - iat > MAX_TTL_SECONDS) return { ok: false, reason: 'lifetime' };
  if (typeof jti !== 'string' || !TOKEN_ID.test(jti)) return { ok: false, reason: 'tokenId' };
  return { ok: true, claims: { sub, aud, iat, exp, jti } };
}

/** The claims' times, which depend on when they are read. */
function checkTimes(check: TokenCheck & { ok: true }, nowMs: number): TokenCheck {
  const leewayMs = CLOCK_LEEWAY_SECONDS * 1000;
  if (nowMs >= check.claims.exp * 1000 + leewayMs) return { ok: false, reason: 'expired' };
  if (check.claims.iat * 1000 > nowMs + leewayMs) return { ok: false, reason: 'issuedInFuture' };
  return check;
}

/** A token's signature, header and claims, whatever its times. */
async function checkSigned(hmac: HmacSha256, secret: string, token: string): Promise<TokenCheck> {
  const first = token.indexOf('.');
  const second = token.indexOf('.', first + 1);
  if (first < 1 || second < first + 2 || token.indexOf('.', second + 1) !== -1) {
    return { ok: false, reason: 'malformed' };
  }
  // 32 bytes of HMAC-SHA256 are exactly 43 base64url characters, canonically encoded.
  const given = token.length - second === 44 ? decodeBase64url(token.slice(second + 1)) : undefined;
  if (!given) return { ok: false, reason: 'malformed' };
  // Compared as hex, the HMAC's own form: one conversion instead of two.
  const expected = await hmac(secret, encoder.encode(token.slice(0, second)));
  if (!timingSafeEqual(expected, bytesToHex(given))) return { ok: false, reason: 'signature' };

  const header = decodeJsonObject(token.slice(0, first));
  const claims = decodeJsonObject(token.slice(first + 1, second));
  if (!header || !claims) return { ok: false, reason: 'malformed' };
  if (!checkHeader(header)) return { ok: false, reason: 'header' };
  return checkShape(claims);
}

const isTokenText = (token: unknown): token is string =>
  typeof token === 'string' && token !== '' && token.length <= MAX_TOKEN_LENGTH;

/**
 * A verifier bound to one secret: what the BFF calls on every request. It remembers the last
 * {@link VERIFIED_CACHE_SIZE} tokens whose signature and shape it checked (a page sends the same
 * token with each request), so a repeat costs a lookup; their times are checked every time.
 * Revocation is not its business: the BFF asks its store about the `jti` of every request.
 * @throws TypeError when the secret is shorter than 32 bytes.
 */
export function createEmbedTokenVerifier(
  options: EmbedTokenOptions,
): (token: string | undefined) => Promise<TokenCheck> {
  const { secret, now = Date.now, hmac = webHmacSha256 } = options;
  assertSecret(secret);
  const verified = new Map<string, TokenCheck & { ok: true }>();

  async function verifyToken(token: string | undefined): Promise<TokenCheck> {
    if (token === undefined || token === '') return { ok: false, reason: 'missing' };
    if (!isTokenText(token)) return { ok: false, reason: 'malformed' };
    const known = verified.get(token);
    if (known) return checkTimes(known, now());
    const shape = await checkSigned(hmac, secret, token);
    if (!shape.ok) return shape;
    if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
    verified.set(token, shape);
    return checkTimes(shape, now());
  }

  return verifyToken;
}

/**
 * The claims of a token signed with this secret, expired or not: what revoking it needs.
 * @throws TypeError when the secret is shorter than 32 bytes.
 */
export function readEmbedToken(
  token: string,
  options: Omit<EmbedTokenOptions, 'now'>,
): Promise<TokenCheck> {
  const { secret, hmac = webHmacSha256 } = options;
  assertSecret(secret);
  if (!isTokenText(token)) return Promise.resolve({ ok: false, reason: 'malformed' });
  return checkSigned(hmac, secret, token);
}

/** Checks one token; prefer {@link createEmbedTokenVerifier} when checking many with one secret. */
export function verifyEmbedToken(token: string, options: EmbedTokenOptions): Promise<TokenCheck> {
  return createEmbedTokenVerifier(options)(token);
}
