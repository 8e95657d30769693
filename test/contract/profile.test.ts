import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkPatch, isAdult, isCalendarDate, type Violation } from '../../contract/profile.js';
import { EN_MESSAGES, localiseMessage, ruleMessage } from '../../contract/messages.js';
import { FR_MESSAGES } from '../../contract/messages-fr.js';

const context = { storedCountry: 'CA', today: '2026-11-27' };
const codes = (violations: Violation[]) => violations.map((v) => `${v.field}:${v.code}`).sort();

function violations(input: unknown, ctx = context) {
  const result = checkPatch(input, ctx);
  assert.equal(result.ok, false, 'expected the patch to be refused');
  return result.ok ? [] : codes(result.violations);
}

describe('checkPatch', () => {
  it('accepts a valid patch and normalises it', () => {
    const result = checkPatch(
      { firstName: '  Jane ', postalCode: 'h2x1y4', addressLine2: null, occupation: '' },
      context,
    );
    assert.deepEqual(result, {
      ok: true,
      value: { firstName: 'Jane', postalCode: 'H2X 1Y4', addressLine2: null, occupation: null },
    });
  });

  it('refuses what is not an object, and an empty patch', () => {
    for (const input of [null, [], 'x', 1, true]) {
      assert.deepEqual(violations(input), ['body:notObject']);
    }
    assert.deepEqual(violations({}), ['body:emptyPatch']);
  });

  it('reports every bad field at once', () => {
    assert.deepEqual(
      violations({
        firstName: '   ',
        lastName: 'x'.repeat(101),
        email: 'jane@',
        dateOfBirth: '1990-02-30',
        addressLine1: 5,
        addressLine2: 'y'.repeat(201),
        city: null,
        province: 'ZZ',
        postalCode: '12345',
        country: 'US',
        occupation: false,
        isCiroAffiliate: 'yes',
        externalId: 'someone-else',
        nickname: 'J',
      }),
      [
        'addressLine1:notText',
        'addressLine2:tooLong',
        'city:notText',
        'country:country',
        'dateOfBirth:date',
        'email:email',
        'externalId:readOnly',
        'firstName:required',
        'isCiroAffiliate:notBoolean',
        'lastName:tooLong',
        'nickname:unknownField',
        'occupation:notTextOrNull',
        'postalCode:postalCode',
        'province:province',
      ],
    );
  });

  it('counts characters, not UTF-16 units, for length limits', () => {
    assert.equal(checkPatch({ firstName: '😀'.repeat(100) }, context).ok, true);
    assert.deepEqual(violations({ firstName: '😀'.repeat(101) }), ['firstName:tooLong']);
  });

  it('refuses a date of birth in the future or not in the calendar', () => {
    assert.deepEqual(violations({ dateOfBirth: '2026-11-28' }), ['dateOfBirth:future']);
    assert.deepEqual(violations({ dateOfBirth: '15/05/1990' }), ['dateOfBirth:date']);
    assert.equal(checkPatch({ dateOfBirth: '2026-11-27' }, context).ok, true);
  });

  it('refuses an email over 254 characters', () => {
    assert.deepEqual(violations({ email: `${'a'.repeat(245)}@example.com` }), ['email:tooLong']);
  });

  it('applies the Canadian province and postal-code rules from the stored country', () => {
    assert.deepEqual(violations({ province: 'NY' }), ['province:province']);
    const foreign = { storedCountry: 'US', today: context.today };
    assert.equal(checkPatch({ province: 'NY', postalCode: '10001' }, foreign).ok, true);
    // ...but the patch's own valid country wins over the stored one.
    assert.deepEqual(violations({ province: 'NY', country: 'CA' }, foreign), ['province:province']);
  });

  it('treats __proto__ and constructor as unknown fields', () => {
    assert.deepEqual(violations(JSON.parse('{"__proto__":{"x":1},"constructor":1}')), [
      '__proto__:unknownField',
      'constructor:unknownField',
    ]);
  });
});

describe('isAdult', () => {
  it('is true from the 18th birthday on', () => {
    assert.equal(isAdult('2008-11-27', '2026-11-27'), true);
    assert.equal(isAdult('2008-11-28', '2026-11-27'), false);
    assert.equal(isAdult('2008-02-29', '2026-02-28'), false);
    assert.equal(isAdult('2008-02-29', '2026-03-01'), true);
  });

  it('relies on real calendar dates', () => {
    assert.equal(isCalendarDate('2024-02-29'), true);
    assert.equal(isCalendarDate('2025-02-29'), false);
  });
});

describe('messages', () => {
  it('has every rule in English and French', () => {
    assert.deepEqual(Object.keys(FR_MESSAGES).sort(), Object.keys(EN_MESSAGES).sort());
    for (const text of Object.values(FR_MESSAGES)) assert.ok(text.length > 0);
  });

  it('fills in the limit', () => {
    assert.equal(ruleMessage({ code: 'tooLong', max: 100 }), 'Must be at most 100 characters');
    assert.equal(
      ruleMessage({ code: 'tooLong', max: 100 }, FR_MESSAGES),
      'Doit contenir au plus 100 caractères',
    );
  });

  it('translates the API’s English messages and leaves unknown ones alone', () => {
    assert.equal(localiseMessage('Must be a valid email address', FR_MESSAGES), FR_MESSAGES.email);
    assert.equal(
      localiseMessage('Must be at most 200 characters', FR_MESSAGES),
      'Doit contenir au plus 200 caractères',
    );
    assert.equal(localiseMessage('Something else', FR_MESSAGES), 'Something else');
    assert.equal(
      localiseMessage('Must be a valid email address', EN_MESSAGES),
      'Must be a valid email address',
    );
  });
});
