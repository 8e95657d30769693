import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RateLimiter } from '../../sandbox/rate-limit.js';
import { JANE, readError, setup } from './helpers.js';

describe('the rate limit', () => {
  it('answers 429 too_many_requests with an integer Retry-After once the budget is spent', async () => {
    const { send, clock } = setup({ rateLimit: 3 });
    for (let i = 0; i < 3; i++) {
      assert.equal((await send('GET', JANE)).status, 200);
      clock.advance(10_000);
    }
    // Requests at 0 s, 10 s and 20 s; now 30 s: the first leaves the window at 60 s.
    const res = await send('GET', JANE);
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('Retry-After'), '30');
    assert.match(res.headers.get('Retry-After')!, /^\d+$/);
    const body = await readError(res);
    assert.equal(body.error, 'too_many_requests');
    assert.match(body.requestId, /^req-/);
  });

  it('rounds Retry-After up to whole seconds, never 0', async () => {
    const { send, clock } = setup({ rateLimit: 1 });
    await send('GET', JANE);
    clock.advance(58_600);
    assert.equal((await send('GET', JANE)).headers.get('Retry-After'), '2', '1.4 s rounds up to 2');
    clock.advance(1_399);
    const res = await send('GET', JANE);
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('Retry-After'), '1', '1 ms rounds up to 1');
  });

  it('recovers once Retry-After has passed', async () => {
    const { send, clock } = setup({ rateLimit: 2 });
    await send('GET', JANE);
    await send('GET', JANE);
    const limited = await send('GET', JANE);
    const wait = Number(limited.headers.get('Retry-After'));
    clock.advance(wait * 1000 - 1);
    assert.equal((await send('GET', JANE)).status, 429);
    clock.advance(1);
    assert.equal((await send('GET', JANE)).status, 200);
  });

  it('does not count refused or unauthenticated requests against the budget', async () => {
    const { send, clock } = setup({ rateLimit: 1 });
    for (let i = 0; i < 5; i++) await send('GET', JANE, { sign: { secret: 'wrong' } });
    assert.equal((await send('GET', JANE)).status, 200);
    for (let i = 0; i < 5; i++) assert.equal((await send('GET', JANE)).status, 429);
    clock.advance(60_000);
    assert.equal((await send('GET', JANE)).status, 200);
  });

  it('is 600 a minute by default', async () => {
    const { send } = setup();
    for (let i = 0; i < 600; i++) assert.equal((await send('GET', JANE)).status, 200);
    assert.equal((await send('GET', JANE)).status, 429);
  });

  it('keeps a budget per key and refuses bad limits', () => {
    const limiter = new RateLimiter(2);
    assert.equal(limiter.take('a', 0), 0);
    assert.equal(limiter.take('b', 0), 0, 'keys have their own budget');
    assert.equal(limiter.take('a', 1), 0);
    assert.equal(limiter.take('a', 2), 60);
    assert.equal(limiter.take('a', 60_000), 0);
    for (const bad of [0, -1, 1.5, Number.NaN, Infinity, 2 ** 53]) {
      assert.throws(() => new RateLimiter(bad), /positive whole number/);
    }
  });

  it('costs nothing up front for a huge limit, and keeps only the window when traffic is heavy', () => {
    const limiter = new RateLimiter(Number.MAX_SAFE_INTEGER);
    for (let t = 0; t < 200_000; t++) assert.equal(limiter.take('load', t), 0);
    // 5000 requests at 0…4999 ms fill a budget of 5000; at 62.5 s those up to 2500 ms have left
    // the window (and are compacted away), so exactly 2501 more fit, and Retry-After still counts
    // from the oldest time left.
    const limiter2 = new RateLimiter(5000);
    for (let t = 0; t < 5000; t++) assert.equal(limiter2.take('k', t), 0);
    assert.equal(limiter2.take('k', 5000), 55);
    const later = 62_500;
    for (let i = 0; i < 2501; i++) assert.equal(limiter2.take('k', later), 0, `request ${i}`);
    assert.equal(limiter2.take('k', later), 1, 'the oldest left, at 2501 ms, frees at 62.501 s');
    assert.equal(limiter2.take('k', later + 1), 0);
  });
});
