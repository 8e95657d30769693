/**
 * `createBff(options)`: the backend-for-frontend as a Hono app that a partner mounts in their own
 * server. It holds the partner's API key and signing secret, learns the user from the embed token,
 * validates the edit with the shared contract, signs it and forwards it to the Partner API.
 *
 * Routes: `GET|PATCH|OPTIONS {basePath}/profile` (`/api` by default), `GET /healthz` (alive) and
 * `GET /readyz` (ready: the store answers). Every
 * other address under `basePath` answers our JSON 404; the app's middleware is registered on its
 * own routes only, so mounting it never changes a partner's other pages.
 *
 * Runtime-neutral: only web-standard APIs (fetch, Web Crypto, streams) unless the options bring
 * faster ones (`createNodeBff` in `node.ts` does).
 *
 * @example
 *   const bff = createBff({
 *     apiBaseUrl: 'https://partner-api.bocaraton.com', apiKey, signingSecret, sessionSecret,
 *     allowedOrigins: ['https://portal.example.com'],
 *     loadProfile: (externalId) => db.profiles.find(externalId),
 *   });
 *   portal.route('/', bff); // or serve(bff) on its own
 */
import { Hono, type Context } from 'hono';
import { errorResponse, HttpError, methodNotAllowed, notFoundError } from './errors.js';
import { createConcurrencyLimit } from './limits/concurrency.js';
import { createUserRateLimit } from './limits/user-rate.js';
import { createOriginPolicy } from './origin.js';
import { resolveOptions } from './options.js';
import { createProfileHandlers } from './profile.js';
import { createResponder, type BffEnv } from './respond.js';
import { createScope } from './scope.js';
import { createEmbedTokenVerifier } from './token.js';
import type { BffOptions } from './types.js';
import { createUpstreamClient } from './upstream.js';

export type { BffEnv } from './respond.js';
export type BffApp = Hono<BffEnv>;

/**
 * Builds the BFF.
 * @throws TypeError naming the first bad option (never showing its value).
 */
export function createBff(options: BffOptions): BffApp {
  const resolved = resolveOptions(options);
  const { basePath, now, newId, logger } = resolved;
  const origins = createOriginPolicy(resolved.allowedOrigins);
  const respond = createResponder(origins);
  const scope = createScope({ now, newId, logger, respond });
  const { store } = resolved;
  const upstream = createUpstreamClient(resolved);
  const inFlight = createConcurrencyLimit({
    max: resolved.maxUpstreamConcurrency,
    waitMs: resolved.upstreamQueueMs,
    sleep: resolved.sleep,
  });
  const profile = createProfileHandlers({
    origins,
    respond,
    verifyToken: createEmbedTokenVerifier({
      secret: resolved.sessionSecret,
      now,
      hmac: resolved.hmac,
    }),
    admitUser: createUserRateLimit({
      store,
      limit: resolved.userRateLimit,
      storeFailure: resolved.storeFailure,
      now,
    }),
    updateUser: (call) => inFlight.run(() => upstream(call), call.log),
    now,
    newId,
    readBody: resolved.readBody,
    readonlyFields: resolved.readonlyFields,
    loadProfile: resolved.loadProfile,
    onProfileUpdated: resolved.onProfileUpdated,
  });
  const profilePath = `${basePath}/profile`;

  const app = new Hono<BffEnv>();
  app.use('/healthz', scope.middleware);
  app.use('/readyz', scope.middleware);
  app.use(basePath, scope.middleware);
  app.use(`${basePath}/*`, scope.middleware);

  app.get('/healthz', (c) => respond.json(c, 200, { status: 'ok' }));
  app.all('/healthz', () => {
    throw methodNotAllowed('GET');
  });

  app.get('/readyz', async (c) => {
    try {
      await store.ping();
    } catch (error) {
      c.get('bff').log.problem = 'the store could not be reached';
      c.get('bff').log.errorName = error instanceof Error ? error.name : typeof error;
      throw new HttpError(503, 'service_unavailable', 'Not ready: the store cannot be reached');
    }
    return respond.json(c, 200, { status: 'ready' });
  });
  app.all('/readyz', () => {
    throw methodNotAllowed('GET');
  });

  app.get(profilePath, profile.get);
  app.patch(profilePath, profile.patch);
  app.options(profilePath, (c) => origins.preflight(c, respond));
  app.all(profilePath, () => {
    throw methodNotAllowed('GET, PATCH, OPTIONS');
  });
  app.all(basePath, () => {
    throw notFoundError();
  });
  app.all(`${basePath}/*`, () => {
    throw notFoundError();
  });

  app.onError((error, c) => errorResponse(c, error, respond));
  // Only reached when the BFF is served on its own: an address outside its routes.
  app.notFound((c: Context<BffEnv>) => {
    scope.open(c);
    const response = errorResponse(c, notFoundError(), respond);
    scope.close(c, response, '(unmatched)');
    return response;
  });
  return app;
}
