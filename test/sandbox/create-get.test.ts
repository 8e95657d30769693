import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isUuid } from '../../contract/api.js';
import { ruleMessage } from '../../contract/messages.js';
import { PROFILE_FIELDS } from '../../contract/profile.js';
import { seedUsers } from '../../sandbox/users.js';
import { badFields, JANE, readError, setup } from './helpers.js';

const newUser = {
  externalId: 'partner-user-7',
  firstName: 'Sam',
  lastName: 'Tremblay',
  email: 'sam@example.com',
  dateOfBirth: '1985-01-31',
  addressLine1: '1 Rue Saint-Paul',
  city: 'Montréal',
  province: 'QC',
  postalCode: 'h2y1z5',
  country: 'CA',
  isCiroAffiliate: false,
};

describe('Get User', () => {
  it('answers userId, externalId and status only: no profile field', async () => {
    const { send } = setup();
    const res = await send('GET', JANE);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), {
      userId: '3f2b8c1e-6a4d-4f7b-9e2a-5c8d1b7e4a90',
      externalId: 'partner-user-42',
      status: 'active',
    });
  });

  it('answers 404 not_found for an unknown user', async () => {
    const { send } = setup();
    const res = await send('GET', '/v1/users/nobody');
    assert.equal(res.status, 404);
    assert.equal((await readError(res)).error, 'not_found');
  });
});

describe('Create User', () => {
  it('creates a user: 201 with userId, externalId and status, and stores the normalised profile', async () => {
    const { send, sandbox } = setup();
    const res = await send('POST', '/v1/users', { body: newUser });
    assert.equal(res.status, 201);
    const body = await res.json();
    assert.deepEqual(Object.keys(body).sort(), ['externalId', 'status', 'userId']);
    assert.ok(isUuid(body.userId));
    assert.equal(body.status, 'active');
    assert.equal(res.headers.get('Location'), '/v1/users/partner-user-7');
    const stored = sandbox.getUser('partner-user-7')!;
    assert.equal(stored.postalCode, 'H2Y 1Z5');
    assert.equal(stored.addressLine2, null, 'an optional field left out is stored as null');
    assert.equal(stored.occupation, null);
    assert.equal(stored.userId, body.userId);
    const get = await send('GET', '/v1/users/partner-user-7');
    assert.deepEqual(await get.json(), body);
    assert.equal(sandbox.appliedCount(), 1);
  });

  it('starts a CIRO affiliate as pendingCompliance', async () => {
    const { send } = setup();
    const res = await send('POST', '/v1/users', { body: { ...newUser, isCiroAffiliate: true } });
    assert.equal((await res.json()).status, 'pendingCompliance');
  });

  it('answers 409 conflict for an externalId that exists, and keeps the existing user', async () => {
    const { send, sandbox } = setup();
    const res = await send('POST', '/v1/users', {
      body: { ...newUser, externalId: 'partner-user-42' },
    });
    assert.equal(res.status, 409);
    assert.equal((await readError(res)).error, 'conflict');
    assert.equal(sandbox.getUser('partner-user-42')!.firstName, 'Jane');
  });

  it('reports every missing required field as required, and every bad one, at once', async () => {
    const { send } = setup();
    const res = await send('POST', '/v1/users', { body: { email: 'nope', province: 'ZZ' } });
    assert.equal(res.status, 400);
    const body = await readError(res);
    const byField = Object.fromEntries(body.fieldErrors!.map((e) => [e.field, e.message]));
    const required = ruleMessage({ code: 'required' });
    assert.deepEqual(byField, {
      externalId: required,
      email: ruleMessage({ code: 'email' }),
      province: ruleMessage({ code: 'province' }),
      firstName: required,
      lastName: required,
      dateOfBirth: required,
      addressLine1: required,
      city: required,
      postalCode: required,
      country: required,
      isCiroAffiliate: required,
    });
    assert.ok(!('addressLine2' in byField) && !('occupation' in byField));
  });

  it('refuses an externalId that is not a string, empty, or over 128 characters', async () => {
    const { send } = setup();
    for (const externalId of [42, '', 'x'.repeat(129)]) {
      const res = await send('POST', '/v1/users', { body: { ...newUser, externalId } });
      assert.deepEqual(await badFields(res), ['externalId'], String(externalId));
    }
    const max = await send('POST', '/v1/users', {
      body: { ...newUser, externalId: 'x'.repeat(128) },
    });
    assert.equal(max.status, 201);
  });

  it('refuses unknown fields and non-objects', async () => {
    const { send } = setup();
    assert.deepEqual(
      await badFields(await send('POST', '/v1/users', { body: { ...newUser, role: 'admin' } })),
      ['role'],
    );
    assert.deepEqual(await badFields(await send('POST', '/v1/users', { body: '[]' })), ['body']);
  });

  it('answers 422 for someone under 18', async () => {
    const { send, sandbox } = setup();
    const res = await send('POST', '/v1/users', {
      body: { ...newUser, dateOfBirth: '2008-03-14' },
    });
    assert.equal(res.status, 422);
    assert.equal((await readError(res)).message, 'User must be at least 18 years old');
    assert.equal(sandbox.getUser('partner-user-7'), undefined);
  });

  it('creates a user whose externalId needs percent-encoding, found again by its encoded path', async () => {
    const { send } = setup();
    const res = await send('POST', '/v1/users', { body: { ...newUser, externalId: 'café/42' } });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('Location'), '/v1/users/caf%C3%A9%2F42');
    assert.equal((await send('GET', '/v1/users/caf%C3%A9%2F42')).status, 200);
  });
});

