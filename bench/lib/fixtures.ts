/**
 * The fixed inputs every benchmark shares: the sandbox's public credentials, the seeded user, the
 * partner portal's origin and one real profile patch. Changing one here changes it for every
 * process of the run, so the baselines and the BFF always do the same work.
 *
 * @example
 *   import { PATCH_BODY, UPSTREAM_PATH } from './fixtures.js';
 */

/** The sandbox's public development credentials. */
export const API_KEY = 'sandbox-api-key';
export const SIGNING_SECRET = 'sandbox-signing-secret';

/** The embed-token secret of the BFF under test: 32 bytes or more. */
export const SESSION_SECRET = 'bench-session-secret-0123456789abcdef';

/** The sandbox's seeded user. */
export const EXTERNAL_ID = 'partner-user-42';
export const UPSTREAM_PATH = `/v1/users/${encodeURIComponent(EXTERNAL_ID)}`;

/** Where the BFF is mounted, and the portal allowed to call it. */
export const BFF_PATH = '/api/profile';
export const PORTAL_ORIGIN = 'http://portal.example';

/** A real edit: three fields of an address, with a postal code the BFF normalises. */
export const PATCH = {
  addressLine1: '456 Queen St W',
  city: 'Toronto',
  postalCode: 'M5V 1Z8',
} as const;
export const PATCH_BODY = JSON.stringify(PATCH);

/**
 * The BFF's limits, checked on every request but set where the generator's one user at thousands
 * of requests a second never reaches them: their cost is measured, not their refusals.
 */
export const UNREACHED_LIMITS = { userRateLimit: 1_000_000, maxUpstreamConcurrency: 100_000 };

/** High enough that the sandbox never answers 429 during a run: 33,000 requests a second. */
export const UNLIMITED_RATE = 2_000_000;
