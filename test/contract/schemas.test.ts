import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readUpdateUserResponse, updateUserResponseSchema } from '../../contract/schemas.js';

const GOOD = {
  userId: 'usr_01',
  externalId: 'partner-user-42',
  status: 'active',
  updatedAt: '2026-03-13T12:00:00Z',
};

const CASES: [string, unknown][] = [
  ['the documented answer', GOOD],
  ['an offset and a fraction', { ...GOOD, updatedAt: '2026-03-13T12:00:00.123456+05:30' }],
  ['a leap day', { ...GOOD, updatedAt: '2024-02-29T00:00:00Z' }],
  ['no leap day', { ...GOOD, updatedAt: '2026-02-29T00:00:00Z' }],
  ['a 31st of April', { ...GOOD, updatedAt: '2026-04-31T00:00:00Z' }],
  ['hour 24', { ...GOOD, updatedAt: '2026-03-13T24:00:00Z' }],
  ['no seconds', { ...GOOD, updatedAt: '2026-03-13T12:00Z' }],
  ['no offset', { ...GOOD, updatedAt: '2026-03-13T12:00:00' }],
  ['a lower-case t and z', { ...GOOD, updatedAt: '2026-03-13t12:00:00z' }],
  ['a date only', { ...GOOD, updatedAt: '2026-03-13' }],
  ['a number for the time', { ...GOOD, updatedAt: 1_773_403_200_000 }],
  ['more fields, dropped', { ...GOOD, email: 'jane@example.com', extra: { a: 1 } }],
  ['an empty userId', { ...GOOD, userId: '' }],
  ['no externalId', { ...GOOD, externalId: undefined }],
  ['a null status', { ...GOOD, status: null }],
  ['a number for userId', { ...GOOD, userId: 7 }],
  ['an array', [GOOD]],
  ['null', null],
  ['a string', 'ok'],
  ['nothing', undefined],
];

describe('readUpdateUserResponse', () => {
  for (const [name, value] of CASES) {
    it(`answers as the zod schema does: ${name}`, () => {
      const parsed = updateUserResponseSchema.safeParse(value);
      assert.deepEqual(readUpdateUserResponse(value), parsed.success ? parsed.data : undefined);
    });
  }

  it('keeps the four documented fields and nothing else', () => {
    assert.deepEqual(Object.keys(readUpdateUserResponse({ ...GOOD, email: 'jane@example.com' })!), [
      'userId',
      'externalId',
      'status',
      'updatedAt',
    ]);
  });
});
