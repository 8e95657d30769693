import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isUuid } from '../../contract/api.js';
import { ruleMessage } from '../../contract/messages.js';
import { expectError, makeBff, rawPatch, SESSION_SECRET } from './harness.js';

const KEY = '3f0c8a52-7d4e-4b1a-9c6f-2e8d5b7a1c90';

describe('PATCH /api/profile checks of the body and the key', () => {
  describe('JSON and the contract', () => {
    it('answers 400 with a body fieldError to what is not JSON or not UTF-8', async () => {
      const t = makeBff();
      for (const body of ['{"city":', '', new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d])]) {
        const response = await rawPatch(t, body, { 'Content-Type': 'application/json' });
        const error = await expectError(response, 400, 'bad_request');
        assert.deepEqual(error.fieldErrors, [
          { field: 'body', message: 'Must be valid JSON in UTF-8' },
        ]);
      }
    });

    it('answers 400 to JSON that is not an object, or an empty one', async () => {
      const t = makeBff();
      for (const body of [[], 'a string', null, 42, true]) {
        const error = await expectError(await t.patch(JSON.stringify(body)), 400, 'bad_request');
        assert.deepEqual(error.fieldErrors, [
          { field: 'body', message: ruleMessage({ code: 'notObject' }) },
        ]);
      }
      const error = await expectError(await t.patch({}), 400, 'bad_request');
      assert.deepEqual(error.fieldErrors, [
        { field: 'body', message: ruleMessage({ code: 'emptyPatch' }) },
      ]);
      assert.equal(t.api.requests.length, 0);
    });

    it('reports every bad field, unknown ones and externalId included, and sends nothing', async () => {
      const t = makeBff();
      const error = await expectError(
        await t.patch({
          firstName: '  ',
          email: 'not-an-email',
          dateOfBirth: '2030-01-01',
          postalCode: '90210',
          country: 'US',
          isCiroAffiliate: 'yes',
          occupation: 'x'.repeat(101),
          nickname: 'JD',
          externalId: 'someone-else',
        }),
        400,
        'bad_request',
      );
      assert.deepEqual(error.fieldErrors, [
        { field: 'firstName', message: 'This field is required' },
        { field: 'email', message: 'Must be a valid email address' },
        { field: 'dateOfBirth', message: 'Cannot be in the future' },
        { field: 'postalCode', message: 'Must be a Canadian postal code, such as A1A 1A1' },
        { field: 'country', message: 'Only CA (Canada) is supported' },
        { field: 'isCiroAffiliate', message: 'Must be true or false' },
        { field: 'occupation', message: 'Must be at most 100 characters' },
        { field: 'nickname', message: 'Unknown field' },
        { field: 'externalId', message: 'Cannot be changed' },
      ]);
      assert.doesNotMatch(JSON.stringify(error), /not-an-email|90210|someone-else/);
      assert.equal(t.api.requests.length, 0);
    });

    it("judges a date of birth in the future by the BFF's clock", async () => {
      const t = makeBff();
      assert.equal((await t.patch({ dateOfBirth: '2026-03-13' })).status, 200);
      await expectError(await t.patch({ dateOfBirth: '2026-03-14' }), 400, 'bad_request');
    });
  });

  describe('Idempotency-Key', () => {
    it('answers 400 to one that is not a UUID, and sends nothing', async () => {
      const t = makeBff();
      for (const key of ['not-a-uuid', '', `${KEY}0`, '{3f0c8a52-7d4e-4b1a-9c6f-2e8d5b7a1c90}']) {
        const response = await t.patch(
          { city: 'Toronto' },
          { headers: { 'Idempotency-Key': key } },
        );
        await expectError(response, 400, 'bad_request');
      }
      assert.equal(t.api.requests.length, 0);
    });

    it("forwards the browser's key as it is", async () => {
      const t = makeBff();
      await t.patch({ city: 'Toronto' }, { headers: { 'Idempotency-Key': KEY } });
      assert.equal(t.api.requests[0]?.headers['idempotency-key'], KEY);
    });

    it('generates a UUID when there is none', async () => {
      const t = makeBff();
      await t.patch({ city: 'Toronto' });
      const key = t.api.requests[0]?.headers['idempotency-key'] ?? '';
      assert.ok(isUuid(key));
      // The first id named the request; the second is the key.
      assert.equal(key, '00000000-0000-4000-8000-000000000002');
    });
  });

  it('refuses to start with a short session secret', () => {
    assert.throws(() => makeBff({ sessionSecret: SESSION_SECRET.slice(0, 31) }), TypeError);
  });
});
