/**
 * Serving a Hono app (the BFF, or a portal that mounts it) on Node with `@hono/node-server`, and
 * stopping it cleanly: no new connections, idle keep-alive sockets closed at once, requests in
 * flight given a grace period.
 *
 * @example
 *   const server = await serveApp(bff.app, { port: 8787, hostname: '127.0.0.1' });
 *   console.log(server.url); // http://127.0.0.1:8787
 *   await server.close();
 */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServeOptions {
  /** 0 picks a free port. */
  port: number;
  /** 127.0.0.1 by default: reachable from this machine only. */
  hostname?: string;
  /** How long requests in flight may take to finish on close, in ms; 5000 by default. */
  graceMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

type FetchApp = { fetch: (request: Request, env: never) => Response | Promise<Response> };

export function serveApp(app: FetchApp, options: ServeOptions): Promise<RunningServer> {
  const { port, hostname = '127.0.0.1', graceMs = 5000 } = options;
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch as never, port, hostname }, (info: AddressInfo) => {
      server.off('error', reject);
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: () => close(server as Server, graceMs),
      });
    });
    server.once('error', reject);
  });
}

function close(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close((error) => {
      clearTimeout(force);
      if (error) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
