/**
 * What each request carries on its Hono context, and the shape of the responder that answers it.
 * Types only, at the bottom of the BFF's imports: errors, origins, the responder and the handlers
 * all read them from here, so none of them needs another to know what a request is.
 *
 * @example
 *   function handler(c: Context<BffEnv>, respond: Responder) {
 *     c.get('bff').log.upstreamStatus = 503;
 *     return respond.json(c, 200, { ok: true });
 *   }
 */
import type { Context } from 'hono';
import type { LogEntry } from './types.js';

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
    | 'cause'
  >
>;

/** One request's own state, kept on the context under `bff`. */
export interface RequestState {
  requestId: string;
  startedAt: number;
  /** The `Origin` header, read once. */
  origin: string | undefined;
  log: RequestLog;
}

export type BffEnv = { Variables: { bff: RequestState } };

export interface Responder {
  json(
    c: Context<BffEnv>,
    status: number,
    body: unknown,
    extra?: Readonly<Record<string, string>>,
  ): Response;
  empty(c: Context<BffEnv>, status: number, extra?: Readonly<Record<string, string>>): Response;
  /** Adds the headers to an answer made elsewhere; answers made here already have them. */
  frame(c: Context<BffEnv>, response: Response): void;
}
