/**
 * The token endpoint's contract, checked on a real answer: JSON with exactly `token` and
 * `expiresAt`, the token an embed token the BFF accepts for `user`, and `expiresAt` its `exp`.
 *
 * @example
 *   const token = await assertTokenAnswer(await fetch(`${url}/embed-token`, { method: 'POST' }), SESSION_SECRET, USER);
 */
import assert from 'node:assert/strict';
import { parseEmbedTokenResponse } from '../../../contract/embed-token.js';
import { verifyEmbedToken } from '../../../bff/token.js';

/** Checks one answer of a token endpoint and resolves its token. */
export async function assertTokenAnswer(
  response: Response,
  secret: string,
  user: string,
): Promise<string> {
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json\b/);
  const body: unknown = await response.json();
  assert.deepEqual(Object.keys(body as object).sort(), ['expiresAt', 'token']);
  const { token, expiresAt } = parseEmbedTokenResponse(body);
  const checked = await verifyEmbedToken(token, { secret });
  assert.ok(checked.ok, `the token is refused: ${checked.ok ? '' : checked.reason}`);
  assert.equal(checked.claims.sub, user);
  assert.equal(Date.parse(expiresAt), checked.claims.exp * 1000, 'expiresAt is not the exp');
  return token;
}
