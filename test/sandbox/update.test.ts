import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { updateUserResponseSchema } from '../../contract/schemas.js';
import { ruleMessage } from '../../contract/messages.js';
import { badFields, JANE, readError, setup } from './helpers.js';

describe('Update User', () => {
  it('applies a partial update and answers userId, externalId, status and an RFC 3339 updatedAt', async () => {
    const { send, sandbox, clock } = setup();
    clock.advance(1234);
    const res = await send('PATCH', JANE, { body: { city: 'Ottawa' } });
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.deepEqual(Object.keys(body).sort(), ['externalId', 'status', 'updatedAt', 'userId']);
    assert.equal(updateUserResponseSchema.safeParse(body).success, true);
    assert.equal(body.updatedAt, '2026-03-13T12:00:01.234Z');
    assert.equal(Date.parse(body.updatedAt), clock.now());
    assert.equal(body.externalId, 'partner-user-42');
    assert.equal(body.status, 'active');
    const user = sandbox.getUser('partner-user-42')!;
    assert.equal(user.city, 'Ottawa');
    assert.equal(user.addressLine1, '123 Main St', 'fields not in the patch stay as they were');
    assert.equal(user.updatedAt, body.updatedAt);
  });

  it('clears addressLine2 and occupation with null', async () => {
    const { send, sandbox } = setup();
    const res = await send('PATCH', JANE, { body: { addressLine2: null, occupation: null } });
    assert.equal(res.status, 200);
    const user = sandbox.getUser('partner-user-42')!;
    assert.equal(user.addressLine2, null);
    assert.equal(user.occupation, null);
  });

  it('stores postal codes normalised to upper case with one space', async () => {
    const { send, sandbox } = setup();
    assert.equal((await send('PATCH', JANE, { body: { postalCode: 'h2x1y4' } })).status, 200);
    assert.equal(sandbox.getUser('partner-user-42')!.postalCode, 'H2X 1Y4');
  });

  it('answers 404 not_found for an unknown user, and changes nothing', async () => {
    const { send, sandbox } = setup();
    const res = await send('PATCH', '/v1/users/partner-user-43', { body: { city: 'Ottawa' } });
    assert.equal(res.status, 404);
    assert.equal((await readError(res)).error, 'not_found');
    assert.equal(sandbox.appliedCount(), 0);
  });

  it('refuses an externalId over 128 characters (after percent-decoding) with a 400 for externalId', async () => {
    const { send } = setup();
    const encoded128 = encodeURIComponent('é'.repeat(128)); // 768 characters on the wire
    assert.equal(
      (await send('PATCH', `/v1/users/${encoded128}`, { body: { city: 'A' } })).status,
      404,
    );
    const res = await send('PATCH', `/v1/users/${encoded128}x`, { body: { city: 'A' } });
    assert.equal(res.status, 400);
    const body = await readError(res);
    assert.deepEqual(body.fieldErrors, [
      { field: 'externalId', message: ruleMessage({ code: 'tooLong', max: 128 }) },
    ]);
    assert.equal((await send('GET', `/v1/users/${'a'.repeat(129)}`)).status, 400);
    // Characters, not UTF-16 units: 128 emoji are 256 units and still within the limit.
    assert.equal(
      (await send('GET', `/v1/users/${encodeURIComponent('😀'.repeat(128))}`)).status,
      404,
    );
  });
});

