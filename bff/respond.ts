/**
 * Every answer the BFF makes, built in one place with all its headers at once: the security
 * headers, a fresh `X-Request-Id`, `Vary: Origin`, and the CORS headers for an allowed origin.
 *
 * The headers go in as one plain object: on Node, `@hono/node-server` writes such an answer
 * straight to the socket, where setting them one by one on a `Headers` object would cost a
 * validation each. An answer made elsewhere (by Hono itself) is decorated afterwards instead.
 *
 * @example
 *   return respond.json(c, 200, result);
 *   return respond.empty(c, 204, { 'access-control-max-age': '600' });
 */
import type { Context } from 'hono';
import type { OriginPolicy } from './origin.js';
import { EXPOSED_HEADERS } from './origin.js';
import type { BffEnv, RequestState, Responder } from './context.js';

export type { BffEnv, RequestLog, RequestState, Responder } from './context.js';

/** The same on every answer: JSON only, never cached, never framed, never sniffed. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  vary: 'Origin',
};

export function createResponder(origins: OriginPolicy): Responder {
  const ours = new WeakSet<Response>();

  function headersFor(state: RequestState, extra?: Readonly<Record<string, string>>) {
    // Copied, not spread into a literal: on Node 20 the spread costs some 2 µs an answer.
    const headers: Record<string, string> = Object.assign({}, SECURITY_HEADERS);
    headers['x-request-id'] = state.requestId;
    const { origin } = state;
    if (origin !== undefined && origins.isAllowed(origin)) {
      headers['access-control-allow-origin'] = origin;
      headers['access-control-expose-headers'] = EXPOSED_HEADERS;
    }
    if (extra) for (const name in extra) headers[name.toLowerCase()] = extra[name]!;
    return headers;
  }

  function json(
    c: Context<BffEnv>,
    status: number,
    body: unknown,
    extra?: Readonly<Record<string, string>>,
  ): Response {
    const headers = headersFor(c.get('bff'), extra);
    headers['content-type'] = 'application/json';
    const response = new Response(JSON.stringify(body), { status, headers });
    ours.add(response);
    return response;
  }

  function empty(
    c: Context<BffEnv>,
    status: number,
    extra?: Readonly<Record<string, string>>,
  ): Response {
    const response = new Response(null, { status, headers: headersFor(c.get('bff'), extra) });
    ours.add(response);
    return response;
  }

  function frame(c: Context<BffEnv>, response: Response): void {
    if (ours.has(response)) return;
    const headers = response.headers;
    for (const [name, value] of Object.entries(headersFor(c.get('bff')))) {
      if (name === 'vary') headers.append(name, value);
      else headers.set(name, value);
    }
  }

  return { json, empty, frame };
}
