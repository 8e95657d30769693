/**
 * The Partner API sandbox: a faithful, in-memory stand-in for Boca Raton's Partner API
 * as its partner documentation describes it, with a typed control surface for tests: fault injection,
 * counters of what was applied, the stored users, and a reset.
 *
 * Middleware order, outermost first: request id and log line, injected faults, authentication
 * (`/v1/*`), rate limit, idempotency (Create and Update), then the routes.
 *
 * @example
 *   const sandbox = createSandbox({ now: () => clock, logger: () => {} });
 *   const res = await sandbox.app.request('/v1/users/partner-user-42', { headers: signed });
 *   sandbox.injectFault({ kind: 'status', status: 503 });
 *   sandbox.appliedCount(idempotencyKey); // 1
 */
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { UserStatus } from '../contract/api.js';
import type { HmacSha256 } from '../contract/signing.js';
import { nodeHmacSha256 } from '../contract/signing-node.js';
import { authenticate } from './auth.js';
import type { SandboxEnv } from './context.js';
import { ApiError, DroppedConnection, errorBody } from './errors.js';
import {
  Faults,
  injectFaults,
  type FaultHandle,
  type FaultSpec,
  type RandomFaultSpec,
} from './faults.js';
import { idempotency, IdempotencyStore } from './idempotency.js';
import { AppliedLedger } from './ledger.js';
import type { Random } from './random.js';
import { rateLimit, RateLimiter } from './rate-limit.js';
import { jsonLineLogger, requestLog, type Logger } from './request-log.js';
import { createUser, getUser, methodNotAllowed, updateUser } from './routes.js';
import { seedUsers, UserStore, type SeedUser, type StoredUser } from './users.js';

export interface SandboxOptions {
  /** The one partner's API key (default `sandbox-api-key`). */
  apiKey?: string;
  /** The HMAC signing secret (default `sandbox-signing-secret`). */
  signingSecret?: string;
  /** Requests per minute per API key (default 600). */
  rateLimit?: number;
  /** The clock, epoch milliseconds (default `Date.now`). */
  now?: () => number;
  /** The users to start with (default: `partner-user-42`, Jane Doe). */
  users?: readonly SeedUser[];
  /** Receives one entry per request (default: a JSON line on stdout). */
  logger?: Logger;
  /** The HMAC-SHA256 (default `node:crypto`). */
  hmac?: HmacSha256;
  /** Numbers in [0, 1) for user ids and random faults (default `Math.random`; see `seededRandom`). */
  random?: Random;
}

export interface SandboxStats {
  /** Requests received, faulted and dropped ones included. */
  requests: number;
  /** Creates and updates applied. */
  applied: number;
  /** …of which carried no Idempotency-Key. */
  appliedWithoutKey: number;
  /** Applications of an Idempotency-Key already applied within 24 h: must stay 0. */
  duplicateApplications: number;
  /** Answers replayed for a repeated Idempotency-Key. */
  replayed: number;
}

export interface Sandbox {
  /** The Hono app: `app.fetch` for a server, `app.request` in tests. */
  app: Hono<SandboxEnv>;
  /** Makes the next matching request(s) fail; see `faults.ts`. */
  injectFault(fault: FaultSpec): FaultHandle;
  /** Rolls faults at random for every matching request (`null` turns it off). */
  setRandomFaults(spec: RandomFaultSpec | null): void;
  /** Removes every fault, stops the random mode and ends the stalls in progress. */
  clearFaults(): void;
  /** The stored user, every field (a copy), or `undefined`. */
  getUser(externalId: string): StoredUser | undefined;
  /** Plays a compliance review: sets a user's status. */
  setStatus(externalId: string, status: UserStatus): void;
  /** Changes applied with this Idempotency-Key within its 24 h; with no key, all changes. */
  appliedCount(idempotencyKey?: string): number;
  stats(): SandboxStats;
  /** Back to the seed users, no faults, no keys, no rate-limit history, counters at zero. */
  reset(): void;
}

function assertText(name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value === '')
    throw new TypeError(`${name} must be a non-empty string`);
}

export function createSandbox({
  apiKey = 'sandbox-api-key',
  signingSecret = 'sandbox-signing-secret',
  rateLimit: limit = 600,
  now = Date.now,
  users: seed = seedUsers(),
  logger = jsonLineLogger,
  hmac = nodeHmacSha256,
  random = Math.random,
}: SandboxOptions = {}): Sandbox {
  assertText('apiKey', apiKey);
  assertText('signingSecret', signingSecret);
  const users = new UserStore(seed, random, now);
  const limiter = new RateLimiter(limit);
  const store = new IdempotencyStore();
  const ledger = new AppliedLedger();
  const faults = new Faults(random);
  let requests = 0;
  let replayed = 0;

  const app = new Hono<SandboxEnv>();
  app.use(
    requestLog({
      logger: (entry) => {
        if (entry.replayed) replayed++;
        logger(entry);
      },
      now,
      onRequest: () => requests++,
    }),
  );
  app.use(injectFaults(faults));
  app.use('/v1/*', authenticate({ apiKey, signingSecret, hmac, now }));
  app.use('/v1/*', rateLimit(limiter, now));
  app.on('POST', '/v1/users', idempotency({ store, hmac, now }));
  app.on('PATCH', '/v1/users/:externalId', idempotency({ store, hmac, now }));

  const deps = { users, ledger, now };
  app.post('/v1/users', createUser(deps));
  app.all('/v1/users', methodNotAllowed(['POST']));
  app.get('/v1/users/:externalId', getUser(deps));
  app.patch('/v1/users/:externalId', updateUser(deps));
  app.all('/v1/users/:externalId', methodNotAllowed(['GET', 'PATCH']));

  app.notFound((c) =>
    c.json(errorBody(new ApiError(404, 'not_found', 'No such route'), c.get('requestId')), 404),
  );
  app.onError((error, c) => {
    if (error instanceof DroppedConnection) throw error;
    if (error instanceof ApiError) {
      if (error.fieldErrors) c.get('outcome').fields = error.fieldErrors.map((e) => e.field);
      const status = error.status as ContentfulStatusCode;
      return c.json(errorBody(error, c.get('requestId')), status, error.headers);
    }
    console.error('sandbox: unexpected failure', error);
    const internal = new ApiError(
      500,
      'internal_error',
      'Unexpected failure; quote the requestId to support',
    );
    return c.json(errorBody(internal, c.get('requestId')), 500);
  });

  return {
    app,
    injectFault: (fault) => faults.inject(fault),
    setRandomFaults: (spec) => faults.setRandom(spec),
    clearFaults: () => faults.clear(),
    getUser: (externalId) => {
      const user = users.get(externalId);
      return user && { ...user };
    },
    setStatus: (externalId, status) => users.setStatus(externalId, status),
    appliedCount: (key) => (key === undefined ? ledger.stats.total : ledger.count(key)),
    stats: () => {
      const applied = ledger.stats;
      return {
        requests,
        applied: applied.total,
        appliedWithoutKey: applied.withoutKey,
        duplicateApplications: applied.duplicates,
        replayed,
      };
    },
    reset: () => {
      faults.clear();
      users.reset();
      limiter.reset();
      store.reset();
      ledger.reset();
      requests = 0;
      replayed = 0;
    },
  };
}
