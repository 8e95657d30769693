import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { seedUsers } from '../../sandbox/users.js';
import { API_KEY, EXAMPLE_BODY, JANE, REQUEST_ID, SECRET, setup } from './helpers.js';

const KEY = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

describe('the request log', () => {
  it('writes one structured line per request: method, path, status, duration, requestId, applied, replayed', async () => {
    const { send, logs } = setup();
    const res = await send('PATCH', JANE, {
      body: EXAMPLE_BODY,
      headers: { 'Idempotency-Key': KEY },
    });
    await send('PATCH', JANE, { body: EXAMPLE_BODY, headers: { 'Idempotency-Key': KEY } });
    assert.equal(logs.length, 2);
    const [first, replay] = logs;
    assert.equal(first!.method, 'PATCH');
    assert.equal(first!.path, JANE);
    assert.equal(first!.status, 200);
    assert.equal(first!.requestId, res.headers.get('X-Request-Id'));
    assert.match(first!.requestId, REQUEST_ID);
    assert.equal(typeof first!.durationMs, 'number');
    assert.equal(first!.time, '2026-03-13T12:00:00.000Z');
    assert.deepEqual([first!.applied, first!.replayed], [true, false]);
    assert.deepEqual([replay!.applied, replay!.replayed], [false, true]);
  });

  it('says why a request failed: error key, message, the names of bad fields, the fault', async () => {
    const { send, sandbox, logs } = setup();
    await send('GET', JANE, { sign: { secret: 'wrong' } });
    await send('PATCH', JANE, { body: { email: 'jane.secret@evil', postalCode: 'SECRET' } });
    sandbox.injectFault({ kind: 'status', status: 503 });
    await send('GET', JANE);
    sandbox.injectFault({ kind: 'drop' });
    await send('GET', JANE).catch(() => undefined);
    assert.equal(logs[0]!.error, 'unauthorized');
    assert.match(logs[0]!.message!, /X-Request-Signature does not match/);
    assert.deepEqual(logs[1]!.fields, ['email', 'postalCode']);
    assert.equal(logs[2]!.fault, 'status 503');
    assert.deepEqual(
      [logs[3]!.status, logs[3]!.dropped, logs[3]!.fault],
      [null, true, 'drop before'],
    );
  });

  it('logs the status of an answer lost by a drop after processing', async () => {
    const { send, sandbox, logs } = setup();
    sandbox.injectFault({ kind: 'drop', phase: 'after' });
    await send('PATCH', JANE, { body: { city: 'Ottawa' } }).catch(() => undefined);
    assert.deepEqual([logs[0]!.status, logs[0]!.dropped, logs[0]!.applied], [200, true, true]);
  });

  it('never contains a secret, an API key, a signature, a timestamp header or a profile value', async () => {
    const cafe = { ...seedUsers()[0]!, externalId: 'user-9', userId: undefined };
    const { send, sandbox, logs } = setup({ users: [...seedUsers(), cafe] });
    const profile = {
      firstName: 'Zebulon',
      lastName: 'Quixotic',
      email: 'zebulon.quixotic@example.org',
      dateOfBirth: '1971-07-07',
      addressLine1: '99 Xylophone Ave',
      addressLine2: 'Unit 77Q',
      city: 'Yellowknife',
      province: 'NT',
      postalCode: 'X1A 2P7',
      occupation: 'Glassblower',
    };
    const responses = [
      await send('PATCH', JANE, { body: profile, headers: { 'Idempotency-Key': KEY } }),
      await send('PATCH', JANE, { body: profile, headers: { 'Idempotency-Key': KEY } }),
      await send('PATCH', JANE, { body: { ...profile, email: 'zebulon@', postalCode: 'QQQ' } }),
      await send('PATCH', '/v1/users/user-9', { body: { dateOfBirth: '2010-10-10' } }),
      await send('POST', '/v1/users', {
        body: { ...profile, externalId: 'new-1', country: 'CA', isCiroAffiliate: true },
      }),
      await send('GET', JANE, { sign: { secret: 'wrong' } }),
    ];
    sandbox.injectFault({ kind: 'drop', phase: 'after' });
    await send('PATCH', JANE, { body: { city: 'Inuvik' } }).catch(() => undefined);
    const text = logs.map((entry) => JSON.stringify(entry)).join('\n');
    assert.equal(logs.length, responses.length + 1);
    const forbidden = [
      API_KEY,
      SECRET,
      KEY,
      ...Object.values(profile),
      'Inuvik',
      '2010-10-10',
      'zebulon@',
    ];
    for (const value of forbidden) assert.ok(!text.includes(value), `the log contains ${value}`);
    assert.doesNotMatch(text, /[0-9a-f]{64}/, 'no signature-like hex');
    assert.doesNotMatch(text, /T12:00:00Z/, 'no X-Request-Timestamp value');
  });
});
