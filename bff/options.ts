/**
 * `createBff`'s options, checked once at start-up and completed with their defaults. A bad option
 * is a programming error, so it throws a TypeError naming the option (never its value, which may
 * be a secret).
 *
 * @example
 *   const resolved = resolveOptions({ apiBaseUrl, apiKey, signingSecret, sessionSecret,
 *     allowedOrigins: ['https://portal.example.com'] });
 *   resolved.upstreamTimeoutMs; // 10000
 */
import type { HmacSha256 } from '../contract/signing.js';
import { webHmacSha256 } from '../contract/signing-web.js';
import { isField, PROFILE_FIELDS } from '../contract/profile.js';
import {
  defaultLogger,
  defaultNewId,
  defaultNow,
  defaultRandom,
  defaultSleep,
} from './defaults.js';
import { readWebBody } from './body.js';
import { isOrigin } from './origin.js';
import { MIN_SESSION_SECRET_BYTES } from './token.js';
import { createMemoryStore } from './stores/memory.js';
import { STORE_FAILURES, type BffStore, type StoreFailure } from './stores/store.js';
import { createFetchTransport } from './transport-fetch.js';
import type { BffOptions, Logger, Sleep, Transport } from './types.js';

export const DEFAULTS = {
  basePath: '/api',
  upstreamTimeoutMs: 10_000,
  attemptTimeoutMs: 5_000,
  retryBaseMs: 100,
  userRateLimit: 30,
  maxUpstreamConcurrency: 32,
  upstreamQueueMs: 1_000,
  storeFailure: 'open',
} as const;

export type ResolvedOptions = Required<
  Omit<BffOptions, 'loadProfile' | 'onProfileUpdated' | 'redisUrl'>
> &
  Pick<BffOptions, 'loadProfile' | 'onProfileUpdated'> & {
    transport: Transport;
    hmac: HmacSha256;
    sleep: Sleep;
    logger: Logger;
    store: BffStore;
    storeFailure: StoreFailure;
  };

/** Why an API base URL is unusable, or `undefined` when it is fine. */
export function apiBaseUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute http(s) URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http(s) URL';
  if (url.username || url.password) return 'must not contain credentials';
  if (url.search || url.hash || value.includes('?') || value.includes('#')) {
    return 'must not have a query or fragment';
  }
  return undefined;
}

const byteLength = (text: string) => new TextEncoder().encode(text).length;

