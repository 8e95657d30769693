/**
 * The in-memory store on its own, with times given by the test: the allowance (a burst of the
 * limit, then one request per period ÷ limit), revocations that last until the token's expiry,
 * and memory that stays bounded by the users seen in the last period.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore } from '../../../bff/stores/memory.js';
import { pace } from '../../../bff/stores/store.js';

const T0 = Date.UTC(2026, 2, 13, 12);
const rule = { limit: 3, periodMs: 60_000 };
const admit = (
  store: ReturnType<typeof createMemoryStore>,
  now: number,
  user = 'u',
  tokenId = 't',
) => store.admit({ user, tokenId, now, rule });

describe('the memory store', () => {
  it('allows a burst of the limit, then one request per period ÷ limit', async () => {
    const store = createMemoryStore();
    for (let i = 0; i < 3; i++) assert.deepEqual(await admit(store, T0), { kind: 'allowed' });
    assert.deepEqual(await admit(store, T0), { kind: 'limited', retryAfterMs: 20_000 });
    assert.deepEqual(await admit(store, T0 + 15_000), { kind: 'limited', retryAfterMs: 5_000 });
    assert.deepEqual(await admit(store, T0 + 20_000), { kind: 'allowed' });
    assert.deepEqual(await admit(store, T0 + 20_000), { kind: 'limited', retryAfterMs: 20_000 });
    // A whole period idle gives the whole burst back.
    for (let i = 0; i < 3; i++) assert.equal((await admit(store, T0 + 80_000)).kind, 'allowed');
    assert.equal((await admit(store, T0 + 80_000)).kind, 'limited');
  });

  it('never lets more than twice the limit through in any one period, and the limit sustained', async () => {
    const store = createMemoryStore();
    let allowed = 0;
    for (let t = 0; t < 60_000; t += 100) {
      if ((await admit(store, T0 + t)).kind === 'allowed') allowed++;
    }
    // The burst of 3, then one every 20 s (at 20, 40 s): 5 in the first minute.
    assert.equal(allowed, 5);
    for (let t = 60_000; t < 600_000; t += 100) {
      if ((await admit(store, T0 + t)).kind === 'allowed') allowed++;
    }
    assert.equal(allowed, 5 + 27);
  });

  it('counts each user apart, and counts nothing it refuses', async () => {
    const store = createMemoryStore();
    for (let i = 0; i < 3; i++) await admit(store, T0, 'a');
    assert.equal((await admit(store, T0, 'a')).kind, 'limited');
    assert.equal((await admit(store, T0, 'b')).kind, 'allowed');
    // Refused requests did not push the wait further.
    for (let i = 0; i < 10; i++) await admit(store, T0, 'a');
    assert.equal((await admit(store, T0 + 20_000, 'a')).kind, 'allowed');
  });

  it('rounds the pace towards fewer requests, never more', () => {
    assert.deepEqual(pace({ limit: 7, periodMs: 60_000 }), { intervalMs: 8572, burstMs: 60_004 });
    assert.deepEqual(pace({ limit: 30, periodMs: 60_000 }), { intervalMs: 2000, burstMs: 60_000 });
  });

  it('refuses a revoked token until it expires, and only that token', async () => {
    const store = createMemoryStore();
    await store.revoke({ user: 'u', tokenId: 'gone', expiresAt: T0 + 600_000, now: T0 });
    assert.deepEqual(await admit(store, T0, 'u', 'gone'), { kind: 'revoked' });
    assert.deepEqual(await admit(store, T0 + 599_999, 'u', 'gone'), { kind: 'revoked' });
    assert.equal((await admit(store, T0, 'u', 'other')).kind, 'allowed');
    assert.equal((await admit(store, T0, 'someone-else', 'gone')).kind, 'allowed');
    assert.equal((await admit(store, T0 + 600_000, 'u', 'gone')).kind, 'allowed');
  });

  it('forgets idle users and expired revocations as new ones arrive', async () => {
    const store = createMemoryStore();
    for (let i = 0; i < 1000; i++) {
      await admit(store, T0 + i, `user-${i}`);
      await store.revoke({
        user: `user-${i}`,
        tokenId: 't',
        expiresAt: T0 + i + 1000,
        now: T0 + i,
      });
    }
    assert.equal(store.size, 2000);
    // A period later, a steady trickle of new users sweeps the old ones out.
    for (let i = 0; i < 1000; i++) await admit(store, T0 + 70_000 + i, `new-${i}`);
    assert.ok(store.size <= 1100, `holds ${store.size}`);
  });

  it('answers nothing once closed', async () => {
    const store = createMemoryStore();
    await store.ping();
    await store.close();
    await assert.rejects(store.ping());
    await assert.rejects(admit(store, T0));
  });
});
