/**
 * The per-request state the sandbox's middleware share through Hono's context (read it with
 * `c.get()`: `c.var` copies every variable on each access), and how to read the request target
 * exactly as it came off the wire.
 *
 * @example
 *   const app = new Hono<SandboxEnv>();
 *   app.use(async (c, next) => {
 *     await next();
 *     if (c.get('outcome').applied) console.info('changed', wirePathAndQuery(c));
 *   });
 */
import type { Context } from 'hono';

/**
 * What `@hono/node-server` passes as `c.env`, reduced to what the sandbox touches; absent when
 * the app is called in-process (`app.request`) or on another runtime.
 */
export interface NodeBindings {
  incoming?: { url?: string; socket?: { destroy(): void } | null };
}

/** What the request log reports about one request, filled in as it is handled. */
export interface Outcome {
  /** A create or update changed the stored users. */
  applied: boolean;
  /** The answer is a stored one, replayed for a repeated Idempotency-Key. */
  replayed: boolean;
  /** The injected fault that hit this request, if any. */
  fault?: string;
  /** The fields a 400 named (names only, never values). */
  fields?: string[];
}

export interface SandboxEnv {
  Bindings: NodeBindings;
  Variables: {
    requestId: string;
    outcome: Outcome;
    /** The authenticated API key (rate limits and idempotency keys are scoped by it). */
    apiKey: string;
    /** The raw body bytes, exactly as received and verified. */
    body: Uint8Array;
    /** The Idempotency-Key of a request that reserved it. */
    idempotencyKey: string | undefined;
    /** Awaited by the route just before it applies a change (a `during` stall). */
    stallDuring: (() => Promise<void>) | undefined;
  };
}

export type SandboxContext = Context<SandboxEnv>;

/**
 * The path and query exactly as sent: Node's raw request target when served by
 * `@hono/node-server`, else the request URL with its origin cut off. Never decoded and
 * re-encoded, so `%c3%a9` stays `%c3%a9`: signatures are computed over this.
 */
export function wirePathAndQuery(c: SandboxContext): string {
  const raw = c.env?.incoming?.url;
  if (typeof raw === 'string' && raw.startsWith('/')) return raw;
  const url = c.req.url;
  return url.slice(url.indexOf('/', url.indexOf('//') + 2));
}

/** The wire path without its query. */
export function wirePath(c: SandboxContext): string {
  const target = wirePathAndQuery(c);
  const query = target.indexOf('?');
  return query === -1 ? target : target.slice(0, query);
}
