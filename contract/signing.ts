/**
 * Request signing for Boca Raton's Partner API: a pure module, with the HMAC and the clock
 * supplied by the caller so that it runs anywhere (`signing-node.ts` and `signing-web.ts` hold
 * the two HMAC implementations).
 *
 * The canonical request is `METHOD \n PATH_AND_QUERY \n TIMESTAMP \n BODY` with the raw body (not
 * hashed, no trailing newline), and the signature is its lowercase hex HMAC-SHA256.
 *
 * @example
 *   const timestamp = formatTimestamp(Date.now());
 *   const signature = await signRequest(nodeHmacSha256, secret, {
 *     method: 'PATCH', pathAndQuery: '/v1/users/partner-user-42', timestamp, body,
 *   });
 */

/** Lowercase hex HMAC-SHA256 of `message` keyed with the UTF-8 bytes of `secret`. */
export type HmacSha256 = (secret: string, message: Uint8Array) => string | Promise<string>;

export interface RequestParts {
  /** Upper-case HTTP method. */
  method: string;
  /** The path and query exactly as sent on the wire, percent-encoding included. */
  pathAndQuery: string;
  /** The exact `X-Request-Timestamp` value. */
  timestamp: string;
  /** The raw body: a string (encoded as UTF-8) or the bytes themselves; empty when there is none. */
  body: string | Uint8Array;
}

/** The server rejects a timestamp further than this from its clock. */
export const SIGNATURE_WINDOW_SECONDS = 60;

const encoder = new TextEncoder();
const HEX_SIGNATURE = /^[0-9a-f]{64}$/;
const METHOD = /^[A-Z]+$/;

function assertParts(parts: RequestParts): void {
  if (typeof parts !== 'object' || parts === null) throw new TypeError('parts must be an object');
  const { method, pathAndQuery, timestamp, body } = parts;
  if (typeof method !== 'string' || !METHOD.test(method)) {
    throw new TypeError('method must be an upper-case HTTP method such as "PATCH"');
  }
  if (typeof pathAndQuery !== 'string' || !pathAndQuery.startsWith('/')) {
    throw new TypeError('pathAndQuery must be a string starting with "/"');
  }
  if (typeof timestamp !== 'string' || timestamp === '') {
    throw new TypeError('timestamp must be a non-empty string');
  }
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
    throw new TypeError('body must be a string or a Uint8Array');
  }
}

/** The canonical request string, for display and debugging. */
export function canonicalRequest(parts: RequestParts): string {
  assertParts(parts);
  const body = typeof parts.body === 'string' ? parts.body : new TextDecoder().decode(parts.body);
  return `${parts.method}\n${parts.pathAndQuery}\n${parts.timestamp}\n${body}`;
}

/** The canonical request as the exact bytes that are signed: the body's bytes are kept as they are. */
export function canonicalBytes(parts: RequestParts): Uint8Array {
  assertParts(parts);
  const head = encoder.encode(`${parts.method}\n${parts.pathAndQuery}\n${parts.timestamp}\n`);
  const body = typeof parts.body === 'string' ? encoder.encode(parts.body) : parts.body;
  const bytes = new Uint8Array(head.length + body.length);
  bytes.set(head);
  bytes.set(body, head.length);
  return bytes;
}

function assertSecret(secret: string): void {
  if (typeof secret !== 'string' || secret === '') {
    throw new TypeError('secret must be a non-empty string');
  }
}

/** Signs a request: the lowercase hex HMAC-SHA256 of its canonical bytes. */
export async function signRequest(
  hmac: HmacSha256,
  secret: string,
  parts: RequestParts,
): Promise<string> {
  assertSecret(secret);
  return hmac(secret, canonicalBytes(parts));
}

/** Compares two strings in time that depends only on their length. */
export function timingSafeEqual(a: string, b: string): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') {
    throw new TypeError('both values must be strings');
  }
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) {
    difference |= a.charCodeAt(i) ^ b.charCodeAt(i % (b.length || 1));
  }
  return difference === 0;
}

/** Whether `signature` is the right one for the request, compared in constant time. */
export async function verifyRequest(
  hmac: HmacSha256,
  secret: string,
  parts: RequestParts,
  signature: string,
): Promise<boolean> {
  if (typeof signature !== 'string' || !HEX_SIGNATURE.test(signature)) return false;
  return timingSafeEqual(await signRequest(hmac, secret, parts), signature);
}

/** RFC 3339 in UTC with whole seconds and a `Z`: `2026-03-13T12:00:00Z`. */
export function formatTimestamp(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new TypeError('epochMs must be a finite number');
  return new Date(Math.floor(epochMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Parses an RFC 3339 date-time to epoch milliseconds; `undefined` when it is not one. */
export function parseTimestamp(value: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = RFC3339.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as number[];
  const fraction = match[7] ? Number(match[7]) : 0;
  if (hour! > 23 || minute! > 59 || second! > 59) return undefined;
  const offsetHours = match[8] ? 0 : Number(match[10]);
  const offsetMinutes = match[8] ? 0 : Number(match[11]);
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  const local = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  const check = new Date(local);
  if (check.getUTCMonth() !== month! - 1 || check.getUTCDate() !== day!) return undefined;
  const sign = match[9] === '-' ? -1 : 1;
  return local + fraction * 1000 - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

/** Whether a timestamp parses and lies within the window (±60 s by default) of `nowMs`. */
export function isTimestampFresh(
  timestamp: string,
  nowMs: number,
  windowSeconds = SIGNATURE_WINDOW_SECONDS,
): boolean {
  const at = parseTimestamp(timestamp);
  return at !== undefined && Math.abs(nowMs - at) <= windowSeconds * 1000;
}
