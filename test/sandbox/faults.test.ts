import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DroppedConnection } from '../../sandbox/errors.js';
import { JANE, readError, REQUEST_ID, setup } from './helpers.js';

const KEY = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
const patch = { body: { city: 'Ottawa' }, headers: { 'Idempotency-Key': KEY } };
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('status faults', () => {
  it('answer the next request with the status and the API error body, then stop', async () => {
    const { send, sandbox } = setup();
    sandbox.injectFault({ kind: 'status', status: 503 });
    const res = await send('GET', JANE);
    assert.equal(res.status, 503);
    const body = await readError(res);
    assert.equal(body.error, 'service_unavailable');
    assert.match(body.requestId, REQUEST_ID);
    assert.equal(res.headers.get('X-Request-Id'), body.requestId);
    assert.equal((await send('GET', JANE)).status, 200);
  });

  it('hit the next N requests that match the method and path, and no others', async () => {
    const { send, sandbox } = setup();
    const handle = sandbox.injectFault({
      kind: 'status',
      status: 500,
      times: 2,
      method: 'patch',
      path: JANE,
    });
    assert.equal((await send('GET', JANE)).status, 200, 'other method');
    assert.equal(
      (await send('PATCH', '/v1/users/nobody', { body: { city: 'A' } })).status,
      404,
      'other path',
    );
    assert.equal(
      (await send('PATCH', `${JANE}?x=1`, { body: { city: 'A' } })).status,
      500,
      'the query is not part of the path',
    );
    assert.equal(handle.remaining, 1);
    const second = await send('PATCH', JANE, patch);
    assert.equal(second.status, 500);
    assert.equal((await readError(second)).error, 'internal_error');
    assert.equal(handle.remaining, 0);
    assert.equal((await send('PATCH', JANE, patch)).status, 200);
  });

  it('match a path by RegExp, and can be cancelled', async () => {
    const { send, sandbox } = setup();
    const handle = sandbox.injectFault({
      kind: 'status',
      status: 502,
      times: Infinity,
      path: /^\/v1\/users\//,
    });
    assert.equal((await send('GET', JANE)).status, 502);
    assert.equal((await send('GET', JANE)).status, 502);
    handle.cancel();
    assert.equal((await send('GET', JANE)).status, 200);
  });

  it('carry a 400 with fieldErrors, a 422 message, or a raw body, and custom headers', async () => {
    const { send, sandbox } = setup();
    const fieldErrors = [{ field: 'email', message: 'Already used by another user' }];
    sandbox.injectFault({ kind: 'status', status: 400, body: { fieldErrors } });
    sandbox.injectFault({ kind: 'status', status: 422, body: { message: 'Account is frozen' } });
    sandbox.injectFault({
      kind: 'status',
      status: 200,
      body: '<html>gateway</html>',
      headers: { 'Content-Type': 'text/html' },
    });
    const bad = await readError(await send('GET', JANE));
    assert.equal(bad.error, 'bad_request');
    assert.deepEqual(bad.fieldErrors, fieldErrors);
    const frozen = await readError(await send('GET', JANE));
    assert.deepEqual([frozen.error, frozen.message], ['unprocessable_entity', 'Account is frozen']);
    const garbage = await send('GET', JANE);
    assert.equal(garbage.status, 200);
    assert.equal(garbage.headers.get('Content-Type'), 'text/html');
    assert.equal(await garbage.text(), '<html>gateway</html>');
  });

  it('give a 429 Retry-After: 1 unless told otherwise', async () => {
    const { send, sandbox } = setup();
    sandbox.injectFault({ kind: 'status', status: 429 });
    sandbox.injectFault({ kind: 'status', status: 429, headers: { 'Retry-After': '7' } });
    const first = await send('GET', JANE);
    assert.equal(first.headers.get('Retry-After'), '1');
    assert.equal((await readError(first)).error, 'too_many_requests');
    assert.equal((await send('GET', JANE)).headers.get('Retry-After'), '7');
  });

  it('act before authentication and the rate limit, and do not count against it', async () => {
    const { sandbox, send } = setup({ rateLimit: 1 });
    sandbox.injectFault({ kind: 'status', status: 503, times: 3 });
    for (let i = 0; i < 3; i++) assert.equal((await sandbox.app.request(JANE)).status, 503);
    assert.equal((await send('GET', JANE)).status, 200);
  });
});

describe('stall faults', () => {
  it('before: hold the request, then process it', async () => {
    const { send, sandbox } = setup();
    let release!: () => void;
    sandbox.injectFault({ kind: 'stall', until: new Promise<void>((r) => (release = r)) });
    let settled = false;
    const pending = send('PATCH', JANE, patch).then((res) => ((settled = true), res));
    await tick();
    assert.equal(settled, false);
    assert.equal(sandbox.appliedCount(), 0);
    release();
    assert.equal((await pending).status, 200);
    assert.equal(sandbox.appliedCount(KEY), 1);
  });

  it('before: a stall longer than 60 s makes the signature stale (the clock is read after it)', async () => {
    const { send, sandbox, clock } = setup();
    let release!: () => void;
    sandbox.injectFault({ kind: 'stall', until: new Promise<void>((r) => (release = r)) });
    const pending = send('GET', JANE);
    await tick();
    clock.advance(61_000);
    release();
    assert.equal((await pending).status, 401);
  });

  it('during: take the Idempotency-Key first, so a concurrent retry sees 409', async () => {
    const { send, sandbox } = setup();
    sandbox.injectFault({ kind: 'stall', ms: 60_000, phase: 'during' });
    const first = send('PATCH', JANE, patch);
    await tick();
    assert.equal((await send('PATCH', JANE, patch)).status, 409);
    const cleared = performance.now();
    sandbox.clearFaults(); // ends the stall at once
    assert.equal((await first).status, 200);
    assert.ok(performance.now() - cleared < 1_000, 'clearFaults ended the 60 s stall');
    assert.equal(sandbox.appliedCount(KEY), 1);
  });

  it('end after ms', async () => {
    const { send, sandbox } = setup();
    sandbox.injectFault({ kind: 'stall', ms: 30 });
    const started = performance.now();
    assert.equal((await send('GET', JANE)).status, 200);
    assert.ok(performance.now() - started >= 25);
  });
});

