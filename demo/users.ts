/**
 * The demo's signed-in users, each showing the element in a different situation. They are seeded
 * both into the sandbox (Boca Raton's side) and into the portal's own records (the partner's side,
 * which is where the element's initial values come from).
 *
 * @example
 *   const jane = DEMO_USERS[0]; // partner-user-42, the user `npm start` shows first
 */
import type { Profile } from '../contract/profile.js';
import type { UserStatus } from '../contract/api.js';
import { SEED_PROFILE, SEED_USER } from '../sandbox/seed.js';

export interface DemoUser {
  externalId: string;
  /** One line for the salesperson: what this user shows. */
  note: string;
  status: UserStatus;
  profile: Profile;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    externalId: SEED_USER.externalId,
    note: 'The seeded sandbox user: a complete, verified profile.',
    status: SEED_USER.status,
    profile: { ...SEED_PROFILE },
  },
  {
    externalId: 'partner-user-77',
    note: 'No address line 2 and no occupation on file; a Montréal address.',
    status: 'active',
    profile: {
      firstName: 'Étienne',
      lastName: 'Tremblay',
      email: 'etienne.tremblay@example.com',
      dateOfBirth: '1984-11-02',
      addressLine1: '4521 rue Saint-Denis',
      addressLine2: null,
      city: 'Montréal',
      province: 'QC',
      postalCode: 'H2J 2L4',
      country: 'CA',
      occupation: null,
      isCiroAffiliate: false,
    },
  },
  {
    externalId: 'partner-user-108',
    note: 'A CIRO affiliate whose account is already under compliance review.',
    status: 'pendingCompliance',
    profile: {
      firstName: 'Priya',
      lastName: 'Natarajan',
      email: 'priya.natarajan@example.com',
      dateOfBirth: '1978-02-21',
      addressLine1: '1055 W Georgia St',
      addressLine2: 'Floor 12',
      city: 'Vancouver',
      province: 'BC',
      postalCode: 'V6E 3P3',
      country: 'CA',
      occupation: 'Registered Representative',
      isCiroAffiliate: true,
    },
  },
  {
    externalId: 'partner-user-215',
    note: 'A young investor: a birth date under 18 is stopped in the browser; “Under 18” shows the server’s 422.',
    status: 'active',
    profile: {
      firstName: 'Marcus',
      lastName: 'Chen',
      email: 'marcus.chen@example.com',
      dateOfBirth: '2006-08-30',
      addressLine1: '301 8 Ave SW',
      addressLine2: 'Apt 1402',
      city: 'Calgary',
      province: 'AB',
      postalCode: 'T2P 1C5',
      country: 'CA',
      occupation: 'Student',
      isCiroAffiliate: false,
    },
  },
];

export const fullName = (profile: Pick<Profile, 'firstName' | 'lastName'>) =>
  `${profile.firstName} ${profile.lastName}`.trim();
