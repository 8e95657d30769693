/**
 * The frame around every request the BFF answers: a fresh request id (never the client's), the
 * headers on every answer (see `respond.ts`), and exactly one structured log line with the route
 * pattern, method, status, duration, the upstream's status and attempts, and nothing the user sent.
 *
 * @example
 *   app.use('/api/*', createScope({ now, newId, logger, respond }).middleware);
 *   // a handler adds to the line: c.get('bff').log.upstreamStatus = 503;
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { BffEnv, Responder } from './context.js';
import type { LogEntry, Logger } from './types.js';

export type { BffEnv, RequestLog, RequestState } from './context.js';

export interface ScopeOptions {
  now: () => number;
  newId: () => string;
  logger: Logger;
  respond: Responder;
}

export interface Scope {
  middleware: MiddlewareHandler<BffEnv>;
  /** Opens the scope by hand, for an answer that no middleware framed (a 404 off our routes). */
  open(c: Context<BffEnv>): void;
  /** Frames the answer if it is not ours and writes the log line; `route` when none matched. */
  close(c: Context<BffEnv>, response: Response, route?: string): void;
}

export function createScope({ now, newId, logger, respond }: ScopeOptions): Scope {
  function open(c: Context<BffEnv>): void {
    c.set('bff', {
      requestId: `req-${newId()}`,
      startedAt: now(),
      origin: c.req.header('origin'),
      log: {},
    });
  }

  function close(c: Context<BffEnv>, response: Response, route?: string): void {
    respond.frame(c, response);
    const { requestId, startedAt, log } = c.get('bff');
    const status = response.status;
    const entry: LogEntry = {
      level: status >= 500 ? 'error' : 'info',
      msg: 'request',
      requestId,
      method: c.req.method,
      route: route ?? c.req.routePath,
      status,
      durationMs: now() - startedAt,
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
