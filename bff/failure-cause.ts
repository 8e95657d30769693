/**
 * Why a request to the Partner API failed, for the log: a network error's own code and message,
 * found down its `cause` chain (`fetch` throws `TypeError: fetch failed` with the socket's error
 * as its cause; undici throws the socket's error itself). Userinfo in any URL is cut out and the
 * text is bounded; the message of an error we made ourselves carries no request data.
 *
 * @example
 *   failureCause(new TypeError('fetch failed', { cause: connectError }));
 *   // 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:4010'
 */
const MAX_LENGTH = 200;
const MAX_DEPTH = 5;

/** `code: message` of the innermost error that has either, or `undefined`. */
export function failureCause(error: unknown): string | undefined {
  let found: string | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < MAX_DEPTH && typeof current === 'object' && current; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    const parts = [
      typeof code === 'string' ? code : undefined,
      typeof message === 'string' ? message : undefined,
    ];
    const text = parts.filter((part) => part !== undefined && part !== '').join(': ');
    if (text) found = text;
    current = (current as { cause?: unknown }).cause;
  }
  if (found === undefined) return undefined;
  // `scheme://user:password@host` → `scheme://host`, wherever a URL shows up.
  const safe = found.replace(/\/\/[^/\s@]*@/g, '//').replace(/\s+/g, ' ');
  return safe.length > MAX_LENGTH ? `${safe.slice(0, MAX_LENGTH - 1)}…` : safe;
}