describe('the seed', () => {
  it('is exactly partner-user-42, Jane Doe, with every documented field', () => {
    const { sandbox } = setup();
    const { createdAt: _c, updatedAt: _u, ...jane } = sandbox.getUser('partner-user-42')!;
    assert.deepEqual(jane, {
      userId: '3f2b8c1e-6a4d-4f7b-9e2a-5c8d1b7e4a90',
      externalId: 'partner-user-42',
      status: 'active',
      firstName: 'Jane',
      lastName: 'Doe',
      email: 'jane.doe@example.com',
      dateOfBirth: '1990-05-15',
      addressLine1: '123 Main St',
      addressLine2: 'Suite 400',
      city: 'Toronto',
      province: 'ON',
      postalCode: 'M5V 2T6',
      country: 'CA',
      occupation: 'Software Engineer',
      isCiroAffiliate: false,
    });
    assert.deepEqual(
      Object.keys(jane).filter((k) => (PROFILE_FIELDS as readonly string[]).includes(k)).length,
      12,
    );
  });

  it('takes more users on top of seedUsers(), with ids from the seeded random', async () => {
    const extra = {
      ...seedUsers()[0]!,
      externalId: 'partner-user-7',
      userId: undefined,
      firstName: 'Sam',
    };
    const a = setup({ users: [...seedUsers(), extra] });
    const b = setup({ users: [...seedUsers(), extra] });
    assert.equal(a.sandbox.getUser('partner-user-7')!.firstName, 'Sam');
    assert.ok(isUuid(a.sandbox.getUser('partner-user-7')!.userId));
    assert.equal(
      a.sandbox.getUser('partner-user-7')!.userId,
      b.sandbox.getUser('partner-user-7')!.userId,
    );
    assert.equal((await a.send('GET', '/v1/users/partner-user-7')).status, 200);
  });

  it('refuses an invalid seed user, naming the field', () => {
    assert.throws(
      () => setup({ users: [{ ...seedUsers()[0]!, postalCode: '90210' }] }),
      /users\[0\] is not a valid user \(postalCode: Must be a Canadian postal code/,
    );
    assert.throws(() => setup({ users: [...seedUsers(), ...seedUsers()] }), /distinct externalIds/);
  });
});
