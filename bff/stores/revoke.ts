/**
 * Revoking an embed token before it expires (the user signed out of the portal, the token
 * leaked): its `jti` goes into the store the BFF checks on every request, so every instance
 * sharing that store answers the token 401 `unauthorized` from then on. The store forgets it
 * once the token has expired anyway.
 *
 * @example
 *   const store = createRedisStore({ url: process.env.BOCA_REDIS_URL! });
 *   await revokeEmbedToken({ token, secret: process.env.BOCA_SESSION_SECRET!, store });
 */
import type { HmacSha256 } from '../../contract/signing.js';
import { CLOCK_LEEWAY_SECONDS, readEmbedToken } from '../token.js';
import type { BffStore } from './store.js';

export interface RevokeEmbedTokenOptions {
  /** The token, as minted by `mintEmbedToken`. */
  token: string;
  /** `BOCA_SESSION_SECRET`: only a token signed with it can be revoked. */
  secret: string;
  /** The store the BFF was given (`createBff({ store })`), or one on the same Redis. */
  store: BffStore;
  /** Epoch milliseconds; `Date.now` by default. */
  now?: () => number;
  hmac?: HmacSha256;
}

/**
 * Revokes one token; nothing to do when it has already expired.
 * @throws TypeError when the token is not an embed token signed with this secret.
 * @throws whatever the store throws when it cannot be reached: the token is then not revoked.
 */
export async function revokeEmbedToken(options: RevokeEmbedTokenOptions): Promise<void> {
  const { token, secret, store, now = Date.now, hmac } = options;
  const check = await readEmbedToken(token, hmac ? { secret, hmac } : { secret });
  if (!check.ok)
    throw new TypeError(`token is not an embed token signed with this secret (${check.reason})`);
  const { sub, jti, exp } = check.claims;
  // The verifier accepts a token until its expiry plus the clock leeway: remembered as long.
  const expiresAt = (exp + CLOCK_LEEWAY_SECONDS) * 1000;
  const at = now();
  if (expiresAt <= at) return;
  await store.revoke({ user: sub, tokenId: jti, expiresAt, now: at });
}
