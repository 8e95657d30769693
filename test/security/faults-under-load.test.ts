/**
 * Faults under load, over real sockets on 127.0.0.1: 50 users save through the BFF (its Node
 * adapters: the undici pool and node:crypto, with the default retry and deadline options) to the
 * sandbox, whose random fault mode answers 30 % of upstream requests with a fault (mostly 503s,
 * some stalls, a sixth of them past the attempt's timeout, and dropped connections, before and
 * after the change is applied). The BFF's own retries, within its deadline, must carry at least
 * 99.5 % of saves, and no save may show its user a 409 (a retry meeting its own first attempt
 * still in flight is waited out); with the element's retry with the same Idempotency-Key, at
 * least 99.9 %; on average at most 1.5 upstream calls per save; and the sandbox must never apply
 * one Idempotency-Key twice.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Pool } from 'undici';
import { DEFAULTS } from '../../bff/options.js';
import { seedUsers, serveSandbox, type RunningSandbox } from '../../sandbox/index.js';
import { elementClient, type SaveOutcome } from './support/element-client.js';
import { servedBffOverSandbox, type ServedOverSandbox } from './support/harness.js';

const USERS = 50;
const SAVES = 3_000;
// The element waits for the BFF's answer, which comes by the BFF's deadline; a little more here,
// so that only a BFF that overstays it counts as a network failure.
const ELEMENT_TIMEOUT_MS = DEFAULTS.upstreamTimeoutMs + 5_000;
// The BFF's default timeout for one attempt: a stall longer than it is a failed attempt that the
// BFF retries (and, stalled after the key was taken, one whose retry meets 409 in flight).
const PER_ATTEMPT_TIMEOUT_MS = DEFAULTS.attemptTimeoutMs;
// 30 % of upstream answers are faults: 503s, stalls (a sixth of them outlast the attempt) and
// dropped connections, so that about 25 % of attempts fail.
const UNAVAILABLE = 0.22;
const STALL = 0.06;
const DROP = 0.02;
// How long the user waits before saving again; long enough for a stalled first try to finish.
const USER_PAUSE_MS = 1_000;

const externalIds = Array.from({ length: USERS }, (_, i) => `load-user-${i}`);
// How many times the sandbox answered 409: the BFF's retries meeting their own key in flight.
let upstream409s = 0;

describe('faults under load', () => {
  let sandbox: RunningSandbox;
  let bff: ServedOverSandbox;

  before(async () => {
    sandbox = await serveSandbox({
      port: 0,
      // The partner's quota is not under test here.
      rateLimit: 1_000_000,
      users: [
        ...seedUsers(),
        ...externalIds.map((externalId) => ({ ...seedUsers()[0]!, externalId, userId: undefined })),
      ],
      logger: (entry) => {
        if (entry.status === 409) upstream409s++;
      },
    });
    // The options a partner gets for retries and deadlines. Only the BFF's own limits are lifted:
    // each user saves back to back, some 60 times a minute, with all 50 users' saves in flight at
    // once, which is the load those limits exist to stop; what is under test here is how saves
    // survive upstream faults (test/bff/limits/ and test/package/shared-store.test.ts prove the
    // limits).
    bff = await servedBffOverSandbox(sandbox.url, externalIds, {
      userRateLimit: 1_000_000,
      maxUpstreamConcurrency: USERS,
    });
  });
  after(async () => {
    await bff?.close();
    await sandbox?.close();
  });

  it(`keeps ${SAVES} saves of ${USERS} users whole while 30 % of upstream answers fail`, async (t) => {
    // Drops and stalls alternate between their two phases, so both kinds happen in one run.
    let phase = 0;
    const setFaults = () => {
      const after = phase++ % 2 === 1;
      sandbox.sandbox.setRandomFaults({
        seed: 20_260_313 + phase,
        method: 'PATCH',
        unavailable: UNAVAILABLE,
        stall: STALL,
        stallMs: [100, 1.2 * PER_ATTEMPT_TIMEOUT_MS],
        stallPhase: after ? 'during' : 'before',
        drop: DROP,
        dropPhase: after ? 'after' : 'before',
      });
    };
    setFaults();
    const switcher = setInterval(setFaults, 250);

    const pool = new Pool(bff.url, { connections: USERS });
    const clients = externalIds.map((externalId) =>
      elementClient({
        pool,
        token: bff.tokenFor(externalId),
        origin: bff.origin,
        retries: 2,
        attemptTimeoutMs: ELEMENT_TIMEOUT_MS,
        retryDelayMs: USER_PAUSE_MS,
      }),
    );
    const before = sandbox.sandbox.stats();
    const outcomes: SaveOutcome[] = [];
    let next = 0;
    const started = performance.now();
    try {
      await Promise.all(
        clients.map(async (client) => {
          while (next < SAVES) {
            const n = next++;
            outcomes.push(await client.save({ city: `City ${n}`, addressLine2: `Unit ${n % 17}` }));
          }
        }),
      );
    } finally {
      clearInterval(switcher);
      sandbox.sandbox.clearFaults();
      await pool.close();
    }
    const seconds = (performance.now() - started) / 1000;
    const stats = sandbox.sandbox.stats();

    const firstTry = outcomes.filter((o) => o.firstStatus === 200).length / SAVES;
    const withElement = outcomes.filter((o) => o.status === 200).length / SAVES;
    const bffAttempts = outcomes.reduce((sum, o) => sum + o.attempts, 0);
    const upstreamPerSave = (stats.requests - before.requests) / SAVES;
    const seen409 = outcomes.filter((o) => o.statuses.includes(409)).length;
    const report = `${seconds.toFixed(1)} s; BFF alone ${(firstTry * 100).toFixed(2)} %, with the element ${(withElement * 100).toFixed(3)} %; ${seen409} saves shown a 409 (${upstream409s} met upstream); ${upstreamPerSave.toFixed(2)} upstream calls and ${(bffAttempts / SAVES).toFixed(3)} BFF calls per save; ${stats.duplicateApplications} duplicate applications; first statuses ${JSON.stringify(histogram(outcomes))}`;
    const lost = outcomes.filter((o) => o.status !== 200).map((o) => o.statuses.join('→'));
    t.diagnostic(`${report}; lost: ${lost.join(', ') || 'none'}`);

    assert.equal(outcomes.length, SAVES);
    assert.equal(stats.duplicateApplications, 0, report);
    for (const outcome of outcomes) {
      assert.ok(sandbox.sandbox.appliedCount(outcome.idempotencyKey) <= 1, outcome.idempotencyKey);
      if (outcome.status === 200) {
        assert.equal(
          sandbox.sandbox.appliedCount(outcome.idempotencyKey),
          1,
          'a success that was not applied',
        );
      }
    }
    assert.ok(firstTry >= 0.995, report);
    assert.equal(seen409, 0, report);
    assert.ok(withElement >= 0.999, report);
    assert.ok(upstreamPerSave <= 1.5, report);
    // Every answer the element saw was a success or a retryable failure; never a 4xx for a valid save.
    for (const outcome of outcomes) {
      assert.ok(outcome.status === 200 || outcome.status === 0 || outcome.status >= 500, report);
    }
  });
});

function histogram(outcomes: SaveOutcome[]) {
  const counts: Record<string, number> = {};
  for (const { firstStatus } of outcomes) counts[firstStatus] = (counts[firstStatus] ?? 0) + 1;
  return counts;
}
