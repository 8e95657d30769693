/**
 * The BFF's public types: its options and the small, web-standard interfaces through which the
 * outside world (network, clock, randomness, crypto, logs) comes in. Each has a default that runs
 * on any runtime (`defaults.ts`) and, for Node, a fast adapter (`node.ts`).
 *
 * @example
 *   const transport: Transport = async ({ url, method, headers, body, signal }) => {
 *     const res = await fetch(url, { method, headers, body, signal });
 *     return { status: res.status, headers: res.headers, text: await res.text() };
 *   };
 */
import type { UpdateUserResponse } from '../contract/api.js';
import type { Profile, UpdateUserRequest } from '../contract/profile.js';
import type { HmacSha256 } from '../contract/signing.js';
import type { BffStore, StoreFailure } from './stores/store.js';

/** One signed request to the Partner API. */
export interface TransportRequest {
  /** The full URL: the base URL's origin and `path`. */
  url: string;
  /** The path exactly as signed and sent, e.g. `/v1/users/caf%C3%A9-user`. */
  path: string;
  method: string;
  /** Lower-case names; exactly the headers to send, nothing to add. */
  headers: Readonly<Record<string, string>>;
  /** The exact bytes that were signed. */
  body: Uint8Array;
  /** Aborted when the attempt times out: stop and reject. */
  signal: AbortSignal;
}

/** The Partner API's answer, read whole. */
export interface TransportResponse {
  status: number;
  headers: { get(name: string): string | null };
  text: string;
}

/** Sends one request; rejects on a network failure or when `signal` aborts. */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/** Waits `ms` milliseconds; settles early (either way) when `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** One structured log line; never a secret, token, cookie, signature or profile value. */
export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  msg: string;
  requestId?: string;
  method?: string;
  /** The matched route pattern (`/api/profile`), never the raw path. */
  route?: string;
  status?: number;
  durationMs?: number;
  /** Why the embed token was refused. */
  token?: string;
  upstreamStatus?: number;
  attempts?: number;
  /** The Partner API's own `requestId`, for its support. */
  upstreamRequestId?: string;
  /** What went wrong, in words that carry no user data. */
  problem?: string;
  /** The class name of an unexpected error or of a hook's failure. */
  errorName?: string;
  /** A failed upstream call's own code and message (`ECONNREFUSED: connect …`), never a secret. */
  cause?: string;
}

export type Logger = (entry: LogEntry) => void;

/**
 * Reads at most `limit` bytes of a request's body: its bytes, or `null` past the limit (having
 * stopped reading there). `env` is what the server adapter passes to `app.fetch`.
 */
export type BodyReader = (
  request: Request,
  env: unknown,
  limit: number,
) => Promise<Uint8Array | null>;

/** What a partner's `loadProfile` may answer: the profile, or nothing when there is no record. */
export type LoadProfile = (externalId: string) => Promise<Profile | null | undefined>;

/** Called after a successful save, awaited before the answer; a failure is logged, not raised. */
export type OnProfileUpdated = (
  externalId: string,
  changes: UpdateUserRequest,
  result: UpdateUserResponse,
) => unknown;

export interface BffOptions {
  /** `BOCA_API_BASE_URL`: http(s), no query, fragment or credentials; a path is kept as a prefix. */
  apiBaseUrl: string;
  /** `BOCA_API_KEY`. */
  apiKey: string;
  /** `BOCA_SIGNING_SECRET`. */
  signingSecret: string;
  /** `BOCA_SESSION_SECRET`: at least 32 bytes. */
  sessionSecret: string;
  /** `BOCA_ALLOWED_ORIGINS`: serialised origins such as `https://portal.example.com`. */
  allowedOrigins: readonly string[];
  /**
   * `BOCA_READONLY_FIELDS`: fields of the Partner API (`dateOfBirth`, …) this BFF refuses to
   * change, e.g. identity fields locked after verification; none by default.
   */
  readonlyFields?: readonly string[];
  /** Where the API routes live; `/api` by default. */
  basePath?: string;
  loadProfile?: LoadProfile;
  onProfileUpdated?: OnProfileUpdated;
  /** Overall deadline for one save, retries and their waits included; 10000 by default. */
  upstreamTimeoutMs?: number;
  /** Deadline for one attempt (never beyond the overall one); 5000 by default. */
  attemptTimeoutMs?: number;
  /**
   * The backoff's base: retry n waits up to `retryBaseMs × 2^(n-1)`, at most 1 s; 100 by
   * default. Retries go on while the deadline allows (`upstreamTimeoutMs`).
   */
  retryBaseMs?: number;
  /** `fetch` by default; `createUndiciTransport` on Node. */
  transport?: Transport;
  /** Web Crypto by default; `nodeHmacSha256` on Node. Signs requests and embed tokens. */
  hmac?: HmacSha256;
  /** Epoch milliseconds; `Date.now` by default. */
  now?: () => number;
  /** In [0, 1), for the backoff's jitter; `Math.random` by default. */
  random?: () => number;
  /** Backoffs and each attempt's deadline (cut short through its signal when the attempt ends). */
  sleep?: Sleep;
  /** One JSON line on stdout (errors on stderr) by default; `nodeLogger` with `createNodeBff`. */
  logger?: Logger;
  /** A UUID: request ids and generated idempotency keys; `crypto.randomUUID` by default. */
  newId?: () => string;
  /** Reads the browser's body within the limit; its web stream by default, `readNodeBody` on Node. */
  readBody?: BodyReader;
  /**
   * `BOCA_USER_RATE_LIMIT`: requests a minute one user (the token's `sub`) may make; over it, a
   * 429 with `Retry-After` before any upstream call. 30 by default.
   */
  userRateLimit?: number;
  /**
   * `BOCA_MAX_UPSTREAM_CONCURRENCY`: upstream requests this instance has in flight at most; a save
   * past it waits up to `upstreamQueueMs`, then gets a 429 with `Retry-After`. 32 by default.
   */
  maxUpstreamConcurrency?: number;
  /** How long a save may wait for a place under `maxUpstreamConcurrency`; 1000 ms by default. */
  upstreamQueueMs?: number;
  /**
   * Where the per-user allowances and revoked tokens live: this instance's memory by default
   * (`createMemoryStore`); `createRedisStore` to share them between instances.
   */
  store?: BffStore;
  /**
   * `BOCA_REDIS_URL`: `createNodeBff` makes a Redis store from it (and closes it on `close()`).
   * `createBff` refuses it: on other runtimes, pass a `store` (e.g. a Durable Object's).
   */
  redisUrl?: string;
  /** `BOCA_STORE_FAILURE`: while the store cannot be reached, let requests pass (`open`, the
   * default) or answer them 503 (`closed`). */
  storeFailure?: StoreFailure;
}
