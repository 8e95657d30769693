/**
 * Checks a Create User body: an `externalId` and a full profile. Every field is checked with the
 * contract's rules (`checkPatch`), and every missing required field is reported as `required`,
 * all in one answer.
 *
 * **Assumption** (Boca Raton's Create User page lists the fields but not which may be left out):
 * `addressLine2` and `occupation`, the two fields that `null` clears, may be missing and are then
 * stored as `null`; every other field is required, `isCiroAffiliate` included.
 *
 * @example
 *   checkCreate({ externalId: 'u-1', ...profile }, '2026-03-13'); // { ok: true, value }
 *   checkCreate({}, '2026-03-13'); // { ok: false, violations: [externalId required, …] }
 */
import { MAX_EXTERNAL_ID_LENGTH, type CreateUserRequest } from '../contract/api.js';
import {
  PROFILE_FIELDS,
  checkPatch,
  type ProfileField,
  type Violation,
} from '../contract/profile.js';

export const OPTIONAL_ON_CREATE: readonly ProfileField[] = ['addressLine2', 'occupation'];

/** The `externalId` rule: 1 to 128 characters, not trimmed (it is the partner's own id). */
export function checkExternalId(value: unknown): Violation | undefined {
  const field = 'externalId';
  if (value === undefined || value === '') return { field, code: 'required' };
  if (typeof value !== 'string') return { field, code: 'notText' };
  if ([...value].length > MAX_EXTERNAL_ID_LENGTH) {
    return { field, code: 'tooLong', max: MAX_EXTERNAL_ID_LENGTH };
  }
  return undefined;
}

export type CreateCheck =
  { ok: true; value: CreateUserRequest } | { ok: false; violations: Violation[] };

/** Checks a Create User body against the rules of `today` (`YYYY-MM-DD`). */
export function checkCreate(input: unknown, today: string): CreateCheck {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, violations: [{ field: 'body', code: 'notObject' }] };
  }
  const { externalId, ...profile } = input as Record<string, unknown>;
  const violations: Violation[] = [];
  const idViolation = checkExternalId(externalId);
  if (idViolation) violations.push(idViolation);

  let checked: Record<string, unknown> = {};
  if (Object.keys(profile).length > 0) {
    const result = checkPatch(profile, { today });
    if (result.ok) checked = result.value;
    else violations.push(...result.violations);
  }
  for (const field of PROFILE_FIELDS) {
    if (!(field in profile) && !OPTIONAL_ON_CREATE.includes(field)) {
      violations.push({ field, code: 'required' });
    }
  }
  if (violations.length > 0) return { ok: false, violations };
  const value = { addressLine2: null, occupation: null, ...checked, externalId };
  return { ok: true, value: value as CreateUserRequest };
}
