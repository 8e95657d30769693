import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRetryBudget, RETRY_MIN_SAMPLE, RETRY_WINDOW_MS } from '../../bff/retry-budget.js';
import { errorBody, type Script } from './fake-partner-api.js';
import { makeBff } from './harness.js';

const unavailable = { status: 503, body: errorBody('internal_error', 'Try again') };

function budgetAt(time = 0) {
  const clock = { time };
  return { clock, budget: createRetryBudget({ now: () => clock.time }) };
}

describe('the retry budget', () => {
  it('allows retries while too few attempts are known to judge', () => {
    const { budget } = budgetAt();
    for (let i = 1; i < RETRY_MIN_SAMPLE; i++) budget.record(true);
    assert.equal(budget.allowsRetry(), true);
    budget.record(true);
    assert.equal(budget.allowsRetry(), false);
  });

  it('allows retries while at most half of the recent attempts failed', () => {
    const { budget } = budgetAt();
    for (let i = 0; i < 10; i++) budget.record(i % 2 === 0);
    assert.equal(budget.allowsRetry(), true);
    budget.record(true);
    assert.equal(budget.allowsRetry(), false);
    budget.record(false);
    assert.equal(budget.allowsRetry(), true);
  });

  it('forgets attempts older than its window', () => {
    const { clock, budget } = budgetAt(1_000_000);
    for (let i = 0; i < 20; i++) budget.record(true);
    clock.time += RETRY_WINDOW_MS - 1_000;
    assert.equal(budget.allowsRetry(), false);
    clock.time += 1_000;
    assert.equal(budget.allowsRetry(), true);
  });
});

describe('saves under an outage', () => {
  // Dozens of saves by one user at one virtual instant: the load the per-user limit exists to
  // stop, lifted here, where the upstream's outage is under test (test/bff/limits/ proves it).
  const options = { userRateLimit: 1_000_000 };
  async function saves(t: ReturnType<typeof makeBff>, count: number) {
    const statuses: number[] = [];
    for (let i = 0; i < count; i++) statuses.push((await t.patch({ city: 'Toronto' })).status);
    return statuses;
  }

  it('does not amplify a full outage: once most attempts fail, each save makes one call', async () => {
    const t = makeBff(options);
    t.api.script(...Array.from({ length: 500 }, () => unavailable));
    const statuses = await saves(t, 50);
    assert.ok(statuses.every((s) => s === 502));
    // The first save retries until the budget has seen enough; every later one tries once.
    assert.equal(t.api.requests.length, RETRY_MIN_SAMPLE + 49);
    assert.match(t.logs.at(-1)?.problem ?? '', /no retry while most recent attempts fail/);
    assert.equal(t.logs.at(-1)?.attempts, 1);
  });

  it('rides out a partial outage: a third of attempts failing, every save succeeds', async () => {
    const t = makeBff(options);
    const script: Script[] = [];
    for (let i = 0; i < 100; i++)
      script.push(i % 3 === 0 ? unavailable : { status: 200, body: ok() });
    t.api.script(...script);
    const statuses = await saves(t, 60);
    assert.ok(statuses.every((s) => s === 200));
    assert.ok(t.api.requests.length > 60);
  });

  it('retries again once first attempts succeed after an outage', async () => {
    const t = makeBff(options);
    t.api.script(...Array.from({ length: RETRY_MIN_SAMPLE + 19 }, () => unavailable));
    assert.deepEqual(await saves(t, 20), Array(20).fill(502));
    assert.equal(t.api.requests.length, RETRY_MIN_SAMPLE + 19);
    // The Partner API is back: first attempts succeed, and once they outnumber the failures in
    // the window (the next failure included), retries come back.
    assert.deepEqual(await saves(t, 30), Array(30).fill(200));
    t.api.script(unavailable);
    const before = t.api.requests.length;
    assert.equal((await t.patch({ city: 'Toronto' })).status, 200);
    assert.equal(t.api.requests.length - before, 2);
  });
});

function ok() {
  return {
    userId: '6f1c2b1e-8a8e-4a53-9a43-3c5d2f1a0b7e',
    externalId: 'partner-user-42',
    status: 'active',
    updatedAt: '2026-03-13T12:00:01Z',
  };
}
