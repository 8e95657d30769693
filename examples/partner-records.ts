/**
 * Stands in for the partner's own user records in the examples: Boca Raton's API returns no
 * profile fields, so the BFF's `loadProfile` hook reads the partner's copy, and its
 * `onProfileUpdated` hook keeps that copy in step after each save. In a real portal these two
 * functions query your database.
 *
 * @example
 *   const records = createRecords();
 *   const bff = createNodeBff({ ...options, loadProfile: records.load, onProfileUpdated: records.update });
 */
import type { Profile, UpdateUserRequest } from '../contract/profile.js';
import { SEED_PROFILE, SEED_USER } from '../sandbox/seed.js';

export interface Records {
  load(externalId: string): Promise<Profile | undefined>;
  update(externalId: string, changes: UpdateUserRequest): Promise<void>;
}

export function createRecords(
  seed: Record<string, Profile> = { [SEED_USER.externalId]: SEED_PROFILE },
): Records {
  const profiles = new Map(Object.entries(seed).map(([id, profile]) => [id, { ...profile }]));
  return {
    load: async (externalId) => {
      const profile = profiles.get(externalId);
      return profile && { ...profile };
    },
    update: async (externalId, changes) => {
      const profile = profiles.get(externalId);
      if (profile) profiles.set(externalId, { ...profile, ...changes });
    },
  };
}