describe('drop faults, in-process', () => {
  it('before: reject the call with DroppedConnection and apply nothing', async () => {
    const { send, sandbox } = setup();
    sandbox.injectFault({ kind: 'drop' });
    await assert.rejects(send('PATCH', JANE, patch), DroppedConnection);
    assert.equal(sandbox.appliedCount(), 0);
    const retry = await send('PATCH', JANE, patch);
    assert.equal(retry.status, 200);
    assert.equal(retry.headers.get('Idempotent-Replayed'), null);
    assert.equal(sandbox.appliedCount(KEY), 1);
  });

  it('after: apply the change and lose the answer; the retry replays it, applied once', async () => {
    const { send, sandbox } = setup();
    sandbox.injectFault({ kind: 'drop', phase: 'after' });
    await assert.rejects(send('PATCH', JANE, patch), DroppedConnection);
    assert.equal(sandbox.getUser('partner-user-42')!.city, 'Ottawa');
    assert.equal(sandbox.appliedCount(KEY), 1);
    const retry = await send('PATCH', JANE, patch);
    assert.equal(retry.status, 200);
    assert.equal(retry.headers.get('Idempotent-Replayed'), 'true');
    assert.equal(sandbox.appliedCount(KEY), 1);
    assert.equal(sandbox.stats().duplicateApplications, 0);
  });

  it('after, without an Idempotency-Key: the retry applies the change a second time', async () => {
    const { send, sandbox } = setup();
    sandbox.injectFault({ kind: 'drop', phase: 'after' });
    await assert.rejects(send('PATCH', JANE, { body: { city: 'Ottawa' } }), DroppedConnection);
    await send('PATCH', JANE, { body: { city: 'Ottawa' } });
    assert.equal(sandbox.stats().appliedWithoutKey, 2);
  });
});

describe('random faults', () => {
  async function outcomes(seed: number, n = 60) {
    const { send, sandbox } = setup();
    sandbox.setRandomFaults({
      seed,
      unavailable: 0.2,
      stall: 0.1,
      stallMs: [1, 3],
      drop: 0.2,
      dropPhase: 'after',
    });
    const seen: string[] = [];
    for (let i = 0; i < n; i++) {
      const key = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      const res = await send('PATCH', JANE, {
        body: { city: `C${i}` },
        headers: { 'Idempotency-Key': key },
      }).catch(() => undefined);
      seen.push(res ? String(res.status) : 'dropped');
    }
    return { seen, stats: sandbox.stats() };
  }

  it('are reproducible from their seed, and differ with another seed', async () => {
    const a = await outcomes(42);
    const b = await outcomes(42);
    const c = await outcomes(43);
    assert.deepEqual(a.seen, b.seen);
    assert.notDeepEqual(a.seen, c.seen);
    assert.ok(a.seen.includes('503') && a.seen.includes('dropped') && a.seen.includes('200'));
    const dropped = a.seen.filter((s) => s === 'dropped').length;
    assert.equal(
      a.stats.applied,
      a.seen.filter((s) => s === '200').length + dropped,
      'a drop after still applies',
    );
    assert.equal(a.stats.duplicateApplications, 0);
  });

  it('stop with clearFaults or null, and refuse impossible probabilities', async () => {
    const { send, sandbox } = setup();
    sandbox.setRandomFaults({ seed: 1, unavailable: 1 });
    assert.equal((await send('GET', JANE)).status, 503);
    sandbox.setRandomFaults(null);
    assert.equal((await send('GET', JANE)).status, 200);
    sandbox.setRandomFaults({ seed: 1, unavailable: 1 });
    sandbox.clearFaults();
    assert.equal((await send('GET', JANE)).status, 200);
    assert.throws(
      () => sandbox.setRandomFaults({ unavailable: 0.6, drop: 0.6 }),
      /must not exceed 1/,
    );
    assert.throws(() => sandbox.setRandomFaults({ stall: -0.1 }), /probability/);
  });
});

describe('fault specs', () => {
  it('are checked, with a clear TypeError', () => {
    const { sandbox } = setup();
    assert.throws(() => sandbox.injectFault({ kind: 'status', status: 99 }), /status must be/);
    assert.throws(() => sandbox.injectFault({ kind: 'status', status: 204 }), /status must be/);
    assert.throws(() => sandbox.injectFault({ kind: 'stall' }), /needs ms or until/);
    assert.throws(() => sandbox.injectFault({ kind: 'stall', ms: -1 }), /non-negative/);
    assert.throws(() => sandbox.injectFault({ kind: 'drop', times: 0 }), /times/);
    assert.throws(() => sandbox.injectFault({ kind: 'explode' } as never), /kind must be/);
  });

  it('are all removed by clearFaults and by reset', async () => {
    const { send, sandbox } = setup();
    sandbox.injectFault({ kind: 'status', status: 503, times: 5 });
    sandbox.clearFaults();
    assert.equal((await send('GET', JANE)).status, 200);
    sandbox.injectFault({ kind: 'drop', times: 5 });
    sandbox.reset();
    assert.equal((await send('GET', JANE)).status, 200);
  });
});
