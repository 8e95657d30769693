/**
 * The BFF set up for attack: in-process with a recording fake upstream, a fixed clock and a
 * recording `loadProfile` ({@link bffHarness}); on a real socket with that fake
 * ({@link servedBff}); or on a real socket in front of a real sandbox ({@link servedBffOverSandbox}).
 *
 * @example
 *   const harness = await bffHarness();
 *   const response = await harness.request('PATCH', '/api/profile', { headers, body });
 *   harness.upstream.calls; // what reached the Partner API
 */
import {
  createBff,
  createNodeBff,
  MAX_BODY_BYTES,
  mintEmbedToken,
  serveApp,
  type BffOptions,
  type LogEntry,
} from '../../../bff/index.js';
import { nodeHmacSha256 } from '../../../contract/signing-node.js';
import type { Profile } from '../../../contract/profile.js';
import { SEED_PROFILE } from '../../../sandbox/seed.js';
import { recordingUpstream, type RecordingUpstream } from './fake-upstream.js';
import { tokenForge } from './tokens.js';
import type { Attempt } from './hostile.js';

export const ALLOWED_ORIGIN = 'https://portal.example.com';
export const OWNER = 'partner-user-42';
export const OTHER_USER = 'partner-user-7';
export const BODY_LIMIT = MAX_BODY_BYTES;
/** The fixed clock of the in-process BFF: 2026-03-13T12:00:00Z. */
export const NOW_MS = Date.UTC(2026, 2, 13, 12, 0, 0);
export const TODAY = '2026-03-13';

const SECRETS = {
  apiKey: 'test-api-key',
  signingSecret: 'test-signing-secret',
  sessionSecret: 'test-session-secret-0123456789abcdef0123456789',
};

export const JANE: Profile = { ...SEED_PROFILE };

export interface RequestInit {
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export interface HarnessOptions extends Partial<BffOptions> {
  logger?: (entry: LogEntry) => void;
}

/**
 * The in-process BFF's sleep, with its clock stopped: backoffs pass at once, and an attempt's
 * deadline (a sleep with a signal) never comes, so an attempt ends only when the fake answers.
 */
const timeless = (_ms: number, signal?: AbortSignal) =>
  signal === undefined
    ? Promise.resolve()
    : new Promise<void>((_, reject) =>
        signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
      );

/** The in-process BFF with its fakes. */
export async function bffHarness(overrides: HarnessOptions = {}) {
  const secrets = {
    apiKey: overrides.apiKey ?? SECRETS.apiKey,
    signingSecret: overrides.signingSecret ?? SECRETS.signingSecret,
    sessionSecret: overrides.sessionSecret ?? SECRETS.sessionSecret,
  };
  const upstream = recordingUpstream(secrets);
  const loads: string[] = [];
  const logs: LogEntry[] = [];
  const app = createBff({
    apiBaseUrl: 'https://partner-api.example.com',
    allowedOrigins: [ALLOWED_ORIGIN],
    transport: upstream.transport,
    hmac: nodeHmacSha256,
    now: () => NOW_MS,
    sleep: timeless,
    loadProfile: async (externalId) => {
      loads.push(externalId);
      return { ...JANE };
    },
    logger: (entry) => logs.push(entry),
    ...overrides,
    ...secrets,
  });
  const forge = tokenForge({ secret: secrets.sessionSecret, nowSeconds: NOW_MS / 1000 });

  const request = (method: string, path: string, init: RequestInit = {}) =>
    app.fetch(
      new Request(`http://127.0.0.1${path}`, {
        method,
        headers: init.headers ?? {},
        ...(init.body === undefined ? {} : { body: init.body as BodyInit }),
      }),
    );

  return {
    app,
    secrets,
    upstream,
    loads,
    logs,
    forge,
    request,
    send: (attempt: Attempt) =>
      request(attempt.method, attempt.path, {
        headers: attempt.headers,
        ...(attempt.body ? { body: attempt.body } : {}),
      }),
  };
}

export type Harness = Awaited<ReturnType<typeof bffHarness>>;

export interface ServeTimeouts {
  requestTimeoutMs?: number;
  headersTimeoutMs?: number;
  timeoutCheckIntervalMs?: number;
}

/** The BFF's Node entry on 127.0.0.1 (port 0), in front of the recording fake upstream. */
export async function servedBff(timeouts: ServeTimeouts = {}) {
  const upstream: RecordingUpstream = recordingUpstream(SECRETS);
  const logs: LogEntry[] = [];
  const bff = createNodeBff({
    ...SECRETS,
    apiBaseUrl: 'https://partner-api.example.com',
    allowedOrigins: [ALLOWED_ORIGIN],
    transport: upstream.transport,
    logger: (entry) => logs.push(entry),
  });
  const server = await serveApp(bff.app, { port: 0, hostname: '127.0.0.1', ...timeouts });
  const token = await mintEmbedToken({
    secret: SECRETS.sessionSecret,
    externalId: OWNER,
    hmac: nodeHmacSha256,
  });
  return {
    port: server.port,
    url: server.url,
    token,
    upstream,
    logs,
    close: async () => {
      await server.close();
      await bff.close();
    },
  };
}

export type ServedHarness = Awaited<ReturnType<typeof servedBff>>;

/** The BFF's Node entry (undici pool, node:crypto) on 127.0.0.1, in front of a real sandbox. */
export async function servedBffOverSandbox(
  sandboxUrl: string,
  externalIds: readonly string[],
  options: Partial<BffOptions> = {},
) {
  const bff = createNodeBff({
    apiBaseUrl: sandboxUrl,
    apiKey: 'sandbox-api-key',
    signingSecret: 'sandbox-signing-secret',
    sessionSecret: SECRETS.sessionSecret,
    allowedOrigins: [ALLOWED_ORIGIN],
    logger: () => {},
    ...options,
  });
  const server = await serveApp(bff.app, { port: 0, hostname: '127.0.0.1' });
  const tokens = new Map<string, string>();
  for (const externalId of externalIds) {
    tokens.set(
      externalId,
      await mintEmbedToken({ secret: SECRETS.sessionSecret, externalId, hmac: nodeHmacSha256 }),
    );
  }
  return {
    url: server.url,
    origin: ALLOWED_ORIGIN,
    tokenFor: (externalId: string) => tokens.get(externalId)!,
    close: async () => {
      await server.close();
      await bff.close();
    },
  };
}

export type ServedOverSandbox = Awaited<ReturnType<typeof servedBffOverSandbox>>;
