/**
 * `startDemo(options)`: the whole sales demo in one process. The Partner API sandbox on its own
 * port (unless `BOCA_API_BASE_URL` points at a real Partner API), and one Hono app that serves the
 * demo portal: its page and assets at `/`, the portal's own endpoints at `/portal/*`, and the real
 * BFF at `/api` (plus `/healthz`), mounted exactly as a partner mounts it.
 *
 * `npm start` calls it with the environment; the end-to-end tests call it on port 0.
 *
 * @example
 *   const demo = await startDemo({ port: 0, sandboxPort: 0, env: {} });
 *   console.log(demo.url); // http://127.0.0.1:53122
 *   await demo.close();
 */
import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { nodeHmacSha256 } from '../contract/signing-node.js';
import {
  configFromEnv,
  createNodeBff,
  createUndiciTransport,
  mintEmbedTokenResponse,
  serveApp,
  type BffConfig,
  type ClosableTransport,
  type LogEntry,
  type NodeBff,
  type RunningServer,
} from '../bff/index.js';
import { readSandboxConfig, serveSandbox, type RunningSandbox } from '../sandbox/index.js';
import { loadAssets } from './assets.js';
import { createExchangeLog } from './exchanges.js';
import { EMBED_TOKEN_PATH, type EmbedTokenResponse } from '../contract/embed-token.js';
import { createPortalRoutes } from './portal.js';
import { recordingTransport } from './recording-transport.js';
import { createRecords, type Records } from './records.js';
import { createScenarios, type Scenarios } from './scenarios.js';
import { sandboxFaults, seedUsersFor } from './sandbox-link.js';
import { securityHeaders } from './security-headers.js';
import { DEMO_USERS } from './users.js';

type Env = Record<string, string | undefined>;

export interface StartDemoOptions {
  /** The demo portal's port (default 8787; 0 picks a free one). */
  port?: number;
  /** The sandbox's port (default `SANDBOX_PORT` or 4010; 0 picks a free one). */
  sandboxPort?: number;
  /** Where both listen; `127.0.0.1` by default, reachable from this machine only. */
  hostname?: string;
  /** The `BOCA_*` and `SANDBOX_*` variables (default `process.env`). */
  env?: Env;
  /** The Retry-After of the rate-limit scenario, in seconds (default 2 s past the deadline). */
  retryAfterSeconds?: number;
  /** Progress and one line per BFF request; quiet by default. */
  log?: (line: string) => void;
}

export interface Demo {
  /** The demo portal, e.g. `http://127.0.0.1:8787`. */
  url: string;
  /** The origins the BFF accepts. */
  allowedOrigins: readonly string[];
  /** The sandbox and its control surface; null when talking to a real Partner API. */
  sandbox: RunningSandbox | null;
  /** The Partner API the BFF talks to. */
  upstreamUrl: string;
  upstreamTimeoutMs: number;
  /** The portal's own records of its users (what `loadProfile` answers). */
  records: Records;
  scenarios: Scenarios | null;
  close(): Promise<void>;
}

/** A line for the terminal from the BFF's structured log: no user data is in it. */
function logLine(entry: LogEntry): string {
  const attempts = entry.attempts ? ` · ${entry.attempts} attempt(s)` : '';
  const upstream = entry.upstreamStatus ? ` · upstream ${entry.upstreamStatus}` : '';
  const problem = entry.problem ? ` · ${entry.problem}` : '';
  return `  ${entry.method} ${entry.route} → ${entry.status} in ${Math.round(entry.durationMs ?? 0)} ms${attempts}${upstream}${problem}`;
}

/**
 * The BFF's configuration, checked by its own `configFromEnv`: the environment, the sandbox's
 * credentials when there is one, and the demo's defaults for the session secret and the origins.
 */
function bffConfig(env: Env, credentials: Env, origins: string[]): BffConfig {
  const checked = configFromEnv({
    ...env,
    ...credentials,
    BOCA_SESSION_SECRET: env.BOCA_SESSION_SECRET || randomBytes(32).toString('base64url'),
    BOCA_ALLOWED_ORIGINS: env.BOCA_ALLOWED_ORIGINS || [...new Set(origins)].join(','),
    // The BFF's own PORT and HOST do not apply: it is mounted in the demo's server.
    PORT: undefined,
    HOST: undefined,
  });
  if (!checked.ok) {
    const problems = checked.problems.map((problem) => `  - ${problem}`).join('\n');
    throw new Error(`the configuration is incomplete:\n${problems}`);
  }
  return checked.config;
}

