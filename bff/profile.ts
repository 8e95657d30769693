/**
 * The two profile routes. Each request is checked in a fixed order, and the first failure answers:
 *
 * PATCH: Origin (403) → embed token (401) → the user's rate limit and the token's revocation
 * (429, 401) → Content-Type (415) → size (413) → JSON (400) → the contract's rules and the
 * partner's read-only fields, every bad field reported (400) → Idempotency-Key (400) → a place
 * among the upstream requests in flight (429) → signed and forwarded.
 * GET: Origin (403) → embed token (401) → rate limit and revocation (429, 401) → the partner's
 * `loadProfile` (501 without one, 404 when it has no record).
 *
 * The user is the token's `sub` and nothing else: no body field, header or path names a user.
 *
 * @example
 *   const profile = createProfileHandlers({ origins, verifyToken, updateUser, now, newId });
 *   app.patch('/api/profile', profile.patch);
 */
import type { Context } from 'hono';
import { isUuid } from '../contract/api.js';
import { ruleMessage } from '../contract/messages.js';
import { checkPatch, isoDate, PROFILE_FIELDS, type Profile } from '../contract/profile.js';
import { checkJsonContentType, parseJsonBody, readBody, type BodyReader } from './body.js';
import { HttpError } from './errors.js';
import type { AdmitUser, Requester } from './limits/user-rate.js';
import type { OriginPolicy } from './origin.js';
import type { BffEnv, Responder } from './context.js';
import type { TokenCheck } from './token.js';
import type { LoadProfile, OnProfileUpdated } from './types.js';
import type { UpdateUser } from './upstream.js';

export interface ProfileHandlerOptions {
  origins: OriginPolicy;
  respond: Responder;
  verifyToken: (token: string | undefined) => Promise<TokenCheck>;
  admitUser: AdmitUser;
  updateUser: UpdateUser;
  now: () => number;
  newId: () => string;
  readBody: BodyReader;
  /** Fields of the profile this BFF refuses to change (already checked to be fields). */
  readonlyFields?: readonly string[];
  loadProfile?: LoadProfile | undefined;
  onProfileUpdated?: OnProfileUpdated | undefined;
}

const encoder = new TextEncoder();
const BEARER = /^Bearer +([^\s]+) *$/i;
const DAY_MS = 86_400_000;
const NULLABLE = new Set(['addressLine2', 'occupation']);

const errorName = (error: unknown) => (error instanceof Error ? error.name : typeof error);
const READ_ONLY = ruleMessage({ code: 'readOnly' });

/** The twelve profile fields of whatever the partner's hook answered, and nothing else it had. */
function pickProfile(record: Profile): Partial<Profile> {
  const picked: Record<string, unknown> = {};
  for (const field of PROFILE_FIELDS) {
    const value = (record as unknown as Record<string, unknown>)[field];
    if (value !== undefined) picked[field] = value;
    else if (NULLABLE.has(field)) picked[field] = null;
  }
  return picked as Partial<Profile>;
}

