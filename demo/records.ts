/**
 * The partner's own records of its users: the portal's database, here in memory. The BFF's
 * `loadProfile` hook reads from it (Boca Raton's Get User has no profile fields) and its
 * `onProfileUpdated` hook writes each accepted change back, so a reload shows what was saved.
 *
 * @example
 *   const records = createRecords(DEMO_USERS);
 *   records.update('partner-user-42', { city: 'Ottawa' }, 'active');
 */
import type { Profile, UpdateUserRequest } from '../contract/profile.js';
import type { DemoUser } from './users.js';

export interface PartnerRecord {
  externalId: string;
  note: string;
  status: string;
  profile: Profile;
}

export interface Records {
  get(externalId: string): PartnerRecord | undefined;
  all(): PartnerRecord[];
  /** Applies an accepted change; returns false for a user the portal does not know. */
  update(externalId: string, changes: UpdateUserRequest, status?: string): boolean;
  /** Back to the seeded users. */
  reset(): void;
}

export function createRecords(seed: readonly DemoUser[]): Records {
  const records = new Map<string, PartnerRecord>();
  const reset = () => {
    records.clear();
    for (const user of seed) {
      records.set(user.externalId, {
        externalId: user.externalId,
        note: user.note,
        status: user.status,
        profile: structuredClone(user.profile),
      });
    }
  };
  reset();
  return {
    get: (externalId) => records.get(externalId),
    all: () => [...records.values()],
    update(externalId, changes, status) {
      const record = records.get(externalId);
      if (!record) return false;
      record.profile = { ...record.profile, ...changes };
      if (status) record.status = status;
      return true;
    },
    reset,
  };
}
