/**
 * The Redis store against a real `redis-server` on 127.0.0.1: the same allowance and revocations
 * as the memory store, counted atomically when many requests race from two clients, keys that
 * expire by themselves; and an outage (the server killed, or frozen so it stops answering) that
 * makes every call fail quickly instead of hanging, logged once, until the server is back.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { createRedisStore } from '../../../bff/stores/redis.js';
import type { BffStore } from '../../../bff/stores/store.js';
import type { LogEntry } from '../../../bff/types.js';
import { startRedis, type RunningRedis } from '../../support/redis-server.js';

const T0 = Date.UTC(2026, 2, 13, 12);
const rule = { limit: 3, periodMs: 60_000 };
const admit = (store: BffStore, now: number, user = 'u', tokenId = 't') =>
  store.admit({ user, tokenId, now, rule });

/** Polls until `check` holds; fails after a generous bound rather than hang. */
async function eventually(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 100; i++) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`never ${what}`);
}

describe('the Redis store', { timeout: 60_000 }, () => {
  let redis: RunningRedis;
  let raw: Redis;
  const stores: BffStore[] = [];
  const newStore = (keyPrefix = 'test:', logs: LogEntry[] = []) => {
    const store = createRedisStore({ url: redis.url, keyPrefix, logger: (e) => logs.push(e) });
    stores.push(store);
    return store;
  };

  before(async () => {
    redis = await startRedis();
    raw = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    raw.on('error', () => {});
  });
  after(async () => {
    for (const store of stores) await store.close();
    raw?.disconnect();
    await redis?.stop();
  });

  it('allows a burst of the limit, then one request per period ÷ limit, per user', async () => {
    const store = newStore('pace:');
    await store.ping();
    for (let i = 0; i < 3; i++) assert.deepEqual(await admit(store, T0), { kind: 'allowed' });
    assert.deepEqual(await admit(store, T0), { kind: 'limited', retryAfterMs: 20_000 });
    assert.deepEqual(await admit(store, T0 + 15_000), { kind: 'limited', retryAfterMs: 5_000 });
    assert.deepEqual(await admit(store, T0 + 20_000), { kind: 'allowed' });
    assert.deepEqual(await admit(store, T0, 'another user'), { kind: 'allowed' });
  });

  it('counts exactly the limit when many requests race from two instances', async () => {
    const [a, b] = [newStore('race:'), newStore('race:')];
    await Promise.all([a.ping(), b.ping()]);
    const verdicts = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        (i % 2 ? a : b).admit({
          user: 'racer',
          tokenId: 't',
          now: T0,
          rule: { limit: 30, periodMs: 60_000 },
        }),
      ),
    );
    assert.equal(verdicts.filter((v) => v.kind === 'allowed').length, 30);
  });

  it('keeps a user’s keys only as long as they matter', async () => {
    const store = newStore('ttl:');
    await admit(store, Date.now(), 'café user');
    await store.revoke({
      user: 'café user',
      tokenId: 'jti-1',
      expiresAt: Date.now() + 600_000,
      now: Date.now(),
    });
    await raw.connect().catch(() => {});
    const keys = (await raw.keys('ttl:*')).sort();
    assert.deepEqual(keys, ['ttl:{caf%C3%A9%20user}:rate', 'ttl:{caf%C3%A9%20user}:revoked:jti-1']);
    const rateTtl = await raw.pttl(keys[0]!);
    const revokedTtl = await raw.pttl(keys[1]!);
    assert.ok(rateTtl > 0 && rateTtl <= 20_000, `rate key expires in ${rateTtl} ms`);
    assert.ok(
      revokedTtl > 590_000 && revokedTtl <= 600_000,
      `revocation expires in ${revokedTtl} ms`,
    );
  });

  it('refuses a revoked token for its user, on every client of the same Redis', async () => {
    const [a, b] = [newStore('revoke:'), newStore('revoke:')];
    await a.revoke({ user: 'u', tokenId: 'gone', expiresAt: T0 + 600_000, now: T0 });
    await b.ping();
    assert.deepEqual(await admit(b, T0, 'u', 'gone'), { kind: 'revoked' });
    assert.deepEqual(await admit(b, T0, 'u', 'kept'), { kind: 'allowed' });
  });

  it('fails fast while the server is down, logs it once, and recovers when it is back', async () => {
    const logs: LogEntry[] = [];
    const store = newStore('outage:', logs);
    await store.ping();
    await redis.kill();
    await eventually(
      () =>
        store.ping().then(
          () => false,
          () => true,
        ),
      'saw the outage',
    );
    await assert.rejects(admit(store, T0));
    await assert.rejects(store.revoke({ user: 'u', tokenId: 't', expiresAt: T0 + 1, now: T0 }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const down = logs.filter((e) => e.problem === 'the store cannot be reached');
    assert.equal(down.length, 1, JSON.stringify(logs));
    assert.equal(down[0]!.level, 'warn');

    await redis.restart();
    await eventually(async () => (await admit(store, T0)).kind === 'allowed', 'recovered');
    assert.ok(logs.some((e) => e.problem === 'the store is reachable again'));
  });

  it('gives up on a server that stops answering, instead of holding the request', async () => {
    const store = newStore('frozen:');
    await store.ping();
    redis.freeze();
    try {
      await assert.rejects(admit(store, T0), /timed out/i);
      await assert.rejects(store.ping(), /timed out/i);
    } finally {
      redis.thaw();
    }
    await eventually(async () => (await admit(store, T0)).kind === 'allowed', 'answered again');
  });

  it('refuses a URL that is not redis://, without repeating it', () => {
    assert.throws(
      () => createRedisStore({ url: 'http://:hunter2@cache:6379' }),
      (error: Error) => error instanceof TypeError && !error.message.includes('hunter2'),
    );
  });
});
