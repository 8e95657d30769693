/**
 * The outermost middleware: gives each request its `req-<uuid>` id (also sent as `X-Request-Id`)
 * and writes one structured log line when it ends. The line says what happened (method, wire
 * path, status, duration, applied, replayed, fault, the names of bad fields) and never carries a
 * header value, a signature, a key or a profile value.
 *
 * @example
 *   app.use(requestLog({ logger: (entry) => lines.push(entry), now, onRequest: () => count++ }));
 */
import type { MiddlewareHandler } from 'hono';
import { newRequestId } from '../contract/api.js';
import { ApiError, DroppedConnection } from './errors.js';
import { wirePath, type SandboxEnv } from './context.js';

export interface LogEntry {
  time: string;
  requestId: string;
  method: string;
  /** The wire path (the externalId is the partner's id, not personal data); no query. */
  path: string;
  /** `null` when the connection was dropped before any answer. */
  status: number | null;
  durationMs: number;
  applied: boolean;
  replayed: boolean;
  dropped?: true;
  fault?: string;
  error?: string;
  message?: string;
  fields?: string[];
}

export type Logger = (entry: LogEntry) => void;

/** The default logger: one JSON line on stdout. */
export const jsonLineLogger: Logger = (entry) => {
  // eslint-disable-next-line no-console -- the sandbox's log is its standard output
  console.log(JSON.stringify(entry));
};

export interface RequestLogOptions {
  logger: Logger;
  now: () => number;
  onRequest: () => void;
}

export function requestLog({
  logger,
  now,
  onRequest,
}: RequestLogOptions): MiddlewareHandler<SandboxEnv> {
  return async function logRequest(c, next) {
    const started = performance.now();
    const requestId = newRequestId();
    c.set('requestId', requestId);
    c.set('outcome', { applied: false, replayed: false });
    c.header('X-Request-Id', requestId);
    onRequest();
    let dropped = false;
    try {
      await next();
    } catch (error) {
      dropped = error instanceof DroppedConnection;
      throw error;
    } finally {
      const outcome = c.get('outcome');
      const entry: LogEntry = {
        time: new Date(now()).toISOString(),
        requestId: c.get('requestId'),
        method: c.req.method,
        path: wirePath(c),
        status: dropped && !c.finalized ? null : c.res.status,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        applied: outcome.applied,
        replayed: outcome.replayed,
      };
      if (dropped) entry.dropped = true;
      if (outcome.fault) entry.fault = outcome.fault;
      if (c.error instanceof ApiError) {
        entry.error = c.error.key;
        entry.message = c.error.message;
      } else if (c.error && !dropped) {
        entry.error = 'internal_error';
      }
      if (outcome.fields) entry.fields = outcome.fields;
      logger(entry);
    }
  };
}
