/**
 * The sandbox's users: the seed (`partner-user-42`, Jane Doe, unless told otherwise) and the
 * in-memory store that Create and Update User change.
 *
 * @example
 *   const sandbox = createSandbox({
 *     users: [...seedUsers(), { ...seedUsers()[0]!, externalId: 'partner-user-7', userId: undefined }],
 *   });
 */
import type { CreateUserRequest, UserStatus } from '../contract/api.js';
import { isoDate, type Profile, type UpdateUserRequest } from '../contract/profile.js';
import { checkCreate } from './create-user.js';
import { ruleMessage } from '../contract/messages.js';
import { randomUuid, type Random } from './random.js';
import { SEED_USER } from './seed.js';
import { statusAfterUpdate, statusOnCreate } from './status.js';

/** A user to start with. A missing `userId` is drawn from the sandbox's `random`. */
export interface SeedUser extends CreateUserRequest {
  userId?: string | undefined;
  status?: UserStatus | undefined;
}

/** A user as the sandbox stores them: everything, for assertions and demos. */
export interface StoredUser extends Profile {
  userId: string;
  externalId: string;
  status: UserStatus;
  /** RFC 3339 */
  createdAt: string;
  /** RFC 3339 */
  updatedAt: string;
}

/** The documented seed: exactly `partner-user-42`. */
export const DEFAULT_USERS: readonly Readonly<SeedUser>[] = Object.freeze([SEED_USER]);

/** Fresh, editable copies of {@link DEFAULT_USERS}, to extend with more users. */
export const seedUsers = (): SeedUser[] => DEFAULT_USERS.map((user) => ({ ...user }));

const iso = (epochMs: number) => new Date(epochMs).toISOString();

export class UserStore {
  readonly #users = new Map<string, StoredUser>();
  readonly #seed: readonly SeedUser[];
  readonly #random: Random;
  readonly #now: () => number;

  constructor(seed: readonly SeedUser[], random: Random, now: () => number) {
    this.#seed = seed.map((user, index) => checkedSeed(user, index, now()));
    const ids = new Set(this.#seed.map((user) => user.externalId));
    if (ids.size !== this.#seed.length) throw new TypeError('users must have distinct externalIds');
    this.#random = random;
    this.#now = now;
    this.reset();
  }

  /** Back to the seed, with the seed's user ids. */
  reset(): void {
    this.#users.clear();
    for (const { userId, status, ...request } of this.#seed) {
      this.#insert(request, userId ?? randomUuid(this.#random), status);
    }
  }

  get(externalId: string): StoredUser | undefined {
    return this.#users.get(externalId);
  }

  has(externalId: string): boolean {
    return this.#users.has(externalId);
  }

  create(request: CreateUserRequest): StoredUser {
    return this.#insert(request, randomUuid(this.#random));
  }

  /** Applies a checked patch; the caller has checked the user exists. */
  update(externalId: string, patch: UpdateUserRequest): StoredUser {
    const user = this.#users.get(externalId)!;
    const updated: StoredUser = {
      ...user,
      ...patch,
      status: statusAfterUpdate(user, patch),
      updatedAt: iso(this.#now()),
    };
    this.#users.set(externalId, updated);
    return updated;
  }

  setStatus(externalId: string, status: UserStatus): void {
    const user = this.#users.get(externalId);
    if (!user) throw new RangeError(`no user with externalId ${JSON.stringify(externalId)}`);
    this.#users.set(externalId, { ...user, status });
  }

  #insert(request: CreateUserRequest, userId: string, status?: UserStatus): StoredUser {
    const at = iso(this.#now());
    const user: StoredUser = {
      ...request,
      userId,
      status: status ?? statusOnCreate(request),
      createdAt: at,
      updatedAt: at,
    };
    this.#users.set(user.externalId, user);
    return user;
  }
}

/** A seed user must pass Create User's own checks (not the age rule); stored normalised. */
function checkedSeed(user: SeedUser, index: number, nowMs: number): SeedUser {
  const { userId, status, ...request } = user ?? {};
  const result = checkCreate(request, isoDate(nowMs));
  if (!result.ok) {
    const problems = result.violations.map((v) => `${v.field}: ${ruleMessage(v)}`).join('; ');
    throw new TypeError(`users[${index}] is not a valid user (${problems})`);
  }
  return { ...result.value, userId, status };
}
