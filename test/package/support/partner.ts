/**
 * Shared by the integration examples' tests: the sandbox's credentials, the BFF options that
 * point at a running sandbox, and a browser-like PATCH of the profile.
 *
 * @example
 *   const sandbox = await serveSandbox({ port: 0, logger: () => {} });
 *   const answer = await patchProfile(`${portal}/api`, token, { city: 'Ottawa' });
 */
import type { BffOptions } from '../../../bff/types.js';

export const PORTAL_ORIGIN = 'https://portal.example.com';
export const SESSION_SECRET = 'package-test-session-secret-0123456789';
export const USER = 'partner-user-42';

/** The BFF's options for a sandbox at `url`, quiet. */
export function bffOptions(url: string): Omit<BffOptions, 'loadProfile' | 'onProfileUpdated'> {
  return {
    apiBaseUrl: url,
    apiKey: 'sandbox-api-key',
    signingSecret: 'sandbox-signing-secret',
    sessionSecret: SESSION_SECRET,
    allowedOrigins: [PORTAL_ORIGIN],
    logger: () => {},
  };
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers };
}

/** What the element sends: the changed fields, the bearer token, an Idempotency-Key, the Origin. */
export async function patchProfile(
  apiBase: string,
  token: string | undefined,
  changes: Record<string, unknown>,
  { key = crypto.randomUUID(), origin = PORTAL_ORIGIN, send = fetch } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'idempotency-key': key,
    origin,
  };
  if (token) headers.authorization = `Bearer ${token}`;
  return answer(
    await send(`${apiBase}/profile`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify(changes),
    }),
  );
}

export async function getProfile(
  apiBase: string,
  token: string,
  { send = fetch } = {},
): Promise<Answer> {
  return answer(
    await send(`${apiBase}/profile`, {
      headers: { authorization: `Bearer ${token}`, origin: PORTAL_ORIGIN },
    }),
  );
}
