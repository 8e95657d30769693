/**
 * The BFF on an edge runtime: a Workers-style module whose default export answers
 * `fetch(request, env)`. It is the same `createBff` as on Node, from the web-only entry (no
 * undici, no `node:` modules): the runtime's `fetch` reaches the Partner API and Web Crypto signs.
 * The configuration comes from the runtime's `env` (the same `BOCA_*` variables, as secrets), is
 * checked once, and the app is built once per isolate and reused.
 *
 * In your worker, import from the package instead of this repository:
 *   import { configFromEnv, createBff, createFetchTransport } from 'boca-user-profile/bff/web';
 *
 * @example
 *   // worker.ts
 *   export default createWorker({ loadProfile: (externalId) => lookUp(externalId) });
 */
import {
  configFromEnv,
  createBff,
  createFetchTransport,
  type BffApp,
  type LoadProfile,
  type Logger,
} from '../bff/web.js';

/** The Worker's bindings: the BFF's environment variables (set the secrets as secrets). */
export type Env = Record<string, string | undefined>;

export interface WorkerOptions {
  /** How to reach the Partner API: the runtime's `fetch` by default (a service binding works too). */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Reads the user's current values from your records, for `GET /api/profile`. */
  loadProfile?: LoadProfile;
  /** One JSON line per request on the console by default. */
  logger?: Logger;
}

export interface Worker {
  fetch(request: Request, env: Env): Promise<Response>;
}

/** 503 in the one error shape, with the reason logged (it names variables, never values). */
function notConfigured(problem: string): Response {
  console.error(`boca BFF: configuration ${problem}`);
  const requestId = `req-${crypto.randomUUID()}`;
  return Response.json(
    { error: 'service_unavailable', message: 'The service is not configured', requestId },
    { status: 503, headers: { 'x-request-id': requestId } },
  );
}

export function createWorker({
  // Called, never passed bare: some runtimes refuse a `fetch` detached from the global object.
  fetch: upstream = (input, init) => fetch(input, init),
  loadProfile,
  logger,
}: WorkerOptions = {}): Worker {
  let built: { env: Env; app: BffApp } | undefined;

  return {
    async fetch(request, env) {
      if (built?.env !== env) {
        const result = configFromEnv(env);
        // The problems name variables, never their values; the browser learns only that the
        // service is not ready.
        if (!result.ok) return notConfigured(`incomplete: ${result.problems.join('; ')}`);
        // A Worker holds no Redis connection: the limits' store here is a Durable Object
        // (examples/durable-object-store.ts), or the isolate's memory by default.
        if (result.config.redisUrl !== undefined) {
          return notConfigured('BOCA_REDIS_URL needs the Node entry; on Workers pass a store');
        }
        const { port: _port, host: _host, ...options } = result.config;
        const app = createBff({
          ...options,
          transport: createFetchTransport(upstream as typeof fetch),
          ...(loadProfile && { loadProfile }),
          ...(logger && { logger }),
        });
        built = { env, app };
      }
      return built.app.fetch(request);
    },
  };
}

export default createWorker();
