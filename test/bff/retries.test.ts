import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { makeBff, START } from './harness.js';
import { errorBody, type RecordedRequest } from './fake-partner-api.js';

const unavailable = { status: 503, body: errorBody('internal_error', 'Try again') };

describe('retries', () => {
  it('retries a 503 with the same key and bytes, signed afresh with a new timestamp', async () => {
    const t = makeBff();
    // The first attempt takes 1.5 s to fail, so the second is signed in another second.
    t.api.script(() => {
      t.clock.advance(1_500);
      return unavailable;
    });
    const response = await t.patch({ city: 'Toronto' });
    assert.equal(response.status, 200);
    const [first, second] = t.api.requests as [RecordedRequest, RecordedRequest];
    assert.equal(t.api.requests.length, 2);
    assert.equal(second.headers['idempotency-key'], first.headers['idempotency-key']);
    assert.deepEqual(second.body, first.body);
    assert.notEqual(second.headers['x-request-timestamp'], first.headers['x-request-timestamp']);
    assert.notEqual(second.headers['x-request-signature'], first.headers['x-request-signature']);
    assert.ok(first.signatureValid && second.signatureValid);
    // Each attempt arms its own 5 s deadline; the 50 ms between them is the backoff.
    assert.deepEqual(t.clock.sleeps, [5_000, 50, 5_000]);
    assert.equal(t.clock.pending, 0);
    assert.equal(t.logs[0]?.attempts, 2);
    assert.equal(t.logs[0]?.upstreamStatus, 200);
  });

  for (const status of [500, 502, 504]) {
    it(`retries a ${status}`, async () => {
      const t = makeBff();
      t.api.script({ status, body: 'upstream trouble' });
      assert.equal((await t.patch({ city: 'Toronto' })).status, 200);
      assert.equal(t.api.requests.length, 2);
    });
  }

  it('retries a network failure', async () => {
    const t = makeBff();
    t.api.script('network');
    assert.equal((await t.patch({ city: 'Toronto' })).status, 200);
    assert.equal(t.api.requests.length, 2);
  });

  it('treats a transport that throws at once as a network failure', async () => {
    let calls = 0;
    const t = makeBff({
      transport: () => {
        calls++;
        throw new TypeError('bad transport');
      },
    });
    const response = await t.patch({ city: 'Toronto' });
    assert.equal(response.status, 502);
    assert.ok(calls > 1);
    assert.equal(t.logs[0]?.attempts, calls);
    assert.equal(t.logs[0]?.errorName, 'TypeError');
  });

  it('aborts an attempt that outlives its timeout and tries again', async () => {
    const t = makeBff();
    t.api.script('hang');
    const response = await t.patch({ city: 'Toronto' });
    assert.equal(response.status, 200);
    assert.equal(t.api.requests[0]?.aborted, true);
    assert.equal(t.api.requests[1]?.at, START + 5_000 + 50);
  });

  it('retries until the deadline, then answers 502 with the upstream requestId', async () => {
    const t = makeBff();
    // Each attempt takes 1 s to fail: 0–1 s, then after the backoffs of 50, 100, 200, 400 and
    // 500 ms (half of each bound, which stops growing at 1 s): 8 attempts end by 10.25 s.
    t.api.script(
      ...Array.from({ length: 20 }, () => () => {
        t.clock.advance(1_000);
        return unavailable;
      }),
    );
    const response = await t.patch({ city: 'Toronto' });
    assert.equal(response.status, 502);
    const body = await response.json();
    assert.equal(body.error, 'bad_gateway');
    assert.equal(body.requestId, 'req-upstream-0001');
    assert.match(response.headers.get('x-request-id') ?? '', /^req-0{8}-/);
    assert.deepEqual(
      t.api.requests.map((r) => r.at - START),
      [0, 1_050, 2_150, 3_350, 4_750, 6_250, 7_750, 9_250],
    );
    assert.equal(t.logs[0]?.attempts, 8);
    assert.equal(t.logs[0]?.upstreamStatus, 503);
    assert.equal(t.logs[0]?.upstreamRequestId, 'req-upstream-0001');
    assert.equal(t.logs[0]?.level, 'error');
  });

  it('makes fewer attempts when they fail slowly: the deadline bounds the count', async () => {
    const t = makeBff();
    t.api.script(
      ...Array.from({ length: 20 }, () => () => {
        t.clock.advance(3_000);
        return unavailable;
      }),
    );
    assert.equal((await t.patch({ city: 'Toronto' })).status, 502);
    assert.deepEqual(
      t.api.requests.map((r) => r.at - START),
      [0, 3_050, 6_150, 9_350],
    );
  });

  it('answers 502 when every attempt fails on the network', async () => {
    const t = makeBff();
    t.api.script(...Array.from({ length: 50 }, () => 'network' as const));
    const response = await t.patch({ city: 'Toronto' });
    assert.equal(response.status, 502);
    assert.equal((await response.json()).error, 'bad_gateway');
    assert.equal(t.logs[0]?.errorName, 'TypeError');
  });

  it('backs off exponentially with full jitter', async () => {
    const t = makeBff({ random: () => 0.75 });
    t.api.script(unavailable, unavailable, unavailable, unavailable, unavailable, unavailable);
    assert.equal((await t.patch({ city: 'Toronto' })).status, 200);
    // Between the attempts' own 5 s deadlines, the backoffs: 0.75 × 100 ms, × 200 ms, … up to
    // 0.75 × 1 s, where the bound stops growing.
    const backoffs = t.clock.sleeps.filter((ms) => ms !== 5_000);
    assert.deepEqual(backoffs, [75, 150, 300, 600, 750, 750]);
  });

  it('answers 504 at the deadline, never waiting past it', async () => {
    const t = makeBff();
    t.api.script('hang', 'hang', 'hang');
    const response = await t.patch({ city: 'Toronto' });
    assert.equal(response.status, 504);
    assert.equal((await response.json()).error, 'gateway_timeout');
    assert.equal(t.clock.time - START, 10_000);
    // The second attempt gets what is left of the deadline; no third fits.
    assert.deepEqual(t.clock.sleeps, [5_000, 50, 4_950]);
    assert.equal(t.api.requests.length, 2);
    assert.ok(t.api.requests.every((r) => r.aborted));
  });

  it('answers 504 when every attempt times out, having tried until the deadline', async () => {
    const t = makeBff({ attemptTimeoutMs: 1_000 });
    t.api.script(...Array.from({ length: 20 }, () => 'hang' as const));
    assert.equal((await t.patch({ city: 'Toronto' })).status, 504);
    assert.equal(t.clock.time - START, 10_000);
    assert.equal(t.api.requests.length, 8);
    assert.ok(t.api.requests.every((r) => r.aborted));
  });

  it('does not sleep when the backoff would cross the deadline', async () => {
    const t = makeBff({ upstreamTimeoutMs: 1_000, random: () => 0.999 });
    t.api.script(() => {
      t.clock.advance(950);
      return unavailable;
    });
    const response = await t.patch({ city: 'Toronto' });
    assert.equal(response.status, 502);
    assert.equal(t.api.requests.length, 1);
    assert.deepEqual(t.clock.sleeps, [1_000]);
  });
});
