/**
 * The BFF's public API. `createBff` (runtime-neutral), `createNodeBff` (Node's fast adapters
 * plugged in), the embed-token functions a partner's server calls, the adapters, the
 * environment configuration and the Node serve helper.
 *
 * On a runtime other than Node, import `bff/app.js` and `bff/token.js` directly: they use only
 * web-standard APIs, where this index also loads undici and `@hono/node-server`.
 *
 * @example
 *   import { createNodeBff, mintEmbedToken } from './bff/index.js';
 */
export { createBff, type BffApp, type BffEnv } from './app.js';
export {
  createNodeBff,
  createUndiciTransport,
  nodeHmacSha256,
  nodeLogger,
  readNodeBody,
} from './node.js';
export type { ClosableTransport, NodeBff, UndiciTransportOptions } from './node.js';
export {
  CLOCK_LEEWAY_SECONDS,
  createEmbedTokenVerifier,
  DEFAULT_TTL_SECONDS,
  EMBED_TOKEN_AUDIENCE,
  MAX_TTL_SECONDS,
  MIN_SESSION_SECRET_BYTES,
  mintEmbedToken,
  readEmbedToken,
  VERIFIED_CACHE_SIZE,
  verifyEmbedToken,
} from './token.js';
export type {
  EmbedTokenClaims,
  EmbedTokenOptions,
  MintEmbedTokenOptions,
  TokenCheck,
  TokenFailure,
} from './token.js';
export { createMemoryStore, type MemoryStore } from './stores/memory.js';
export { createRedisStore, type RedisStoreOptions } from './stores/redis.js';
export { revokeEmbedToken, type RevokeEmbedTokenOptions } from './stores/revoke.js';
export { pace } from './stores/store.js';
export type {
  Admission,
  BffStore,
  RateRule,
  Revocation,
  StoreFailure,
  Verdict,
} from './stores/store.js';
export { mintEmbedTokenResponse } from './token-endpoint.js';
export {
  EMBED_TOKEN_PATH,
  parseEmbedTokenResponse,
  type EmbedTokenResponse,
} from '../contract/embed-token.js';
export { webHmacSha256 } from '../contract/signing-web.js';
export { createFetchTransport, MAX_UPSTREAM_BODY_BYTES } from './transport-fetch.js';
export { configFromEnv, DEFAULT_HOST, DEFAULT_PORT } from './config.js';
export type { BffConfig, ConfigResult } from './config.js';
export { serveApp, SERVER_TIMEOUTS } from './serve.js';
export { describeElementAsset, elementAsset, type ElementAsset } from './element-asset.js';
export type { RunningServer, ServeOptions } from './serve.js';
export { DEFAULTS } from './options.js';
export { MAX_BODY_BYTES, readWebBody } from './body.js';
export { defaultLogger, defaultSleep } from './defaults.js';
export { HttpError } from './errors.js';
export type {
  BffOptions,
  BodyReader,
  LoadProfile,
  LogEntry,
  Logger,
  OnProfileUpdated,
  Sleep,
  Transport,
  TransportRequest,
  TransportResponse,
} from './types.js';