export async function startDemo(options: StartDemoOptions = {}): Promise<Demo> {
  const { hostname = '127.0.0.1', env = process.env, retryAfterSeconds } = options;
  const log = options.log ?? (() => {});
  let server: RunningServer | undefined;
  let sandbox: RunningSandbox | null = null;
  let upstream: ClosableTransport | undefined;
  let bff: NodeBff | undefined;
  let closing: Promise<void> | undefined;
  // The page's server first, then the sandbox (which ends its stalls), then the sockets to it.
  const closeAll = () =>
    (closing ??= (async () => {
      await server?.close().catch(() => {});
      await sandbox?.close().catch(() => {});
      await upstream?.close().catch(() => {});
      await bff?.close().catch(() => {});
    })());

  try {
    const realApi = (env.BOCA_API_BASE_URL ?? '') !== '';
    // Against a real Partner API, missing credentials are reported before anything is built.
    if (realApi) bffConfig(env, {}, ['http://127.0.0.1:8787']);
    const assets = await loadAssets({ log });

    let credentials: Env = {};
    if (!realApi) {
      const config = readSandboxConfig(env);
      const apiKey = config.apiKey ?? 'sandbox-api-key';
      const signingSecret = config.signingSecret ?? 'sandbox-signing-secret';
      sandbox = await serveSandbox({
        port: options.sandboxPort ?? config.port,
        hostname,
        apiKey,
        signingSecret,
        rateLimit: config.rateLimit,
        users: seedUsersFor(DEMO_USERS),
        logger: () => {},
      });
      credentials = {
        BOCA_API_BASE_URL: sandbox.url,
        BOCA_API_KEY: apiKey,
        BOCA_SIGNING_SECRET: signingSecret,
      };
    }

    // Listen first: the BFF's allowed origins default to the demo's own, port included.
    const ready: { app?: Hono } = {};
    server = await serveApp(
      {
        fetch: (request: Request, bindings: never) =>
          ready.app?.fetch(request, bindings) ?? new Response('Starting', { status: 503 }),
      },
      { port: options.port ?? 8787, hostname, graceMs: 1000 },
    );
    const origins = [`http://${hostname}:${server.port}`, `http://localhost:${server.port}`];

    const config = bffConfig(env, credentials, origins);

    const running = sandbox;
    const records = createRecords(DEMO_USERS);
    const scenarios = running
      ? createScenarios(sandboxFaults(running.sandbox), {
          retryAfterSeconds,
          upstreamTimeoutMs: config.upstreamTimeoutMs,
        })
      : null;
    const exchanges = createExchangeLog({
      secrets: [config.apiKey, config.signingSecret, config.sessionSecret],
      onFinished: (exchange) => {
        if (exchange.method !== 'GET' && exchange.scenario !== null) scenarios?.spent();
      },
    });

    upstream = createUndiciTransport(config.apiBaseUrl);
    bff = createNodeBff({
      apiBaseUrl: config.apiBaseUrl,
      apiKey: config.apiKey,
      signingSecret: config.signingSecret,
      sessionSecret: config.sessionSecret,
      allowedOrigins: config.allowedOrigins,
      upstreamTimeoutMs: config.upstreamTimeoutMs,
      readonlyFields: config.readonlyFields,
      userRateLimit: config.userRateLimit,
      maxUpstreamConcurrency: config.maxUpstreamConcurrency,
      storeFailure: config.storeFailure,
      ...(config.redisUrl === undefined ? {} : { redisUrl: config.redisUrl }),
      transport: recordingTransport(upstream, {
        log: exchanges,
        apiKey: config.apiKey,
        signingSecret: config.signingSecret,
      }),
      // The partner's hooks: its own records feed the form and learn of every accepted change.
      loadProfile: async (externalId) => records.get(externalId)?.profile ?? null,
      onProfileUpdated: (externalId, changes, result) => {
        records.update(externalId, changes, result.status);
      },
      logger: (entry) => log(logLine(entry)),
    });

    function mintToken(externalId: string, { expired = false } = {}): Promise<EmbedTokenResponse> {
      // An expired token is minted as if an hour ago: it really is out of date, not forged.
      const issuedAt = Date.now() - (expired ? 3_600_000 : 0);
      return mintEmbedTokenResponse({
        secret: config.sessionSecret,
        externalId,
        hmac: nodeHmacSha256,
        now: () => issuedAt,
      });
    }

    const app = new Hono();
    app.use('*', securityHeaders());
    app.get('/', (c) => c.html(assets.page));
    app.get('/assets/:name', (c) => assets.respond(c.req.param('name')) ?? c.notFound());
    const portal = createPortalRoutes({
      records,
      mintToken,
      scenarios,
      sandboxNote: running
        ? undefined
        : `The outcome buttons need the sandbox; this demo talks to ${config.apiBaseUrl}.`,
      resetSandbox: running ? () => running.sandbox.reset() : undefined,
      log: exchanges,
      upstreamTimeoutMs: config.upstreamTimeoutMs,
      allowedOrigins: config.allowedOrigins,
    });
    app.route('/portal', portal);
    // The token endpoint where every guide has it, answered by the portal (which knows the user).
    app.post(EMBED_TOKEN_PATH, (c) => portal.fetch(c.req.raw));
    app.use(
      '/api/*',
      exchanges.middleware(() => scenarios?.armed() ?? null),
    );
    app.route('/', bff.app);
    ready.app = app;

    return {
      url: origins[0]!,
      allowedOrigins: config.allowedOrigins,
      sandbox,
      upstreamUrl: config.apiBaseUrl,
      upstreamTimeoutMs: config.upstreamTimeoutMs,
      records,
      scenarios,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
