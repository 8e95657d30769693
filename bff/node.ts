/**
 * The Node entry: the same BFF with the fast adapters measured on Node 20 plugged in: an undici
 * `Pool` (`node-transport.ts`), `node:crypto`'s HMAC (about 5 µs, where Web Crypto costs some
 * 75 µs more inside a server), a body reader on Node's own stream (`node-body.ts`) and a logger
 * that writes straight to stdout.
 *
 * @example
 *   const bff = createNodeBff({ apiBaseUrl, apiKey, signingSecret, sessionSecret, allowedOrigins });
 *   portal.route('/', bff.app);
 *   // on shutdown
 *   await bff.close();
 */
import { nodeHmacSha256 } from '../contract/signing-node.js';
import { createBff, type BffApp } from './app.js';
import { readNodeBody } from './node-body.js';
import { createUndiciTransport } from './node-transport.js';
import { apiBaseUrlProblem } from './options.js';
import { createMemoryStore } from './stores/memory.js';
import { createRedisStore } from './stores/redis.js';
import type { BffStore } from './stores/store.js';
import { createFetchTransport } from './transport-fetch.js';
import type { BffOptions, LogEntry } from './types.js';

export { nodeHmacSha256, readNodeBody, createUndiciTransport };
export type { ClosableTransport, UndiciTransportOptions } from './node-transport.js';

/** The default logger on Node: one JSON line written straight to stdout (errors to stderr). */
export function nodeLogger(entry: LogEntry): void {
  const line = `${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`;
  (entry.level === 'error' ? process.stderr : process.stdout).write(line);
}

export interface NodeBff {
  app: BffApp;
  /** The store the limits and revocations go through: give it to `revokeEmbedToken`. */
  store: BffStore;
  /** Closes the sockets to the Partner API and to Redis (those it made itself). */
  close(): Promise<void>;
}

/**
 * Whether undici's `Pool` really works here. Bun runs Node programs but answers `undici` with its
 * own module, whose `Pool` exists and fails every request: there the runtime's `fetch` is used.
 */
export function undiciPoolWorks(
  versions: Readonly<Record<string, string | undefined>> = process.versions,
): boolean {
  return versions.bun === undefined && versions.node !== undefined;
}

/**
 * `createBff` with the Node adapters plugged in (unless the options bring their own), on Bun
 * its own `fetch` for the transport, and a Redis store when `redisUrl` is set.
 * @throws TypeError naming the first bad option.
 */
export function createNodeBff(options: BffOptions): NodeBff {
  const problem =
    typeof options?.apiBaseUrl === 'string' ? apiBaseUrlProblem(options.apiBaseUrl) : 'is missing';
  if (problem) throw new TypeError(`createBff: apiBaseUrl ${problem}`);
  const { redisUrl, ...rest } = options;
  if (redisUrl !== undefined && options.store !== undefined) {
    throw new TypeError('createBff: give either redisUrl or store, not both');
  }
  const logger = options.logger ?? nodeLogger;
  const ownStore =
    redisUrl !== undefined
      ? createRedisStore({ url: redisUrl, logger })
      : options.store
        ? undefined
        : createMemoryStore();
  const store = options.store ?? ownStore!;
  const own =
    options.transport || !undiciPoolWorks() ? undefined : createUndiciTransport(options.apiBaseUrl);
  const close = async () => {
    await own?.close();
    await ownStore?.close();
  };
  try {
    const app = createBff({
      ...rest,
      store,
      transport: options.transport ?? own ?? createFetchTransport(),
      hmac: options.hmac ?? nodeHmacSha256,
      readBody: options.readBody ?? readNodeBody,
      logger,
    });
    return { app, store, close };
  } catch (error) {
    void close();
    throw error;
  }
}