function integer(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`createBff: ${name} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function store(value: unknown): BffStore {
  if (value === undefined) return createMemoryStore();
  const methods = ['admit', 'revoke', 'ping', 'close'] as const;
  if (
    typeof value !== 'object' ||
    value === null ||
    !methods.every((name) => typeof (value as Record<string, unknown>)[name] === 'function')
  ) {
    throw new TypeError('createBff: store must have admit, revoke, ping and close methods');
  }
  return value as BffStore;
}

function storeFailure(value: unknown): StoreFailure {
  if (value === undefined) return DEFAULTS.storeFailure;
  if (!STORE_FAILURES.includes(value as StoreFailure)) {
    throw new TypeError('createBff: storeFailure must be "open" or "closed"');
  }
  return value as StoreFailure;
}

function nonEmpty(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`createBff: ${name} must be a non-empty string`);
  }
  return value;
}

function optionalFunction<T>(name: string, value: T | undefined, fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'function') throw new TypeError(`createBff: ${name} must be a function`);
  return value;
}

/** The names of `fields` that are not fields of the Partner API's profile. */
export function unknownFields(fields: readonly unknown[]): string[] {
  return fields.filter((f) => typeof f !== 'string' || !isField(f)).map(String);
}

function readonlyFields(value: readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new TypeError('createBff: readonlyFields must be an array of field names');
  }
  const unknown = unknownFields(value);
  if (unknown.length > 0) {
    throw new TypeError(
      `createBff: readonlyFields has ${unknown.map((f) => JSON.stringify(f)).join(', ')}, not a field of the Partner API (one of ${PROFILE_FIELDS.join(', ')})`,
    );
  }
  return [...new Set(value)];
}

export function resolveOptions(options: BffOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createBff: options must be an object');
  }
  const apiBaseUrl = nonEmpty('apiBaseUrl', options.apiBaseUrl);
  const urlProblem = apiBaseUrlProblem(apiBaseUrl);
  if (urlProblem) throw new TypeError(`createBff: apiBaseUrl ${urlProblem}`);
  const sessionSecret = nonEmpty('sessionSecret', options.sessionSecret);
  if (byteLength(sessionSecret) < MIN_SESSION_SECRET_BYTES) {
    throw new TypeError(
      `createBff: sessionSecret must be at least ${MIN_SESSION_SECRET_BYTES} bytes`,
    );
  }
  const { allowedOrigins } = options;
  if (
    !Array.isArray(allowedOrigins) ||
    !allowedOrigins.every((o) => typeof o === 'string' && isOrigin(o))
  ) {
    throw new TypeError(
      'createBff: allowedOrigins must be an array of origins such as "https://portal.example.com" (no path, no trailing slash)',
    );
  }
  const basePath = options.basePath ?? DEFAULTS.basePath;
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(basePath)) {
    throw new TypeError(
      'createBff: basePath must be a path such as "/api", without a trailing slash',
    );
  }
  if (options.redisUrl !== undefined) {
    throw new TypeError(
      'createBff: redisUrl needs the Node entry (createNodeBff); elsewhere pass a store instead',
    );
  }
  const upstreamTimeoutMs = integer(
    'upstreamTimeoutMs',
    options.upstreamTimeoutMs ?? DEFAULTS.upstreamTimeoutMs,
    1,
    2_147_483_647,
  );

  return {
    apiBaseUrl,
    apiKey: nonEmpty('apiKey', options.apiKey),
    signingSecret: nonEmpty('signingSecret', options.signingSecret),
    sessionSecret,
    allowedOrigins: [...allowedOrigins],
    basePath,
    readonlyFields: readonlyFields(options.readonlyFields),
    loadProfile: optionalFunction('loadProfile', options.loadProfile, undefined),
    onProfileUpdated: optionalFunction('onProfileUpdated', options.onProfileUpdated, undefined),
    upstreamTimeoutMs,
    attemptTimeoutMs: integer(
      'attemptTimeoutMs',
      options.attemptTimeoutMs ?? Math.min(DEFAULTS.attemptTimeoutMs, upstreamTimeoutMs),
      1,
      2_147_483_647,
    ),
    retryBaseMs: integer('retryBaseMs', options.retryBaseMs ?? DEFAULTS.retryBaseMs, 0, 60_000),
    transport:
      optionalFunction('transport', options.transport, undefined) ?? createFetchTransport(),
    hmac: optionalFunction('hmac', options.hmac, webHmacSha256),
    now: optionalFunction('now', options.now, defaultNow),
    random: optionalFunction('random', options.random, defaultRandom),
    sleep: optionalFunction('sleep', options.sleep, defaultSleep),
    logger: optionalFunction('logger', options.logger, defaultLogger),
    newId: optionalFunction('newId', options.newId, defaultNewId),
    readBody: optionalFunction('readBody', options.readBody, readWebBody),
    userRateLimit: integer(
      'userRateLimit',
      options.userRateLimit ?? DEFAULTS.userRateLimit,
      1,
      1_000_000,
    ),
    maxUpstreamConcurrency: integer(
      'maxUpstreamConcurrency',
      options.maxUpstreamConcurrency ?? DEFAULTS.maxUpstreamConcurrency,
      1,
      100_000,
    ),
    upstreamQueueMs: integer(
      'upstreamQueueMs',
      options.upstreamQueueMs ?? DEFAULTS.upstreamQueueMs,
      0,
      60_000,
    ),
    store: store(options.store),
    storeFailure: storeFailure(options.storeFailure),
  };
}