export function createProfileHandlers(options: ProfileHandlerOptions) {
  const { origins, respond, verifyToken, admitUser, updateUser, now, newId } = options;
  const { loadProfile, onProfileUpdated } = options;
  const bodyReader = options.readBody;
  const readonlyFields = options.readonlyFields ?? [];

  /** The partner's read-only fields that `input` would change. */
  function lockedIn(input: unknown): string[] {
    if (readonlyFields.length === 0 || typeof input !== 'object' || input === null) return [];
    return readonlyFields.filter((field) => Object.hasOwn(input, field));
  }

  // Today's date, for the rule on dates of birth, changes once a day: it is formatted then, not
  // on every save (a Date and its ISO string cost some microseconds on Node 20).
  let dayStart = Number.NaN;
  let today = '';
  function todayAt(ms: number): string {
    if (!(ms >= dayStart && ms < dayStart + DAY_MS)) {
      today = isoDate(ms);
      dayStart = Math.floor(ms / DAY_MS) * DAY_MS;
    }
    return today;
  }

  /** The user's `externalId`, from a valid embed token not revoked, within its rate limit. */
  async function authenticate(c: Context<BffEnv>): Promise<string> {
    const requester = await verify(c);
    await admitUser(requester, c.get('bff').log);
    return requester.sub;
  }

  /** The verified token's subject and id; 401 otherwise. */
  async function verify(c: Context<BffEnv>): Promise<Requester> {
    const header = c.req.header('authorization');
    const token = header === undefined ? undefined : BEARER.exec(header)?.[1];
    const check: TokenCheck =
      header !== undefined && token === undefined
        ? { ok: false, reason: 'malformed' }
        : await verifyToken(token);
    if (check.ok) return check.claims;
    c.get('bff').log.token = check.reason;
    throw new HttpError(
      401,
      'unauthorized',
      'The session token is missing, expired or invalid; get a new one',
      {
        headers: {
          'WWW-Authenticate': header === undefined ? 'Bearer' : 'Bearer error="invalid_token"',
        },
      },
    );
  }

  function idempotencyKey(header: string | undefined): string {
    if (header === undefined) return newId();
    if (!isUuid(header)) {
      throw new HttpError(400, 'bad_request', 'The Idempotency-Key header must be a UUID');
    }
    return header;
  }

  async function patch(c: Context<BffEnv>): Promise<Response> {
    origins.check(c.get('bff').origin);
    const externalId = await authenticate(c);
    checkJsonContentType(c.req.header('content-type'), c.req.header('content-encoding'));
    const input = parseJsonBody(await readBody(c.req.raw, c.env, bodyReader));
    const checked = checkPatch(input, { today: todayAt(now()) });
    const locked = lockedIn(input);
    if (!checked.ok || locked.length > 0) {
      // A read-only field is refused as such, whatever else may be wrong with its value.
      const violations = checked.ok
        ? []
        : checked.violations.filter((v) => !locked.includes(v.field));
      throw new HttpError(400, 'bad_request', 'Some fields are not valid', {
        fieldErrors: [
          ...violations.map((v) => ({ field: v.field, message: ruleMessage(v) })),
          ...locked.map((field) => ({ field, message: READ_ONLY })),
        ],
      });
    }
    const key = idempotencyKey(c.req.header('idempotency-key'));
    const body = encoder.encode(JSON.stringify(checked.value));
    const { log } = c.get('bff');
    const result = await updateUser({ externalId, body, idempotencyKey: key, log });

    if (onProfileUpdated) {
      try {
        await onProfileUpdated(externalId, checked.value, result.value);
      } catch (error) {
        // Boca Raton has the change: the user's save succeeded whatever the hook did.
        log.level = 'error';
        log.problem = 'onProfileUpdated failed';
        log.errorName = errorName(error);
      }
    }
    return respond.json(c, result.status, result.value);
  }

  async function get(c: Context<BffEnv>): Promise<Response> {
    origins.check(c.get('bff').origin);
    const externalId = await authenticate(c);
    if (!loadProfile) {
      throw new HttpError(
        501,
        'not_implemented',
        'This service has no source for current profiles',
      );
    }
    const { log } = c.get('bff');
    let record: Profile | null | undefined;
    try {
      record = await loadProfile(externalId);
    } catch (error) {
      log.problem = 'loadProfile failed';
      log.errorName = errorName(error);
      throw new HttpError(
        500,
        'internal_error',
        'The current profile could not be loaded; try again, or quote the requestId to support',
      );
    }
    if (record === null || record === undefined) {
      throw new HttpError(404, 'not_found', 'There is no profile for this user');
    }
    if (typeof record !== 'object') {
      log.problem = 'loadProfile answered something other than a profile';
      throw new HttpError(500, 'internal_error', 'The current profile could not be loaded');
    }
    return respond.json(c, 200, pickProfile(record));
  }

  return { patch, get };
}
