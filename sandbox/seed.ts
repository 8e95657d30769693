/**
 * The sandbox's seeded user, `partner-user-42` (Jane Doe), written once. Only type imports, so a
 * page in the browser (the element's tests, the bench's page) can load it as well as the
 * sandbox, the demo, the examples and the tests.
 *
 * @example
 *   const records = createRecords({ [SEED_USER.externalId]: SEED_PROFILE });
 */
import type { UserStatus } from '../contract/api.js';
import type { Profile } from '../contract/profile.js';

/** The seeded user's profile: every field, as the partner's own records would hold them. */
export const SEED_PROFILE: Readonly<Profile> = Object.freeze({
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

/** The seeded user as the sandbox holds them: the profile with its ids and status. */
export const SEED_USER: Readonly<
  Profile & { userId: string; externalId: string; status: UserStatus }
> = Object.freeze({
  userId: '3f2b8c1e-6a4d-4f7b-9e2a-5c8d1b7e4a90',
  externalId: 'partner-user-42',
  status: 'active',
  ...SEED_PROFILE,
});
