import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IDEMPOTENCY_TTL_MS } from '../../sandbox/idempotency.js';
import type { Sandbox } from '../../sandbox/app.js';
import { JANE, readError, setup } from './helpers.js';

const KEY = '5f1c7a2e-8b3d-4c6f-9a1e-2d4b6c8e0f13';
const OTHER_KEY = '0b9e3f4a-1c2d-4e5f-8a7b-6c5d4e3f2a1b';
/** Jane's profile, as a Create User body for someone else. */
function newUserBody(sandbox: Sandbox) {
  const {
    userId: _u,
    status: _s,
    createdAt: _c,
    updatedAt: _up,
    ...body
  } = sandbox.getUser('partner-user-42')!;
  return body;
}
const withKey = (key = KEY) => ({ 'Idempotency-Key': key });

describe('Idempotency-Key', () => {
  it('refuses a key that is not a UUID with a 400 naming Idempotency-Key, and applies nothing', async () => {
    const { send, sandbox } = setup();
    for (const key of ['abc', `${KEY}x`, KEY.replaceAll('-', '')]) {
      const res = await send('PATCH', JANE, { body: { city: 'Ottawa' }, headers: withKey(key) });
      assert.equal(res.status, 400);
      assert.deepEqual((await readError(res)).fieldErrors, [
        { field: 'Idempotency-Key', message: 'Must be a UUID' },
      ]);
    }
    assert.equal(sandbox.appliedCount(), 0);
  });

  it('replays the first answer exactly for the same key and body, without applying it again', async () => {
    const { send, sandbox, clock } = setup();
    const first = await send('PATCH', JANE, { body: { city: 'Ottawa' }, headers: withKey() });
    const firstBody = await first.text();
    clock.advance(5_000);
    const again = await send('PATCH', JANE, { body: { city: 'Ottawa' }, headers: withKey() });
    assert.equal(again.status, first.status);
    assert.equal(await again.text(), firstBody, 'same body, same updatedAt');
    assert.equal(again.headers.get('X-Request-Id'), first.headers.get('X-Request-Id'));
    assert.equal(again.headers.get('Idempotent-Replayed'), 'true');
    assert.equal(first.headers.get('Idempotent-Replayed'), null);
    assert.equal(sandbox.appliedCount(KEY), 1);
    assert.equal(sandbox.appliedCount(), 1);
    assert.equal(sandbox.stats().replayed, 1);
    assert.equal(sandbox.getUser('partner-user-42')!.updatedAt, JSON.parse(firstBody).updatedAt);
  });

  it('does not undo a later change when an old request is replayed', async () => {
    const { send, sandbox } = setup();
    await send('PATCH', JANE, { body: { city: 'Ottawa' }, headers: withKey() });
    await send('PATCH', JANE, { body: { city: 'Halifax' }, headers: withKey(OTHER_KEY) });
    await send('PATCH', JANE, { body: { city: 'Ottawa' }, headers: withKey() });
    assert.equal(sandbox.getUser('partner-user-42')!.city, 'Halifax');
  });

  it('replays a stored 4xx too (a 422 stays a 422 for that key)', async () => {
    const { send, sandbox, clock } = setup();
    const body = { dateOfBirth: '2008-03-14' };
    const first = await send('PATCH', JANE, { body, headers: withKey() });
    assert.equal(first.status, 422);
    clock.advance(24 * 60 * 60 * 1000 - 1); // old enough by now, but the key remembers
    const again = await send('PATCH', JANE, { body, headers: withKey() });
    assert.equal(again.status, 422);
    assert.equal(again.headers.get('Idempotent-Replayed'), 'true');
    assert.equal((await again.json()).requestId, (await first.json()).requestId);
    assert.equal(sandbox.appliedCount(), 0);
  });

  it('answers 422 for the same key with a different body, and applies nothing', async () => {
    const { send, sandbox } = setup();
    await send('PATCH', JANE, { body: { city: 'Ottawa' }, headers: withKey() });
    const res = await send('PATCH', JANE, { body: { city: 'Halifax' }, headers: withKey() });
    assert.equal(res.status, 422);
    const error = await readError(res);
    assert.equal(error.error, 'unprocessable_entity');
    assert.match(error.message, /different request/);
    assert.equal(sandbox.getUser('partner-user-42')!.city, 'Ottawa');
  });

  it('treats the same JSON with other bytes (spacing) as a different body', async () => {
    const { send } = setup();
    await send('PATCH', JANE, { body: '{"city":"Ottawa"}', headers: withKey() });
    const res = await send('PATCH', JANE, { body: '{"city": "Ottawa"}', headers: withKey() });
    assert.equal(res.status, 422);
  });

  it('answers 422 for the same key on another path', async () => {
    const { send } = setup();
    await send('PATCH', JANE, { body: { city: 'Ottawa' }, headers: withKey() });
    const res = await send('PATCH', '/v1/users/partner-user-43', {
      body: { city: 'Ottawa' },
      headers: withKey(),
    });
    assert.equal(res.status, 422);
  });

  it('answers 409 conflict while the first request with the key is in flight, then replays', async () => {
    const { send, sandbox } = setup();
    let release!: () => void;
    sandbox.injectFault({
      kind: 'stall',
      phase: 'during',
      until: new Promise<void>((r) => (release = r)),
    });
    const first = send('PATCH', JANE, { body: { city: 'Ottawa' }, headers: withKey() });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const concurrent = await send('PATCH', JANE, { body: { city: 'Ottawa' }, headers: withKey() });
    assert.equal(concurrent.status, 409);
    assert.equal((await readError(concurrent)).error, 'conflict');
    assert.equal(sandbox.appliedCount(), 0, 'the first is still stalled');
    release();
    assert.equal((await first).status, 200);
    const after = await send('PATCH', JANE, { body: { city: 'Ottawa' }, headers: withKey() });
    assert.equal(after.status, 200);
    assert.equal(after.headers.get('Idempotent-Replayed'), 'true');
    assert.equal(sandbox.appliedCount(KEY), 1);
  });

  it('forgets a key after 24 h: the same request is then applied again', async () => {
    const { send, sandbox, clock } = setup();
    await send('PATCH', JANE, { body: { city: 'Ottawa' }, headers: withKey() });
    clock.advance(IDEMPOTENCY_TTL_MS - 1);
    assert.equal(
      (await send('PATCH', JANE, { body: { city: 'Ottawa' }, headers: withKey() })).headers.get(
        'Idempotent-Replayed',
      ),
      'true',
    );
    clock.advance(1);
    const res = await send('PATCH', JANE, { body: { city: 'Ottawa' }, headers: withKey() });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('Idempotent-Replayed'), null);
    assert.equal(sandbox.appliedCount(), 2);
    assert.equal(sandbox.stats().duplicateApplications, 0, 'a new day, a new key');
  });

  it('does not store an injected 503: the retry with the same key is applied, once', async () => {
    const { send, sandbox } = setup();
    sandbox.injectFault({ kind: 'status', status: 503 });
    const failed = await send('PATCH', JANE, { body: { city: 'Ottawa' }, headers: withKey() });
    assert.equal(failed.status, 503);
    const retry = await send('PATCH', JANE, { body: { city: 'Ottawa' }, headers: withKey() });
    assert.equal(retry.status, 200);
    assert.equal(retry.headers.get('Idempotent-Replayed'), null);
    assert.equal(sandbox.appliedCount(KEY), 1);
  });

  it('does not store a 401 or a 429: they never reach the key', async () => {
    const { send, sandbox } = setup({ rateLimit: 1 });
    const unsigned = await send('PATCH', JANE, {
      body: { city: 'Ottawa' },
      headers: withKey(),
      sign: { secret: 'x' },
    });
    assert.equal(unsigned.status, 401);
    assert.equal((await send('GET', JANE)).status, 200);
    const limited = await send('PATCH', JANE, { body: { city: 'Ottawa' }, headers: withKey() });
    assert.equal(limited.status, 429);
    sandbox.reset();
    const res = await send('PATCH', JANE, { body: { city: 'Ottawa' }, headers: withKey() });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('Idempotent-Replayed'), null);
  });

  it('forgets an answer that failed with a 5xx after the key was taken, so the retry is processed', async () => {
    let failing = true;
    let draws = 0;
    // The user id of a new user is drawn inside processing, after the key is reserved.
    const random = () => {
      if (failing) throw new Error('entropy pool on fire');
      return (draws++ % 16) / 16;
    };
    const { send, sandbox } = setup({ random });
    const body = { ...newUserBody(sandbox), externalId: 'partner-user-9' };
    const originalError = console.error;
    console.error = () => {};
    try {
      const broken = await send('POST', '/v1/users', { body, headers: withKey() });
      assert.equal(broken.status, 500);
      assert.equal((await readError(broken)).error, 'internal_error');
    } finally {
      console.error = originalError;
    }
    failing = false;
    const retry = await send('POST', '/v1/users', { body, headers: withKey() });
    assert.equal(retry.status, 201);
    assert.equal(retry.headers.get('Idempotent-Replayed'), null);
    assert.equal(sandbox.appliedCount(KEY), 1);
  });

  it('keeps two keys apart', async () => {
    const { send, sandbox } = setup();
    await send('PATCH', JANE, { body: { city: 'Ottawa' }, headers: withKey() });
    const other = await send('PATCH', JANE, {
      body: { city: 'Ottawa' },
      headers: withKey(OTHER_KEY),
    });
    assert.equal(other.headers.get('Idempotent-Replayed'), null);
    assert.equal(sandbox.appliedCount(), 2);
  });

  it('works for Create User too: a retried create is not a 409', async () => {
    const { send, sandbox } = setup();
    const body = { ...newUserBody(sandbox), externalId: 'partner-user-9' };
    const first = await send('POST', '/v1/users', { body, headers: withKey() });
    const again = await send('POST', '/v1/users', { body, headers: withKey() });
    assert.equal(first.status, 201);
    assert.equal(again.status, 201);
    assert.equal(await again.text(), await first.text());
    assert.equal(sandbox.appliedCount(KEY), 1);
  });
});
