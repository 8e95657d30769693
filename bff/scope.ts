/**
 * The frame around every request the BFF answers: a fresh `X-Request-Id` (never the client's),
 * the security and CORS headers on every answer (errors and 404s included), and exactly one
 * structured log line with the route pattern, method, status, duration, the upstream's status and
 * attempts, and nothing the user sent.
 *
 * @example
 *   app.use('/api/*', createScope({ now, newId, logger, origins }));
 *   // a handler adds to the line: c.var.log.upstreamStatus = 503;
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { OriginPolicy } from './origin.js';
import type { LogEntry, Logger } from './types.js';

/** What a request adds to its log line as it goes. */
export type RequestLog = Partial<
  Pick<
    LogEntry,
    | 'level'
    | 'token'
    | 'upstreamStatus'
    | 'attempts'
    | 'upstreamRequestId'
    | 'problem'
    | 'errorName'
  >
>;

export type BffEnv = { Variables: { requestId: string; log: RequestLog; startedAt: number } };

/** The same on every answer: JSON only, never cached, never framed, never sniffed. */
export const SECURITY_HEADERS: readonly (readonly [string, string])[] = [
  ['Cache-Control', 'no-store'],
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Referrer-Policy', 'no-referrer'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
];

export interface ScopeOptions {
  now: () => number;
  newId: () => string;
  logger: Logger;
  origins: OriginPolicy;
}

export interface Scope {
  middleware: MiddlewareHandler<BffEnv>;
  /** Opens the scope by hand, for an answer that no middleware framed (a 404 off our routes). */
  open(c: Context<BffEnv>): void;
  /** Decorates the answer and writes the log line; `route` when no route matched. */
  close(c: Context<BffEnv>, response: Response, route?: string): void;
}

export function createScope({ now, newId, logger, origins }: ScopeOptions): Scope {
  function open(c: Context<BffEnv>): void {
    c.set('startedAt', now());
    c.set('requestId', `req-${newId()}`);
    c.set('log', {});
  }

  function close(c: Context<BffEnv>, response: Response, route?: string): void {
    const headers = response.headers;
    for (const [name, value] of SECURITY_HEADERS) headers.set(name, value);
    headers.set('X-Request-Id', c.var.requestId);
    origins.decorate(headers, c.req.header('origin'));

    const { log } = c.var;
    const status = response.status;
    const entry: LogEntry = {
      level: log.level ?? (status >= 500 ? 'error' : 'info'),
      msg: 'request',
      requestId: c.var.requestId,
      method: c.req.method,
      route: route ?? c.req.routePath,
      status,
      durationMs: now() - c.var.startedAt,
      ...log,
    };
    try {
      logger(entry);
    } catch {
      // A broken logger must not turn an answer into an error.
    }
  }

  const middleware: MiddlewareHandler<BffEnv> = async function requestScope(c, next) {
    open(c);
    await next();
    close(c, c.res);
  };

  return { middleware, open, close };
}
