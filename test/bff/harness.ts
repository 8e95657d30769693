/**
 * A BFF wired to fakes for everything outside it: the fake Partner API, a virtual clock, fixed
 * randomness and ids, and a log that keeps its entries. Requests go in-process (`app.request`).
 *
 * @example
 *   const t = makeBff();
 *   const response = await t.patch({ city: 'Montréal' });
 *   t.api.requests[0].bodyText; // '{"city":"Montréal"}'
 */
import assert from 'node:assert/strict';
import { nodeHmacSha256 } from '../../contract/signing-node.js';
import { createBff } from '../../bff/app.js';
import { mintEmbedToken } from '../../bff/token.js';
import type { BffOptions, LogEntry } from '../../bff/types.js';
import { drive, FakeClock } from './fake-clock.js';
import { createFakePartnerApi } from './fake-partner-api.js';

export const API_KEY = 'test-api-key-4b9d7c';
export const SIGNING_SECRET = 'test-signing-secret-8e2f61';
export const SESSION_SECRET = 'test-session-secret-0123456789abcdef';
export const PORTAL = 'https://portal.example.com';
export const START = Date.UTC(2026, 2, 13, 12, 0, 0);
export const USER = 'partner-user-42';

/** Deterministic UUIDs: 00000000-0000-4000-8000-000000000001, …002, … */
export function idSequence() {
  let n = 0;
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;
}

export interface SendOptions {
  token?: string | null;
  origin?: string | null;
  headers?: Record<string, string>;
}

export function makeBff(overrides: Partial<BffOptions> = {}) {
  const clock = new FakeClock(START);
  const api = createFakePartnerApi({
    apiKey: API_KEY,
    signingSecret: SIGNING_SECRET,
    now: clock.now,
  });
  const logs: LogEntry[] = [];
  const app = createBff({
    apiBaseUrl: 'https://partner-api.test',
    apiKey: API_KEY,
    signingSecret: SIGNING_SECRET,
    sessionSecret: SESSION_SECRET,
    allowedOrigins: [PORTAL, 'http://127.0.0.1:8787'],
    transport: api.transport,
    hmac: nodeHmacSha256,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    logger: (entry) => logs.push(entry),
    newId: idSequence(),
    ...overrides,
  });

  const token = (externalId = USER, ttlSeconds?: number) =>
    mintEmbedToken({
      secret: SESSION_SECRET,
      externalId,
      now: clock.now,
      hmac: nodeHmacSha256,
      ...(ttlSeconds === undefined ? {} : { ttlSeconds }),
    });

  async function headersFor(options: SendOptions): Promise<Record<string, string>> {
    const headers: Record<string, string> = {};
    if (options.origin !== null) headers.Origin = options.origin ?? PORTAL;
    if (options.token !== null)
      headers.Authorization = `Bearer ${options.token ?? (await token())}`;
    return { ...headers, ...options.headers };
  }

  /** Any request, driven on the virtual clock. */
  const request = (path: string, init?: RequestInit) =>
    drive(clock, Promise.resolve(app.request(path, init)));

  /** `PATCH /api/profile` with a JSON body (a string is sent as it is). */
  async function patch(body: unknown, options: SendOptions = {}): Promise<Response> {
    return request('/api/profile', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', ...(await headersFor(options)) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  async function get(options: SendOptions = {}): Promise<Response> {
    return request('/api/profile', { headers: await headersFor(options) });
  }

  return { app, clock, api, logs, token, request, patch, get, headersFor };
}

export type Harness = ReturnType<typeof makeBff>;

/** Asserts an error answer in the one shape and returns its body. */
export async function expectError(response: Response, status: number, error: string) {
  assert.equal(response.status, status);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const body = await response.json();
  assert.equal(body.error, error);
  assert.equal(typeof body.message, 'string');
  assert.match(body.requestId, /^req-/);
  return body;
}

/** A raw PATCH: the body and headers exactly as given, with a valid token and Origin. */
export async function rawPatch(
  t: Harness,
  body: BodyInit | null,
  headers: Record<string, string>,
): Promise<Response> {
  return t.request('/api/profile', {
    method: 'PATCH',
    headers: { ...(await t.headersFor({})), ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
}
