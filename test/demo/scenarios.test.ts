import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createScenarios, type FaultControl } from '../../demo/scenarios.js';

function fakeFaults() {
  const calls: unknown[][] = [];
  const faults: FaultControl = {
    answerNext: (...args) => void calls.push(['answer', ...args]),
    stallNext: (...args) => void calls.push(['stall', ...args]),
    clearFaults: () => void calls.push(['clear']),
  };
  return { faults, calls };
}

describe('scenarios', () => {
  it('lists every outcome, with the deadline and the Retry-After in its words', () => {
    const { faults } = fakeFaults();
    const scenarios = createScenarios(faults, { retryAfterSeconds: 3, upstreamTimeoutMs: 2500 });
    assert.deepEqual(
      scenarios.catalogue.map((s) => s.name),
      ['field-errors', 'under-18', 'rate-limit', 'server-error', 'timeout', 'session-expired'],
    );
    assert.match(scenarios.catalogue.find((s) => s.name === 'rate-limit')!.code, /3 s/);
    assert.match(scenarios.catalogue.find((s) => s.name === 'timeout')!.code, /2\.5 s/);
  });

  it('answers a 400 with a field error for a field the form does not show', () => {
    const { faults, calls } = fakeFaults();
    createScenarios(faults, { upstreamTimeoutMs: 10_000 }).arm('field-errors');
    const [kind, status, body] = calls.at(-1)!;
    assert.equal(kind, 'answer');
    assert.equal(status, 400);
    const fields = (body as { fieldErrors: { field: string }[] }).fieldErrors.map((e) => e.field);
    assert.deepEqual(fields, ['email', 'postalCode', 'employerName']);
  });

  it('sets the 429’s Retry-After past the BFF’s deadline by default, so the BFF relays it', () => {
    const { faults, calls } = fakeFaults();
    createScenarios(faults, { upstreamTimeoutMs: 10_000 }).arm('rate-limit');
    assert.deepEqual(calls.at(-1)!.slice(0, 2), ['answer', 429]);
    assert.deepEqual(calls.at(-1)![3], { 'retry-after': '12' });
  });

  it('answers 422 for the age rule and one 503 for the hiccup', () => {
    const { faults, calls } = fakeFaults();
    const scenarios = createScenarios(faults, { upstreamTimeoutMs: 10_000 });
    scenarios.arm('under-18');
    assert.equal(calls.at(-1)![1], 422);
    assert.match(JSON.stringify(calls.at(-1)![2]), /at least 18/);
    scenarios.arm('server-error');
    assert.equal(calls.at(-1)![1], 503);
  });

  it('stalls every attempt the BFF can make until just past its deadline', () => {
    const { faults, calls } = fakeFaults();
    createScenarios(faults, { upstreamTimeoutMs: 1500 }).arm('timeout');
    assert.deepEqual(calls.at(-1), ['stall', 2000, 3]);
  });

  it('injects nothing upstream for an expired session', () => {
    const { faults, calls } = fakeFaults();
    const scenarios = createScenarios(faults, { upstreamTimeoutMs: 10_000 });
    scenarios.arm('session-expired');
    assert.deepEqual(calls, [['clear']]);
    assert.equal(scenarios.armed(), 'session-expired');
  });

  it('clears what is left once a save has used the scenario, and forgets it', () => {
    const { faults, calls } = fakeFaults();
    const scenarios = createScenarios(faults, { upstreamTimeoutMs: 10_000 });
    scenarios.spent();
    assert.deepEqual(calls, [], 'nothing armed, nothing to clear');
    scenarios.arm('timeout');
    scenarios.spent();
    assert.deepEqual(calls.at(-1), ['clear']);
    assert.equal(scenarios.armed(), null);
  });

  it('replaces an armed scenario by the next one, and disarms', () => {
    const { faults, calls } = fakeFaults();
    const scenarios = createScenarios(faults, { upstreamTimeoutMs: 10_000 });
    scenarios.arm('rate-limit');
    scenarios.arm('under-18');
    assert.deepEqual(
      calls.map((c) => c[0]),
      ['clear', 'answer', 'clear', 'answer'],
    );
    scenarios.disarm();
    assert.equal(scenarios.armed(), null);
    assert.deepEqual(calls.at(-1), ['clear']);
  });
});
