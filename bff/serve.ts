/**
 * Serving a Hono app (the BFF, or a portal that mounts it) on Node with `@hono/node-server`, and
 * stopping it cleanly (a drain): no new connections, idle keep-alive sockets closed, requests in
 * flight given a grace period, and none taken on a kept-alive socket without closing it after.
 *
 * A client that sends its request slowly (headers or body dripping in, or nothing at all) would
 * otherwise hold a connection for Node's defaults: 60 s for the headers, 5 minutes for the whole
 * request, checked only every 30 s. The BFF's requests are small (a 16 KiB body at most), so it
 * allows 10 s for the headers and 30 s for the whole request, checked every second.
 *
 * @example
 *   const server = await serveApp(bff.app, { port: 8787, hostname: '127.0.0.1' });
 *   console.log(server.url); // http://127.0.0.1:8787
 *   await server.close();
 */
import { serve } from '@hono/node-server';
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServeOptions {
  /** 0 picks a free port. */
  port: number;
  /** 127.0.0.1 by default: reachable from this machine only. */
  hostname?: string;
  /** How long requests in flight may take to finish on close (the drain's bound), in ms; 5000 by default. */
  graceMs?: number;
  /** Longest a client may take to send a whole request, in ms; 30000 by default. */
  requestTimeoutMs?: number;
  /** Longest a client may take to send a request's headers, in ms; 10000 by default. */
  headersTimeoutMs?: number;
  /** How often those two deadlines are checked, in ms; 1000 by default. */
  timeoutCheckIntervalMs?: number;
}

/** The deadlines for slow clients (Node's own defaults: 5 min, 60 s, checked every 30 s). */
export const SERVER_TIMEOUTS = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  timeoutCheckIntervalMs: 1_000,
} as const;

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

type FetchApp = { fetch: (request: Request, env: never) => Response | Promise<Response> };

export function serveApp(app: FetchApp, options: ServeOptions): Promise<RunningServer> {
  const { port, hostname = '127.0.0.1', graceMs = 5000 } = options;
  const {
    requestTimeoutMs = SERVER_TIMEOUTS.requestTimeoutMs,
    headersTimeoutMs = SERVER_TIMEOUTS.headersTimeoutMs,
    timeoutCheckIntervalMs = SERVER_TIMEOUTS.timeoutCheckIntervalMs,
  } = options;
  const serverOptions = {
    requestTimeout: requestTimeoutMs,
    headersTimeout: Math.min(headersTimeoutMs, requestTimeoutMs),
    connectionsCheckingInterval: timeoutCheckIntervalMs,
  };
  return new Promise((resolve, reject) => {
    const settings = { fetch: app.fetch as never, port, hostname, serverOptions };
    const server = serve(settings, (info: AddressInfo) => {
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

/**
 * Drains: the listener closes at once (new connections are refused), idle keep-alive connections
 * are closed, a request that still arrives on an open connection is answered with
 * `Connection: close`, and requests in flight get `graceMs` to finish before every connection is
 * cut. Resolves once the last connection is gone.
 */
function close(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.prependListener('request', (_request, response: ServerResponse) => {
      response.setHeader('connection', 'close');
    });
    // A connection that finishes its request in flight turns idle: closed within 100 ms.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    sweep.unref();
    force.unref();
    server.close((error) => {
      clearInterval(sweep);
      clearTimeout(force);
      if (error) reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
