/**
 * When a user's status becomes `pendingCompliance`. Boca Raton documents the two statuses but
 * not what moves a user between them, so this is an **assumption**, kept here and only here:
 *
 * - a new user who declares a CIRO affiliation starts `pendingCompliance`, anyone else `active`;
 * - an update that makes the user a CIRO affiliate (`isCiroAffiliate` false to true), or that
 *   changes their legal identity (`firstName`, `lastName` or `dateOfBirth` to a different value),
 *   puts them in `pendingCompliance`;
 * - nothing moves a user back to `active` by itself (a compliance review would); the sandbox's
 *   `setStatus()` plays that review.
 *
 * @example
 *   statusAfterUpdate(jane, { firstName: 'Janet' }); // 'pendingCompliance'
 *   statusAfterUpdate(jane, { city: 'Ottawa' });     // jane.status
 */
import type { UserStatus } from '../contract/api.js';
import type { Profile, UpdateUserRequest } from '../contract/profile.js';

/** Fields whose change means the user's identity must be verified again. */
export const IDENTITY_FIELDS = ['firstName', 'lastName', 'dateOfBirth'] as const;

/** The status of a user created with `profile`. */
export const statusOnCreate = (profile: Profile): UserStatus =>
  profile.isCiroAffiliate ? 'pendingCompliance' : 'active';

/** The status of a user after `patch` is applied to them. */
export function statusAfterUpdate(
  user: Profile & { status: UserStatus },
  patch: UpdateUserRequest,
): UserStatus {
  const becomesAffiliate = patch.isCiroAffiliate === true && !user.isCiroAffiliate;
  const identityChanges = IDENTITY_FIELDS.some(
    (field) => patch[field] !== undefined && patch[field] !== user[field],
  );
  return becomesAffiliate || identityChanges ? 'pendingCompliance' : user.status;
}
