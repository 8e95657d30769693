/**
 * Reading the browser's JSON body, bounded however it arrives.
 *
 * Hono's `bodyLimit` trusts a `Content-Length` when there is one (and is lenient with one that is
 * not a number), so a body longer than it declares would get through it; its 413 is also plain
 * text. So the body is read here, from the stream, counting every byte: a declared length over
 * the limit is refused before reading, and the read stops (and cancels the stream) at the first
 * byte past the limit whatever the headers said, chunked or not.
 *
 * @example
 *   checkJsonContentType(c.req.header('content-type'), c.req.header('content-encoding'));
 *   const value = parseJsonBody(await readBody(c.req.raw, c.env)); // unknown, from JSON
 */
import { HttpError } from './errors.js';
import type { BodyReader } from './types.js';

export type { BodyReader };

export const MAX_BODY_BYTES = 16 * 1024;

const decoder = new TextDecoder('utf-8', { fatal: true });
const DIGITS = /^\d+$/;

const unsupported = (message: string) => new HttpError(415, 'unsupported_media_type', message);

/** Throws 415 unless the body is declared as uncompressed `application/json` in UTF-8. */
export function checkJsonContentType(
  contentType: string | undefined,
  contentEncoding: string | undefined,
): void {
  if (contentEncoding !== undefined && contentEncoding.trim().toLowerCase() !== 'identity') {
    throw unsupported('The body must not be compressed');
  }
  if (contentType === undefined) throw unsupported('The body must be application/json');
  const [type = '', ...parameters] = contentType.split(';');
  if (type.trim().toLowerCase() !== 'application/json') {
    throw unsupported('The body must be application/json');
  }
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=');
    if (name.trim().toLowerCase() !== 'charset') continue;
    if (
      value
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase() !== 'utf-8'
    ) {
      throw unsupported('The body must be encoded in UTF-8');
    }
  }
}

const tooLarge = (limit: number) =>
  new HttpError(413, 'payload_too_large', `The body must be at most ${limit} bytes`, {
    // The rest of an oversized body is not worth reading: end the connection after answering.
    headers: { Connection: 'close' },
  });

/** The web-standard reader: the request's stream, counted chunk by chunk. */
export const readWebBody: BodyReader = async (request, _env, limit) => {
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
};

/**
 * The body's bytes, at most `limit` of them; throws 413 past it, declared or not, and 400 when
 * the body stops before its end.
 */
export async function readBody(
  request: Request,
  env: unknown,
  reader: BodyReader = readWebBody,
  limit = MAX_BODY_BYTES,
): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null) {
    if (!DIGITS.test(declared)) {
      throw new HttpError(400, 'bad_request', 'The Content-Length header is not a number');
    }
    if (Number(declared) > limit) throw tooLarge(limit);
  }
  let bytes: Uint8Array | null;
  try {
    bytes = await reader(request, env, limit);
  } catch (error) {
    if (error instanceof HttpError) throw error;
    // The client went away or was cut off mid-body (a dropped connection, the server's request
    // timeout): its fault, not ours, so a 400 in the log rather than a 500.
    throw new HttpError(400, 'bad_request', 'The body was not received in full');
  }
  if (bytes === null) throw tooLarge(limit);
  return bytes;
}

/** The JSON value of a UTF-8 body; throws 400 (without echoing any of it) when it is not JSON. */
export function parseJsonBody(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    throw new HttpError(400, 'bad_request', 'The body is not valid JSON', {
      fieldErrors: [{ field: 'body', message: 'Must be valid JSON in UTF-8' }],
    });
  }
}
