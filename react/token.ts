/**
 * Asks the partner's token endpoint for an embed token (`POST /embed-token` by default), reading
 * its one answer, `{ token, expiresAt }` (`contract/embed-token.ts`), and resolving the token.
 * Rejects on a non-2xx answer or one that is not that shape, so a broken endpoint is seen at once
 * rather than as a 401 on every save.
 *
 * @example
 *   <BocaUserProfile sessionToken={token} onBocaSessionExpired={() => fetchEmbedToken().then(setToken)} />
 */
import { EMBED_TOKEN_PATH, parseEmbedTokenResponse } from '../contract/embed-token.js';

export async function fetchEmbedToken(
  url: string = EMBED_TOKEN_PATH,
  init: RequestInit = {},
): Promise<string> {
  const response = await fetch(url, { method: 'POST', ...init });
  if (!response.ok) {
    throw new Error(`the token endpoint answered ${response.status}`);
  }
  return parseEmbedTokenResponse(await response.json()).token;
}
