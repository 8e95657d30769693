import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { drive, settle } from './fake-clock.js';
import { makeBff, START, type Harness } from './harness.js';

/** A save sent without driving the clock, answering its status and the time it answered. */
async function send(t: Harness) {
  const headers = { 'Content-Type': 'application/json', ...(await t.headersFor({})) };
  const response = await t.app.request('/api/profile', {
    method: 'PATCH',
    headers,
    body: JSON.stringify({ city: 'Toronto' }),
  });
  return { status: response.status, at: t.clock.time - START };
}

// One attempt per save: a 3 s deadline leaves no time for a second one.
const ONE_ATTEMPT = { upstreamTimeoutMs: 3_000 };

describe('attempt deadlines', () => {
  it('clears the deadline of an answered attempt', async () => {
    const t = makeBff();
    assert.equal((await t.patch({ city: 'Toronto' })).status, 200);
    assert.deepEqual(t.clock.sleeps, [5_000]);
    assert.equal(t.clock.pending, 0);
  });

  it('times out a stalled save that follows a finished one, with a deadline of its own', async () => {
    const t = makeBff(ONE_ATTEMPT);
    assert.equal((await t.patch({ city: 'Toronto' })).status, 200);
    // Nothing of the first save is left to time out the second.
    assert.equal(t.clock.pending, 0);
    t.clock.advance(60_000);
    t.api.script('hang');
    const stalled = await drive(t.clock, send(t));
    assert.deepEqual(stalled, { status: 504, at: 63_000 });
    assert.equal(t.api.requests[1]?.aborted, true);
    assert.deepEqual(t.clock.sleeps, [3_000, 3_000]);
  });

  it('fires each save’s deadline at its own time, whatever the others do', async () => {
    const t = makeBff(ONE_ATTEMPT);
    t.api.script('hang');
    const first = send(t);
    await settle();
    t.clock.advance(1_000);
    // The second save is answered at once; its deadline is cleared, the first's still runs.
    const second = send(t);
    await settle();
    t.clock.advance(1_000);
    t.api.script('hang');
    const third = send(t);
    const results = await drive(t.clock, Promise.all([first, second, third]));
    assert.deepEqual(results, [
      { status: 504, at: 3_000 },
      { status: 200, at: 1_000 },
      { status: 504, at: 5_000 },
    ]);
    assert.deepEqual(
      t.api.requests.map((r) => r.aborted),
      [true, false, true],
    );
    assert.equal(t.clock.pending, 0);
  });
});
