/**
 * How the "what happened" panel shows credentials: enough to recognise them, never enough to use
 * them. The signing secret and the session secret are never shown at all.
 *
 * @example
 *   redactKey('sandbox-api-key');  // 'sand…key'
 *   truncateBearer('Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOi…'); // 'Bearer eyJhbGciOi…(212 chars)'
 */

/** An API key as `abcd…xyz`, or `••••` when it is too short to show any of it safely. */
export function redactKey(key: string): string {
  return key.length >= 12 ? `${key.slice(0, 4)}…${key.slice(-3)}` : '••••';
}

/** An `Authorization: Bearer` value with the token cut short: it is a live credential. */
export function truncateBearer(value: string): string {
  const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
  if (!match) return '••••';
  const token = match[1]!;
  return `Bearer ${token.slice(0, 12)}…(${token.length} chars)`;
}

/**
 * Replaces every occurrence of each secret in a text by `••••`: a last line of defence for bodies
 * and headers relayed to the panel, should an upstream ever echo a credential.
 */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('••••');
  }
  return out;
}