describe('when the update is invalid, it answers 400 bad_request', () => {
  it('with a fieldErrors entry for every bad field at once, in English', async () => {
    const { send, sandbox } = setup();
    const res = await send('PATCH', JANE, {
      body: {
        email: 'not-an-email',
        firstName: '',
        lastName: 'x'.repeat(101),
        dateOfBirth: '1990-02-30',
        addressLine1: 42,
        addressLine2: 7,
        city: null,
        province: 'ZZ',
        postalCode: '12345',
        country: 'US',
        occupation: 'o'.repeat(101),
        isCiroAffiliate: 'yes',
        externalId: 'someone-else',
        favouriteColour: 'blue',
      },
    });
    assert.equal(res.status, 400);
    const body = await readError(res);
    assert.equal(body.error, 'bad_request');
    const byField = Object.fromEntries(body.fieldErrors!.map((e) => [e.field, e.message]));
    assert.deepEqual(byField, {
      email: ruleMessage({ code: 'email' }),
      firstName: ruleMessage({ code: 'required' }),
      lastName: ruleMessage({ code: 'tooLong', max: 100 }),
      dateOfBirth: ruleMessage({ code: 'date' }),
      addressLine1: ruleMessage({ code: 'notText' }),
      addressLine2: ruleMessage({ code: 'notTextOrNull' }),
      city: ruleMessage({ code: 'notText' }),
      province: ruleMessage({ code: 'province' }),
      postalCode: ruleMessage({ code: 'postalCode' }),
      country: ruleMessage({ code: 'country' }),
      occupation: ruleMessage({ code: 'tooLong', max: 100 }),
      isCiroAffiliate: ruleMessage({ code: 'notBoolean' }),
      externalId: ruleMessage({ code: 'readOnly' }),
      favouriteColour: ruleMessage({ code: 'unknownField' }),
    });
    assert.equal(sandbox.getUser('partner-user-42')!.email, 'jane.doe@example.com');
    assert.equal(sandbox.appliedCount(), 0);
  });

  it('for a date of birth in the future', async () => {
    const { send } = setup();
    const res = await send('PATCH', JANE, { body: { dateOfBirth: '2026-03-14' } });
    assert.deepEqual((await readError(res)).fieldErrors, [
      { field: 'dateOfBirth', message: ruleMessage({ code: 'future' }) },
    ]);
  });

  it('checks province and postal code against the stored country when the patch has none', async () => {
    const { send } = setup();
    assert.deepEqual(
      await badFields(await send('PATCH', JANE, { body: { province: 'NY', postalCode: '10001' } })),
      ['postalCode', 'province'],
    );
  });

  it('for malformed JSON, naming the body', async () => {
    const { send } = setup();
    const res = await send('PATCH', JANE, { body: '{"city": "Ottawa"' });
    assert.equal(res.status, 400);
    assert.deepEqual((await readError(res)).fieldErrors, [
      { field: 'body', message: 'Must be valid JSON' },
    ]);
  });

  it('for a body that is not UTF-8', async () => {
    const { send } = setup();
    const res = await send('PATCH', JANE, {
      body: new Uint8Array([...new TextEncoder().encode('{"city":"'), 0xff, 0x22, 0x7d]),
    });
    assert.equal(res.status, 400);
    assert.deepEqual(await badFields(res), ['body']);
  });

  it('for a Content-Type that is not JSON, or none', async () => {
    const { send } = setup();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
      const res = await send('PATCH', JANE, {
        body: { city: 'Ottawa' },
        headers: { 'Content-Type': type },
      });
      assert.equal(res.status, 400, String(type));
      assert.deepEqual(await badFields(res), ['Content-Type']);
    }
    const charset = await send('PATCH', JANE, {
      body: { city: 'Ottawa' },
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
    });
    assert.equal(charset.status, 200);
  });

  it('for a body that is not an object', async () => {
    const { send } = setup();
    for (const body of ['[]', '"Ottawa"', 'null', '42']) {
      const res = await send('PATCH', JANE, { body });
      assert.deepEqual((await readError(res)).fieldErrors, [
        { field: 'body', message: ruleMessage({ code: 'notObject' }) },
      ]);
    }
  });

  it('for an empty patch', async () => {
    const { send } = setup();
    const res = await send('PATCH', JANE, { body: {} });
    assert.deepEqual((await readError(res)).fieldErrors, [
      { field: 'body', message: ruleMessage({ code: 'emptyPatch' }) },
    ]);
  });
});

describe('the age rule', () => {
  it('accepts someone who turns 18 today and refuses someone who turns 18 tomorrow with 422', async () => {
    const { send, sandbox } = setup(); // today is 2026-03-13
    assert.equal((await send('PATCH', JANE, { body: { dateOfBirth: '2008-03-13' } })).status, 200);
    const res = await send('PATCH', JANE, { body: { dateOfBirth: '2008-03-14' } });
    assert.equal(res.status, 422);
    const body = await readError(res);
    assert.equal(body.error, 'unprocessable_entity');
    assert.equal(body.message, 'User must be at least 18 years old');
    assert.equal(body.fieldErrors, undefined);
    assert.equal(sandbox.getUser('partner-user-42')!.dateOfBirth, '2008-03-13');
  });

  it('follows the clock: the same date is accepted a day later', async () => {
    const { send, clock } = setup();
    assert.equal((await send('PATCH', JANE, { body: { dateOfBirth: '2008-03-14' } })).status, 422);
    clock.advance(24 * 60 * 60 * 1000);
    assert.equal((await send('PATCH', JANE, { body: { dateOfBirth: '2008-03-14' } })).status, 200);
  });

  it('reports a malformed field (400) before the age rule (422)', async () => {
    const { send } = setup();
    const res = await send('PATCH', JANE, { body: { dateOfBirth: '2020-01-01', email: 'bad' } });
    assert.equal(res.status, 400);
  });
});

describe('the status rule', () => {
  it('keeps a user active for an address change', async () => {
    const { send } = setup();
    const res = await send('PATCH', JANE, { body: { addressLine1: '1 King St' } });
    assert.equal((await res.json()).status, 'active');
  });

  it('makes a user pendingCompliance on becoming a CIRO affiliate', async () => {
    const { send } = setup();
    const res = await send('PATCH', JANE, { body: { isCiroAffiliate: true } });
    assert.equal((await res.json()).status, 'pendingCompliance');
  });

  it('makes a user pendingCompliance when their name or date of birth changes, not when repeated', async () => {
    for (const patch of [
      { firstName: 'Janet' },
      { lastName: 'Roe' },
      { dateOfBirth: '1990-05-16' },
    ]) {
      const { send } = setup();
      const res = await send('PATCH', JANE, { body: patch });
      assert.equal((await res.json()).status, 'pendingCompliance', JSON.stringify(patch));
    }
    const { send } = setup();
    const same = await send('PATCH', JANE, {
      body: { firstName: 'Jane', dateOfBirth: '1990-05-15' },
    });
    assert.equal((await same.json()).status, 'active');
  });

  it('stays pendingCompliance until setStatus plays the review', async () => {
    const { send, sandbox } = setup();
    await send('PATCH', JANE, { body: { isCiroAffiliate: true } });
    const later = await send('PATCH', JANE, { body: { city: 'Ottawa' } });
    assert.equal((await later.json()).status, 'pendingCompliance');
    sandbox.setStatus('partner-user-42', 'active');
    const get = await send('GET', JANE);
    assert.equal((await get.json()).status, 'active');
  });
});
