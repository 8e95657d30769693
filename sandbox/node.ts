/**
 * The sandbox on a real Node HTTP server (`@hono/node-server`). Port 0 picks a free port; the
 * promise resolves with the real one once the server listens. `close()` ends stalls in progress,
 * closes every connection and resolves when the server has stopped.
 *
 * Dropped connections: the app destroys the request's socket (`c.env.incoming.socket`), so the
 * client sees a reset connection and no answer at all.
 *
 * @example
 *   const { url, sandbox, close } = await serveSandbox({ port: 0, logger: () => {} });
 *   sandbox.injectFault({ kind: 'drop', phase: 'after' });
 *   await close();
 */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createSandbox, type Sandbox, type SandboxOptions } from './app.js';

export interface ServeSandboxOptions extends SandboxOptions {
  /** Default 4010; 0 for any free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  hostname?: string;
}

export interface RunningSandbox {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  port: number;
  sandbox: Sandbox;
  close(): Promise<void>;
}

export function serveSandbox({
  port = 4010,
  hostname = '127.0.0.1',
  ...options
}: ServeSandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = createSandbox(options);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: sandbox.app.fetch, port, hostname }, (info: AddressInfo) => {
      server.off('error', reject);
      const host = hostname.includes(':') ? `[${hostname}]` : hostname;
      let closing: Promise<void> | undefined;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        sandbox,
        close: () =>
          (closing ??= new Promise<void>((done, fail) => {
            sandbox.clearFaults();
            server.close((error) => (error ? fail(error) : done()));
            if ('closeAllConnections' in server) server.closeAllConnections();
          })),
      });
    });
    server.once('error', reject);
  });
}
