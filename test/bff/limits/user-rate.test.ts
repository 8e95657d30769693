/**
 * The per-user limit and token revocation in the BFF, in-process on the virtual clock with the
 * in-memory store: 30 requests a minute per user by default, then our own 429 in the one error
 * shape with `Retry-After` the browser can read, before any upstream call; a revoked token is a
 * 401; and a store that cannot be reached fails open or closed as configured, never a 500.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nodeHmacSha256 } from '../../../contract/signing-node.js';
import { createMemoryStore } from '../../../bff/stores/memory.js';
import { revokeEmbedToken } from '../../../bff/stores/revoke.js';
import { DEFAULTS } from '../../../bff/options.js';
import { errorBody } from '../fake-partner-api.js';
import { expectError, makeBff, SESSION_SECRET, USER } from '../harness.js';

const edit = { city: 'Ottawa' };

describe('the per-user rate limit', () => {
  it('allows 30 requests a minute by default, then answers our 429 before any upstream call', async () => {
    assert.equal(DEFAULTS.userRateLimit, 30);
    const t = makeBff();
    for (let i = 0; i < 30; i++) assert.equal((await t.patch(edit)).status, 200, `save ${i}`);
    const response = await t.patch(edit);
    const body = await expectError(response, 429, 'too_many_requests');
    assert.deepEqual(Object.keys(body).sort(), ['error', 'message', 'requestId']);
    // One request every 2 s is the pace past the burst.
    assert.equal(response.headers.get('retry-after'), '2');
    assert.equal(t.api.requests.length, 30);
    const line = t.logs.at(-1)!;
    assert.equal(line.status, 429);
    assert.equal(line.problem, 'over the user rate limit');
    assert.equal(line.upstreamStatus, undefined);
  });

  it('lets the browser read Retry-After, as on the Partner API’s own 429', async () => {
    const t = makeBff({ userRateLimit: 1 });
    // Past the save's deadline, so the BFF relays it rather than wait.
    t.api.script({
      status: 429,
      body: errorBody('too_many_requests', 'Slow down'),
      headers: { 'Retry-After': '60' },
    });
    const relayed = await t.patch(edit);
    const ours = await t.patch(edit);
    for (const response of [relayed, ours]) {
      await expectError(response, 429, 'too_many_requests');
      assert.match(response.headers.get('access-control-expose-headers')!, /\bRetry-After\b/);
      assert.equal(
        response.headers.get('access-control-allow-origin'),
        'https://portal.example.com',
      );
      assert.match(response.headers.get('retry-after')!, /^\d+$/);
    }
    assert.equal(t.api.requests.length, 1);
  });

  it('lets the user in again once Retry-After has passed', async () => {
    const t = makeBff({ userRateLimit: 2 });
    await t.patch(edit);
    await t.patch(edit);
    const refused = await t.patch(edit);
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '30');
    t.clock.advance(29_999);
    assert.equal((await t.patch(edit)).status, 429);
    t.clock.advance(1);
    assert.equal((await t.patch(edit)).status, 200);
  });

  it('counts each user apart, and loads of the profile too', async () => {
    const t = makeBff({
      userRateLimit: 2,
      loadProfile: async () => null,
    });
    assert.equal((await t.get()).status, 404);
    assert.equal((await t.patch(edit)).status, 200);
    assert.equal((await t.get()).status, 429);
    assert.equal((await t.patch(edit)).status, 429);
    const other = await t.token('partner-user-7');
    assert.equal((await t.patch(edit, { token: other })).status, 200);
  });

  it('checks the limit before the body, so a flood of bad requests is stopped too', async () => {
    const t = makeBff({ userRateLimit: 1 });
    assert.equal((await t.patch('{not json')).status, 400);
    await expectError(await t.patch('{not json'), 429, 'too_many_requests');
  });

  it('counts nothing for a request refused before the token is known', async () => {
    const t = makeBff({ userRateLimit: 1 });
    for (let i = 0; i < 5; i++) assert.equal((await t.patch(edit, { token: 'nope' })).status, 401);
    assert.equal((await t.patch(edit)).status, 200);
  });
});

describe('revoking a token', () => {
  it('answers 401 to the revoked token, on the store the BFF uses, and to it alone', async () => {
    const store = createMemoryStore();
    const t = makeBff({ store });
    const token = await t.token();
    const kept = await t.token();
    assert.equal((await t.patch(edit, { token })).status, 200);
    await revokeEmbedToken({
      token,
      secret: SESSION_SECRET,
      store,
      now: t.clock.now,
      hmac: nodeHmacSha256,
    });
    const response = await t.patch(edit, { token });
    await expectError(response, 401, 'unauthorized');
    assert.equal(response.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
    assert.equal(t.logs.at(-1)!.token, 'revoked');
    assert.equal((await t.get({ token })).status, 401);
    assert.equal((await t.patch(edit, { token: kept })).status, 200);
    assert.equal(t.api.requests.length, 2);
  });

  it('forgets a revocation once the token has expired anyway', async () => {
    const store = createMemoryStore();
    const t = makeBff({ store });
    const token = await t.token(USER, 60);
    await revokeEmbedToken({ token, secret: SESSION_SECRET, store, now: t.clock.now });
    assert.equal(store.size, 1);
    t.clock.advance(66_000);
    await revokeEmbedToken({ token, secret: SESSION_SECRET, store, now: t.clock.now });
    await t.patch(edit);
    assert.equal(store.size, 1, 'only the user’s allowance is left');
  });

  it('refuses to revoke what is not an embed token signed with the secret', async () => {
    const store = createMemoryStore();
    const t = makeBff({ store });
    const token = await t.token();
    await assert.rejects(
      revokeEmbedToken({ token, secret: 'another-secret-0123456789abcdefghij', store }),
      /not an embed token signed with this secret \(signature\)/,
    );
    await assert.rejects(
      revokeEmbedToken({ token: 'x.y.z', secret: SESSION_SECRET, store }),
      TypeError,
    );
    assert.equal(store.size, 0);
  });
});

describe('when the store cannot be reached', () => {
  async function unreachable() {
    const store = createMemoryStore();
    await store.close();
    return store;
  }

  it('fails open by default: the request passes, unchecked, and the log says so', async () => {
    assert.equal(DEFAULTS.storeFailure, 'open');
    const t = makeBff({ store: await unreachable(), userRateLimit: 1 });
    for (let i = 0; i < 3; i++) assert.equal((await t.patch(edit)).status, 200);
    const line = t.logs.at(-1)!;
    assert.equal(line.level, 'warn');
    assert.equal(line.problem, 'the store could not be reached; failing open');
    assert.equal(line.errorName, 'Error');
  });

  it('fails closed when told: 503 in the one shape, nothing upstream, never a 500', async () => {
    const t = makeBff({ store: await unreachable(), storeFailure: 'closed' });
    const response = await t.patch(edit);
    await expectError(response, 503, 'service_unavailable');
    await expectError(await t.get(), 503, 'service_unavailable');
    assert.equal(t.api.requests.length, 0);
    assert.equal(t.logs.at(-1)!.problem, 'the store could not be reached; failing closed');
  });

  it('still refuses a bad token first, with 401', async () => {
    const t = makeBff({ store: await unreachable(), storeFailure: 'closed' });
    assert.equal((await t.patch(edit, { token: 'nope' })).status, 401);
  });
});

describe('GET /readyz', () => {
  it('answers 200 while the store answers, and 503 in the one shape when it does not', async () => {
    const store = createMemoryStore();
    const t = makeBff({ store });
    const ready = await t.request('/readyz');
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { status: 'ready' });
    await store.close();
    const down = await t.request('/readyz');
    await expectError(down, 503, 'service_unavailable');
    assert.equal(t.logs.at(-1)!.problem, 'the store could not be reached');
    // Liveness is not readiness: the process is still alive.
    assert.equal((await t.request('/healthz')).status, 200);
    assert.equal((await t.request('/readyz', { method: 'POST' })).status, 405);
  });
});
