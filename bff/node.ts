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
  /** Closes the sockets to the Partner API (when the transport is ours). */
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
 * `createBff` with the Node adapters plugged in (unless the options bring their own); on Bun,
 * its own `fetch` for the transport.
 * @throws TypeError naming the first bad option.
 */
export function createNodeBff(options: BffOptions): NodeBff {
  const problem =
    typeof options?.apiBaseUrl === 'string' ? apiBaseUrlProblem(options.apiBaseUrl) : 'is missing';
  if (problem) throw new TypeError(`createBff: apiBaseUrl ${problem}`);
  const own =
    options.transport || !undiciPoolWorks() ? undefined : createUndiciTransport(options.apiBaseUrl);
  try {
    const app = createBff({
      ...options,
      transport: options.transport ?? own ?? createFetchTransport(),
      hmac: options.hmac ?? nodeHmacSha256,
      readBody: options.readBody ?? readNodeBody,
      logger: options.logger ?? nodeLogger,
    });
    return { app, close: async () => own?.close() };
  } catch (error) {
    void own?.close();
    throw error;
  }
}
