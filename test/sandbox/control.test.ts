import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSandbox } from '../../sandbox/app.js';
import { AppliedLedger } from '../../sandbox/ledger.js';
import { IDEMPOTENCY_TTL_MS } from '../../sandbox/idempotency.js';
import { randomUuid, seededRandom } from '../../sandbox/random.js';
import { JANE, setup } from './helpers.js';

describe('the control surface', () => {
  it('getUser returns the full stored profile as a copy', async () => {
    const { sandbox, send } = setup();
    const jane = sandbox.getUser('partner-user-42')!;
    jane.city = 'Mutated';
    assert.equal(sandbox.getUser('partner-user-42')!.city, 'Toronto');
    assert.equal(sandbox.getUser('nobody'), undefined);
    await send('PATCH', JANE, { body: { occupation: 'Pilot' } });
    assert.equal(sandbox.getUser('partner-user-42')!.occupation, 'Pilot');
  });

  it('stats count every request received, and what was applied', async () => {
    const { sandbox, send } = setup();
    await send('GET', JANE);
    await sandbox.app.request('/nowhere');
    await send('PATCH', JANE, { body: { city: 'Ottawa' } });
    assert.deepEqual(sandbox.stats(), {
      requests: 3,
      applied: 1,
      appliedWithoutKey: 1,
      duplicateApplications: 0,
      replayed: 0,
    });
  });

  it('reset returns to the seed: users, keys, rate limit, faults and counters', async () => {
    const { sandbox, send } = setup({ rateLimit: 2 });
    const key = { 'Idempotency-Key': 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' };
    await send('PATCH', JANE, { body: { city: 'Ottawa' }, headers: key });
    const {
      userId: _u,
      status: _s,
      createdAt: _c,
      updatedAt: _up,
      ...jane
    } = sandbox.getUser('partner-user-42')!;
    const created = await send('POST', '/v1/users', {
      body: { ...jane, externalId: 'partner-user-9' },
    });
    assert.equal(created.status, 201);
    sandbox.injectFault({ kind: 'status', status: 503 });
    sandbox.reset();
    assert.equal(sandbox.getUser('partner-user-42')!.city, 'Toronto');
    assert.equal(sandbox.getUser('partner-user-9'), undefined, 'created users are gone');
    assert.equal(sandbox.stats().requests, 0);
    assert.equal(sandbox.appliedCount(), 0);
    const again = await send('PATCH', JANE, { body: { city: 'Ottawa' }, headers: key });
    assert.equal(again.status, 200, 'no fault, no rate limit history');
    assert.equal(again.headers.get('Idempotent-Replayed'), null, 'keys forgotten');
    assert.equal((await send('GET', JANE)).status, 200);
    assert.equal((await send('GET', JANE)).status, 429);
  });

  it('refuses bad options with a clear TypeError', () => {
    assert.throws(
      () => createSandbox({ apiKey: '', logger: () => {} }),
      /apiKey must be a non-empty string/,
    );
    assert.throws(() => createSandbox({ signingSecret: '' }), /signingSecret/);
    assert.throws(
      () => createSandbox({ rateLimit: 0 }),
      /rateLimit must be a positive whole number/,
    );
  });
});

describe('seeded randomness', () => {
  it('repeats the same sequence for the same seed and makes version 4 UUIDs', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const first = [a(), a(), a()];
    assert.deepEqual(first, [b(), b(), b()]);
    assert.ok(first.every((n) => n >= 0 && n < 1));
    assert.notDeepEqual(first, [seededRandom(8)(), 0, 0].slice(0, 3));
    const uuid = randomUuid(seededRandom(7));
    assert.match(uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(uuid, randomUuid(seededRandom(7)));
    assert.throws(() => seededRandom(Number.NaN), /finite/);
  });
});

describe('the applied ledger', () => {
  it('counts applications per key, flags a second one within 24 h as a duplicate, then forgets', () => {
    const ledger = new AppliedLedger();
    ledger.record('k1', 0);
    ledger.record(undefined, 0);
    assert.deepEqual(ledger.stats, { total: 2, withoutKey: 1, duplicates: 0 });
    ledger.record('k1', IDEMPOTENCY_TTL_MS - 1);
    assert.equal(ledger.count('k1'), 2);
    assert.deepEqual(ledger.stats, { total: 3, withoutKey: 1, duplicates: 1 });
    ledger.record('k2', IDEMPOTENCY_TTL_MS);
    assert.equal(ledger.count('k1'), 0, 'forgotten 24 h after its first application');
    assert.equal(ledger.count('k2'), 1);
    ledger.reset();
    assert.deepEqual(ledger.stats, { total: 0, withoutKey: 0, duplicates: 0 });
  });
});
