/**
 * The store in Redis, shared by every instance that points at the same server: one user's
 * allowance is counted once whichever instance answers, and a revoked token is refused by all.
 *
 * Each check is one round trip and atomic: a Lua script (`EVALSHA`) reads the token's
 * revocation, then moves the user's allowance (one integer, the time at which it is whole again,
 * kept with an expiry so an idle user costs nothing). The user's keys share a hash tag, so a
 * cluster keeps them in one slot.
 *
 * An outage is seen fast and never holds a request: commands are not queued while the
 * connection is down (they fail at once), each command has a short timeout (200 ms by default)
 * for a server that stops answering, and the client reconnects by itself within a second of the
 * server coming back. Going down and coming back are each logged once.
 *
 * `ioredis` is loaded by a dynamic import when the first store is made, so that a BFF on the
 * memory store never loads it; the client starts connecting as soon as it has loaded.
 *
 * @example
 *   const store = createRedisStore({ url: 'redis://127.0.0.1:6379' });
 *   const bff = createNodeBff({ ...options, store });
 *   // on shutdown, after the server: await store.close();
 */
import { once } from 'node:events';
import type { Redis } from 'ioredis';
import type { Logger } from '../types.js';
import { pace, type Admission, type BffStore, type Revocation, type Verdict } from './store.js';
import { redisUrlProblem } from './redis-url.js';

export interface RedisStoreOptions {
  /** `BOCA_REDIS_URL`: `redis://host:port`. */
  url: string;
  /** Longest wait for one command's answer before the store counts as unreachable; 200 ms. */
  commandTimeoutMs?: number;
  /** Longest wait to connect; 1000 ms. */
  connectTimeoutMs?: number;
  /** Put in front of every key, so that several BFFs can share one Redis; `boca:` by default. */
  keyPrefix?: string;
  /** Where going down and coming back are reported; nothing by default. */
  logger?: Logger;
}

// KEYS: the user's allowance, the token's revocation. ARGV: now, interval, burst (whole ms).
// Answers -1 when revoked, 0 when allowed (and counted), else the ms to wait.
const ADMIT = `
if redis.call('EXISTS', KEYS[2]) == 1 then return -1 end
local now = tonumber(ARGV[1])
local burst = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or ARGV[1])
if tat < now then tat = now end
local next = tat + tonumber(ARGV[2])
if next - now > burst then return next - burst - now end
redis.call('SET', KEYS[1], string.format('%d', next), 'PX', string.format('%d', next - now))
return 0
`;

type AdmitClient = Redis & {
  bocaAdmit(
    rate: string,
    revoked: string,
    now: number,
    interval: number,
    burst: number,
  ): Promise<number>;
};

const ignore = () => {};

const NO_IOREDIS = 'createRedisStore: the ioredis package cannot be loaded (npm install ioredis)';

export function createRedisStore(options: RedisStoreOptions): BffStore {
  const { url, commandTimeoutMs = 200, connectTimeoutMs = 1000, keyPrefix = 'boca:' } = options;
  const { logger } = options;
  const problem = typeof url === 'string' ? redisUrlProblem(url) : 'is missing';
  if (problem) throw new TypeError(`createRedisStore: url ${problem}`);

  // Logged once per change, not on every failed reconnection.
  let up: boolean | undefined;
  const report = (now: boolean, errorName?: string) => {
    if (up === now) return;
    const first = up === undefined;
    up = now;
    if (first && now) return;
    try {
      logger?.(
        now
          ? { level: 'info', msg: 'store', problem: 'the store is reachable again' }
          : {
              level: 'warn',
              msg: 'store',
              problem: 'the store cannot be reached',
              ...(errorName ? { errorName } : {}),
            },
      );
    } catch {
      // A broken logger must not break the store.
    }
  };

  const loading = import('ioredis').then(
    ({ Redis }) => {
      const client = new Redis(url, {
        commandTimeout: commandTimeoutMs,
        connectTimeout: connectTimeoutMs,
        // Fail at once while disconnected: a queued command would count a request long answered.
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        retryStrategy: (times) => Math.min(times * 50, 1000),
      }) as AdmitClient;
      client.defineCommand('bocaAdmit', { numberOfKeys: 2, lua: ADMIT });
      client.on('ready', () => report(true));
      client.on('error', (error: Error) => report(false, error.name));
      client.on('close', () => report(false));
      return client;
    },
    (error: unknown) => {
      try {
        logger?.({ level: 'error', msg: 'store', problem: 'the ioredis package cannot be loaded' });
      } catch {
        // A broken logger must not break the store.
      }
      throw new Error(NO_IOREDIS, { cause: error });
    },
  );
  // Each call below reports the failure; this keeps it from going unhandled meanwhile.
  loading.catch(ignore);

  /**
   * Just made, the client is still connecting: the first calls wait for that (bounded) rather
   * than fail. Once it has been up, a lost connection fails every call at once.
   */
  async function connected(): Promise<AdmitClient> {
    const client = await loading;
    if (up !== undefined || client.status === 'ready') return client;
    await once(client, 'ready', { signal: AbortSignal.timeout(connectTimeoutMs) });
    return client;
  }

  const userKey = (user: string) => `${keyPrefix}{${encodeURIComponent(user)}}`;

  return {
    async admit({ user, tokenId, now, rule }: Admission): Promise<Verdict> {
      const { intervalMs, burstMs } = pace(rule);
      const key = userKey(user);
      const client = await connected();
      const wait = await client.bocaAdmit(
        `${key}:rate`,
        `${key}:revoked:${encodeURIComponent(tokenId)}`,
        Math.floor(now),
        intervalMs,
        burstMs,
      );
      if (wait < 0) return { kind: 'revoked' };
      if (wait === 0) return { kind: 'allowed' };
      return { kind: 'limited', retryAfterMs: wait };
    },
    async revoke({ user, tokenId, expiresAt, now }: Revocation): Promise<void> {
      const ttl = Math.ceil(expiresAt - now);
      if (ttl <= 0) return;
      const client = await connected();
      await client.set(`${userKey(user)}:revoked:${encodeURIComponent(tokenId)}`, '1', 'PX', ttl);
    },
    async ping(): Promise<void> {
      const client = await loading;
      // Just made, it is still connecting: wait for that (bounded) rather than answer no.
      if (
        client.status === 'wait' ||
        client.status === 'connecting' ||
        client.status === 'connect'
      ) {
        await once(client, 'ready', { signal: AbortSignal.timeout(connectTimeoutMs) });
      }
      await client.ping();
    },
    async close(): Promise<void> {
      const client = await loading.catch(() => undefined);
      if (!client) return;
      up = false;
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
      client.removeAllListeners();
      client.on('error', ignore);
    },
  };
}
