/**
 * The answer of the partner's token endpoint, `{ token, expiresAt }` (`contract/embed-token.ts`):
 * an embed token for the signed-in user and its `exp` as an RFC 3339 date-time, minted at one
 * instant so that the two always agree.
 *
 * @example
 *   portal.post('/embed-token', async (c) => {
 *     const user = await signedInUser(c);
 *     if (!user) return c.json({ message: 'Sign in first' }, 401);
 *     return c.json(await mintEmbedTokenResponse({ secret, externalId: user.externalId }));
 *   });
 */
import { formatExpiresAt, type EmbedTokenResponse } from '../contract/embed-token.js';
import { DEFAULT_TTL_SECONDS, mintEmbedToken, type MintEmbedTokenOptions } from './token.js';

export type { EmbedTokenResponse };

/**
 * Mints an embed token and says when it expires.
 * @throws TypeError as {@link mintEmbedToken} does.
 */
export async function mintEmbedTokenResponse(
  options: MintEmbedTokenOptions,
): Promise<EmbedTokenResponse> {
  const at = (options.now ?? Date.now)();
  const token = await mintEmbedToken({ ...options, now: () => at });
  const exp = Math.floor(at / 1000) + (options.ttlSeconds ?? DEFAULT_TTL_SECONDS);
  return { token, expiresAt: formatExpiresAt(exp) };
}
