/**
 * The BFF for runtimes other than Node (Cloudflare Workers, Deno, Bun, any edge runtime): the
 * same `createBff`, on web-standard APIs only (`fetch`, Web Crypto, web streams). Unlike
 * `index.ts`, nothing here loads undici, `@hono/node-server` or any `node:` module.
 *
 * @example
 *   import { createBff, configFromEnv } from 'boca-user-profile/bff/web';
 *   const result = configFromEnv(env);
 *   if (result.ok) app = createBff(result.config);
 */
export { createBff, type BffApp, type BffEnv } from './app.js';
export {
  createEmbedTokenVerifier,
  DEFAULT_TTL_SECONDS,
  EMBED_TOKEN_AUDIENCE,
  mintEmbedToken,
  verifyEmbedToken,
} from './token.js';
export type { EmbedTokenClaims, EmbedTokenOptions, MintEmbedTokenOptions } from './token.js';
export { createMemoryStore, type MemoryStore } from './stores/memory.js';
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
export { createFetchTransport } from './transport-fetch.js';
export { webHmacSha256 } from '../contract/signing-web.js';
export { configFromEnv, type BffConfig, type ConfigResult } from './config.js';
export { HttpError } from './errors.js';
export type {
  BffOptions,
  LoadProfile,
  LogEntry,
  Logger,
  OnProfileUpdated,
  Transport,
  TransportRequest,
  TransportResponse,
} from './types.js';
