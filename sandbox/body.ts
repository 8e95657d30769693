/**
 * Reads a JSON request body from the exact bytes that were received and verified (never a second
 * reading of the stream): the Content-Type must be `application/json`, the bytes UTF-8, the text
 * JSON. Each failure is a 400 whose `fieldErrors` names `Content-Type` or `body`.
 *
 * @example
 *   const input = jsonBody(c); // unknown: check it with the contract's rules next
 */
import { badRequest, MESSAGES } from './errors.js';
import type { SandboxContext } from './context.js';

const JSON_TYPE = /^application\/json\s*(;|$)/i;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function jsonBody(c: SandboxContext): unknown {
  if (!JSON_TYPE.test(c.req.header('Content-Type') ?? '')) {
    throw badRequest([{ field: 'Content-Type', message: MESSAGES.contentType }]);
  }
  try {
    return JSON.parse(utf8.decode(c.get('body')));
  } catch {
    // The parser's own message may quote the body, so it is not passed on.
    throw badRequest([{ field: 'body', message: MESSAGES.malformedJson }]);
  }
}
