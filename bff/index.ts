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
// Everything the web entry has, then what only Node can use.
export * from './web.js';
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
  MAX_TTL_SECONDS,
  MIN_SESSION_SECRET_BYTES,
  readEmbedToken,
  VERIFIED_CACHE_SIZE,
} from './token.js';
export type { TokenCheck, TokenFailure } from './token.js';
export { createRedisStore, type RedisStoreOptions } from './stores/redis.js';
export { MAX_UPSTREAM_BODY_BYTES } from './transport-fetch.js';
export { DEFAULT_HOST, DEFAULT_PORT } from './config.js';
export { serveApp, SERVER_TIMEOUTS } from './serve.js';
export type { RunningServer, ServeOptions } from './serve.js';
export { describeElementAsset, elementAsset, type ElementAsset } from './element-asset.js';
export { DEFAULTS } from './options.js';
export { MAX_BODY_BYTES, readWebBody } from './body.js';
export { defaultLogger, defaultSleep } from './defaults.js';
export type { BodyReader, Sleep } from './types.js';
