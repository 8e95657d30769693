/**
 * The page's calls to its own portal server (its token endpoint and `/portal/*`), not the BFF's.
 *
 * @example
 *   const { token, expiresAt } = await portal.session(); // POST /embed-token
 */
import { EMBED_TOKEN_PATH, parseEmbedTokenResponse } from '../../contract/embed-token.js';
import type { ExchangesAnswer, PortalConfig, ScenarioAnswer, ScenarioName } from '../shared.js';

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const text = await response.text();
    throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 200)}`);
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export const portal = {
  config: () => call<PortalConfig>('GET', '/portal/config'),
  /** The token endpoint: a fresh embed token for whoever the portal has signed in. */
  session: async () => parseEmbedTokenResponse(await call<unknown>('POST', EMBED_TOKEN_PATH)),
  signIn: (externalId: string) => call<PortalConfig>('POST', '/portal/sign-in', { externalId }),
  arm: (name: ScenarioName | null) => call<ScenarioAnswer>('POST', '/portal/scenario', { name }),
  reset: () => call<PortalConfig>('POST', '/portal/reset'),
  exchanges: (since: number) =>
    call<ExchangesAnswer>('GET', `/portal/exchanges?since=${encodeURIComponent(since)}`),
  clearExchanges: () => call<void>('DELETE', '/portal/exchanges'),
};
