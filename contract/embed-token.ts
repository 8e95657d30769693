/**
 * The partner's token endpoint: its own route (`POST /embed-token` in every guide and example),
 * which mints an embed token for the signed-in user and answers, as JSON,
 * `{ "token": "eyJ…", "expiresAt": "2026-01-01T12:10:00Z" }` (`expiresAt` is the token's `exp`,
 * RFC 3339 in UTC). One contract for the docs, the examples, the demo and the React wrapper.
 * Dependency-free, so the browser side can check an answer too.
 *
 * @example
 *   const { token } = parseEmbedTokenResponse(await response.json());
 */

/** The path every guide and example gives the token endpoint. */
export const EMBED_TOKEN_PATH = '/embed-token';

/** What the token endpoint answers. */
export interface EmbedTokenResponse {
  /** The embed token (an HS256 JWT) for the element's `session-token`. */
  token: string;
  /** When it expires: its `exp`, as an RFC 3339 date-time in UTC, e.g. `2026-01-01T12:10:00Z`. */
  expiresAt: string;
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** `exp` (epoch seconds) as the endpoint writes it: whole seconds, UTC, `Z`. */
export function formatExpiresAt(exp: number): string {
  return new Date(exp * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Checks a token endpoint's JSON answer.
 * @throws TypeError saying what is wrong (never quoting the token).
 */
export function parseEmbedTokenResponse(value: unknown): EmbedTokenResponse {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('the token endpoint must answer a JSON object { token, expiresAt }');
  }
  const { token, expiresAt } = value as Record<string, unknown>;
  if (typeof token !== 'string' || !JWT.test(token)) {
    throw new TypeError('the token endpoint answered no "token" that is a JWT');
  }
  if (
    typeof expiresAt !== 'string' ||
    !RFC3339.test(expiresAt) ||
    Number.isNaN(Date.parse(expiresAt))
  ) {
    throw new TypeError('the token endpoint answered no "expiresAt" that is an RFC 3339 date-time');
  }
  return { token, expiresAt };
}
