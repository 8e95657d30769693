/**
 * The three user endpoints: Create (`POST /v1/users`), Get (`GET /v1/users/{externalId}`) and
 * Update (`PATCH /v1/users/{externalId}`). They run after authentication, the rate limit and
 * idempotency, so they only check the request's content and apply it.
 *
 * Order of checks in Update: `externalId` too long (400), unknown user (404), Content-Type and
 * JSON (400), every field (400, all at once, province and postal code against the stored
 * country), the resulting age (422), then apply.
 *
 * @example
 *   app.patch('/v1/users/:externalId', updateUser({ users, ledger, now }));
 */
import type { Handler } from 'hono';
import { MAX_EXTERNAL_ID_LENGTH, type User, type UpdateUserResponse } from '../contract/api.js';
import { checkPatch, isAdult, isoDate } from '../contract/profile.js';
import { jsonBody } from './body.js';
import { checkCreate } from './create-user.js';
import { ApiError, badRequest, fieldError, MESSAGES, underAge } from './errors.js';
import type { SandboxContext, SandboxEnv } from './context.js';
import type { AppliedLedger } from './ledger.js';
import type { StoredUser, UserStore } from './users.js';

export interface RouteDeps {
  users: UserStore;
  ledger: AppliedLedger;
  now: () => number;
}

const summary = ({ userId, externalId, status }: StoredUser): User => ({
  userId,
  externalId,
  status,
});

/**
 * The path's `externalId`, percent-decoded. **Choice:** one longer than 128 characters is a 400
 * with a `fieldErrors` entry for `externalId` (more useful than a 404 that hides the cause).
 */
function externalIdOf(c: SandboxContext): string {
  const externalId = c.req.param('externalId') ?? '';
  if ([...externalId].length > MAX_EXTERNAL_ID_LENGTH) {
    throw badRequest([
      fieldError({ field: 'externalId', code: 'tooLong', max: MAX_EXTERNAL_ID_LENGTH }),
    ]);
  }
  return externalId;
}

function findUser(users: UserStore, externalId: string): StoredUser {
  const user = users.get(externalId);
  if (!user) throw new ApiError(404, 'not_found', MESSAGES.notFound);
  return user;
}

function markApplied(c: SandboxContext, ledger: AppliedLedger, now: () => number): void {
  ledger.record(c.get('idempotencyKey'), now());
  c.get('outcome').applied = true;
}

export function createUser({ users, ledger, now }: RouteDeps): Handler<SandboxEnv> {
  return async function createUserRoute(c) {
    await c.get('stallDuring')?.();
    const today = isoDate(now());
    const result = checkCreate(jsonBody(c), today);
    if (!result.ok) throw badRequest(result.violations.map(fieldError));
    if (users.has(result.value.externalId)) throw new ApiError(409, 'conflict', MESSAGES.duplicate);
    if (!isAdult(result.value.dateOfBirth, today)) throw underAge();
    const user = users.create(result.value);
    markApplied(c, ledger, now);
    c.header('Location', `/v1/users/${encodeURIComponent(user.externalId)}`);
    return c.json(summary(user), 201);
  };
}

export function getUser({ users }: RouteDeps): Handler<SandboxEnv> {
  return async function getUserRoute(c) {
    await c.get('stallDuring')?.();
    return c.json(summary(findUser(users, externalIdOf(c))), 200);
  };
}

export function updateUser({ users, ledger, now }: RouteDeps): Handler<SandboxEnv> {
  return async function updateUserRoute(c) {
    await c.get('stallDuring')?.();
    const externalId = externalIdOf(c);
    const user = findUser(users, externalId);
    const today = isoDate(now());
    const result = checkPatch(jsonBody(c), { storedCountry: user.country, today });
    if (!result.ok) throw badRequest(result.violations.map(fieldError));
    if (!isAdult(result.value.dateOfBirth ?? user.dateOfBirth, today)) throw underAge();
    const updated = users.update(externalId, result.value);
    markApplied(c, ledger, now);
    const body: UpdateUserResponse = { ...summary(updated), updatedAt: updated.updatedAt };
    return c.json(body, 200);
  };
}

/** A 405 naming the methods the path does take. */
export function methodNotAllowed(allow: string[]): Handler<SandboxEnv> {
  return function methodNotAllowedRoute() {
    throw new ApiError(
      405,
      'method_not_allowed',
      `Method not allowed; this path takes ${allow.join(', ')}`,
      undefined,
      { Allow: allow.join(', ') },
    );
  };
}
