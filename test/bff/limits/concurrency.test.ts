/**
 * The cap on upstream requests in flight: on its own with the virtual clock (first come, first
 * served; a bounded wait; a place handed straight to the next in line), and in the BFF, where a
 * save past the cap gets our 429 with `Retry-After: 1` and never reaches the Partner API.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createConcurrencyLimit } from '../../../bff/limits/concurrency.js';
import { DEFAULTS } from '../../../bff/options.js';
import type { RequestLog } from '../../../bff/context.js';
import type { Transport, TransportResponse } from '../../../bff/types.js';
import { drive, FakeClock, settle } from '../fake-clock.js';
import { expectError, makeBff, START } from '../harness.js';

/** A task that finishes when the test says. */
function held() {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { task: () => done, release };
}

describe('the concurrency limit', () => {
  it('runs up to the cap at once, queues the next and hands each freed place on in order', async () => {
    const clock = new FakeClock(START);
    const limit = createConcurrencyLimit({ max: 2, waitMs: 1000, sleep: clock.sleep });
    const tasks = [held(), held(), held(), held()];
    const order: number[] = [];
    const runs = tasks.map((t, i) =>
      limit.run(async () => {
        order.push(i);
        await t.task();
      }, {}),
    );
    await settle();
    assert.deepEqual(order, [0, 1]);
    assert.equal(limit.active, 2);
    assert.equal(limit.waiting, 2);
    tasks[1]!.release();
    await settle();
    assert.deepEqual(order, [0, 1, 2]);
    tasks[0]!.release();
    await settle();
    assert.deepEqual(order, [0, 1, 2, 3]);
    tasks[2]!.release();
    tasks[3]!.release();
    await Promise.all(runs);
    assert.equal(limit.active, 0);
    assert.equal(limit.waiting, 0);
    assert.equal(clock.pending, 0, 'no wait is left armed');
  });

  it('refuses a task that waited its whole bound, with a 429 and Retry-After: 1', async () => {
    const clock = new FakeClock(START);
    const limit = createConcurrencyLimit({ max: 1, waitMs: 1000, sleep: clock.sleep });
    const first = held();
    const running = limit.run(first.task, {});
    const log: RequestLog = {};
    let ran = false;
    const waiting = limit.run(async () => {
      ran = true;
    }, log);
    await settle();
    assert.deepEqual(clock.sleeps, [1000]);
    clock.fireNext();
    await assert.rejects(waiting, (error: { status: number; key: string; headers: object }) => {
      assert.equal(error.status, 429);
      assert.equal(error.key, 'too_many_requests');
      assert.deepEqual(error.headers, { 'Retry-After': '1' });
      return true;
    });
    assert.equal(ran, false);
    assert.equal(log.problem, 'too many upstream requests in flight');
    assert.equal(limit.waiting, 0);
    first.release();
    await running;
    assert.equal(limit.active, 0);
  });

  it('frees its place when the task fails', async () => {
    const clock = new FakeClock(START);
    const limit = createConcurrencyLimit({ max: 1, waitMs: 0, sleep: clock.sleep });
    await assert.rejects(
      limit.run(() => Promise.reject(new Error('boom')), {}),
      /boom/,
    );
    assert.equal(await limit.run(async () => 'next', {}), 'next');
  });
});

describe('the BFF over its concurrency cap', () => {
  /** The fake Partner API, each answer held until the test releases it. */
  function gated() {
    const gates: (() => void)[] = [];
    let inner: Transport | undefined;
    const wrapped: Transport = async (request) => {
      await new Promise<void>((resolve) => gates.push(resolve));
      return inner!(request) as Promise<TransportResponse>;
    };
    return { wrapped, gates, forward: (transport: Transport) => (inner = transport) };
  }

  it('holds 32 upstream requests at most by default', () => {
    assert.equal(DEFAULTS.maxUpstreamConcurrency, 32);
    assert.equal(DEFAULTS.upstreamQueueMs, 1000);
  });

  it('answers a save past the cap 429 with Retry-After: 1, and sends it nowhere', async () => {
    const gate = gated();
    const t = makeBff({ maxUpstreamConcurrency: 1, upstreamQueueMs: 0, transport: gate.wrapped });
    gate.forward(t.api.transport);
    // The first save is held upstream (not driven: its attempt timer stays asleep).
    const first = t.app.request('/api/profile', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', ...(await t.headersFor({})) },
      body: JSON.stringify({ city: 'Ottawa' }),
    });
    await settle();
    assert.equal(gate.gates.length, 1);
    const second = await t.patch({ city: 'Hull' });
    const body = await expectError(second, 429, 'too_many_requests');
    assert.equal(second.headers.get('retry-after'), '1');
    assert.match(second.headers.get('access-control-expose-headers')!, /Retry-After/);
    assert.match(body.message, /try again/);
    gate.gates[0]!();
    assert.equal((await first).status, 200);
    assert.deepEqual(
      t.api.requests.map((r) => r.bodyText),
      ['{"city":"Ottawa"}'],
    );
    // The place is free again.
    const third = t.patch({ city: 'Gatineau' });
    await settle();
    gate.gates[1]!();
    assert.equal((await third).status, 200);
  });

  it('lets a save wait its turn within the bound', async () => {
    const gate = gated();
    const t = makeBff({ maxUpstreamConcurrency: 1, transport: gate.wrapped });
    gate.forward(t.api.transport);
    const headers = { 'Content-Type': 'application/json', ...(await t.headersFor({})) };
    const send = (city: string) =>
      t.app.request('/api/profile', { method: 'PATCH', headers, body: JSON.stringify({ city }) });
    const first = send('Ottawa');
    const second = send('Hull');
    await settle();
    assert.equal(gate.gates.length, 1, 'the second waits for a place');
    gate.gates[0]!();
    assert.equal((await first).status, 200);
    await settle();
    gate.gates[1]!();
    assert.equal((await drive(t.clock, Promise.resolve(second))).status, 200);
    assert.equal(t.api.requests.length, 2);
  });
});
