/**
 * The profile contract: the twelve user fields of Boca Raton's Partner API and the rules we
 * enforce on them, in one dependency-free module that the sandbox, the BFF and the element all
 * import. Every rule reports a {@link RuleCode}; `messages.ts` turns codes into English or French.
 *
 * Rules marked "assumption" in `partner-api.md` live here and only here.
 *
 * @example
 *   const result = checkPatch({ postalCode: 'h2x1y4' }, { storedCountry: 'CA' });
 *   // result.ok === true, result.value.postalCode === 'H2X 1Y4'
 */

export const PROFILE_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'dateOfBirth',
  'addressLine1',
  'addressLine2',
  'city',
  'province',
  'postalCode',
  'country',
  'occupation',
  'isCiroAffiliate',
] as const;

export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** A user's profile as Create User takes it. */
export interface Profile {
  firstName: string;
  lastName: string;
  email: string;
  dateOfBirth: string;
  addressLine1: string;
  addressLine2: string | null;
  city: string;
  province: string;
  postalCode: string;
  country: string;
  occupation: string | null;
  isCiroAffiliate: boolean;
}

/** The body of `PATCH /v1/users/{externalId}`: any subset of the profile. */
export type UpdateUserRequest = Partial<Profile>;

/** Canadian provinces and territories, in the order the element lists them. */
export const PROVINCES = [
  'AB',
  'BC',
  'MB',
  'NB',
  'NL',
  'NS',
  'NT',
  'NU',
  'ON',
  'PE',
  'QC',
  'SK',
  'YT',
] as const;

/** Assumption: Canada only for now (a Canadian, CIRO-regulated platform). */
export const COUNTRIES = ['CA'] as const;

export const MINIMUM_AGE = 18;

export type RuleCode =
  | 'notObject'
  | 'emptyPatch'
  | 'unknownField'
  | 'readOnly'
  | 'notText'
  | 'notTextOrNull'
  | 'notBoolean'
  | 'required'
  | 'tooLong'
  | 'email'
  | 'date'
  | 'future'
  | 'province'
  | 'postalCode'
  | 'country'
  | 'underAge';

export interface Violation {
  /** The API field name, or `body` for a problem with the request as a whole. */
  field: string;
  code: RuleCode;
  /** The limit that was broken, for `tooLong`. */
  max?: number;
}

type Rule =
  | { kind: 'text'; min: 0 | 1; max: number; nullable?: true }
  | { kind: 'email'; max: number }
  | { kind: 'date' }
  | { kind: 'province' }
  | { kind: 'postalCode' }
  | { kind: 'country' }
  | { kind: 'boolean' };

export const RULES: Readonly<Record<ProfileField, Rule>> = {
  firstName: { kind: 'text', min: 1, max: 100 },
  lastName: { kind: 'text', min: 1, max: 100 },
  email: { kind: 'email', max: 254 },
  dateOfBirth: { kind: 'date' },
  addressLine1: { kind: 'text', min: 1, max: 200 },
  addressLine2: { kind: 'text', min: 0, max: 200, nullable: true },
  city: { kind: 'text', min: 1, max: 100 },
  province: { kind: 'province' },
  postalCode: { kind: 'postalCode' },
  country: { kind: 'country' },
  occupation: { kind: 'text', min: 0, max: 100, nullable: true },
  isCiroAffiliate: { kind: 'boolean' },
};

// Outside Canada the province and postal code are free text; these are their limits.
const FOREIGN_RULES = {
  province: { kind: 'text', min: 1, max: 100 },
  postalCode: { kind: 'text', min: 1, max: 20 },
} as const satisfies Record<string, Rule>;

// The WHATWG address syntax of <input type="email">, plus a dot in the domain.
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const POSTAL_CODE_CA = /^([A-Za-z]\d[A-Za-z]) ?(\d[A-Za-z]\d)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a name is one of the twelve profile fields. */
export const isField = (name: string): name is ProfileField =>
  (PROFILE_FIELDS as readonly string[]).includes(name);

/** Length in characters (code points), as a person counts them. */
const length = (text: string) => [...text].length;

/** Today's date, `YYYY-MM-DD` in UTC, from an epoch-milliseconds clock reading. */
export const isoDate = (epochMs: number): string => new Date(epochMs).toISOString().slice(0, 10);

/** Whether `YYYY-MM-DD` names a day that exists in the calendar. */
export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/**
 * The business rule behind a 422: whether someone born on `dateOfBirth` is at least 18 on `today`
 * (both `YYYY-MM-DD`). Someone born on 29 February comes of age on 1 March in common years.
 */
export function isAdult(dateOfBirth: string, today: string): boolean {
  const year = Number(dateOfBirth.slice(0, 4)) + MINIMUM_AGE;
  return `${String(year).padStart(4, '0')}${dateOfBirth.slice(4)}` <= today;
}

export interface CheckContext {
  /** The user's stored country, used by the province and postal-code rules when the patch has none. */
  storedCountry?: string | null | undefined;
  /** `YYYY-MM-DD`; a date of birth after it is in the future. */
  today: string;
}

type FieldResult = { ok: true; value: unknown } | { ok: false; violation: Violation };

// One function for the module, not a closure per call: under tsx, which keeps function names,
// every closure made also costs an Object.defineProperty.
const fail = (field: string, code: RuleCode, max?: number): FieldResult => ({
  ok: false,
  violation: max === undefined ? { field, code } : { field, code, max },
});

/** Checks one field's value and returns it normalised (trimmed, postal code upper-cased). */
export function checkField(
  field: ProfileField,
  value: unknown,
  context: CheckContext & { country?: string | null | undefined },
): FieldResult {
  const country = context.country ?? context.storedCountry;
  let rule: Rule = RULES[field];
  if (country !== undefined && country !== null && country !== 'CA' && field in FOREIGN_RULES) {
    rule = FOREIGN_RULES[field as keyof typeof FOREIGN_RULES];
  }

  if (rule.kind === 'boolean') {
    return typeof value === 'boolean' ? { ok: true, value } : fail(field, 'notBoolean');
  }
  const nullable = rule.kind === 'text' && rule.nullable === true;
  if (value === null && nullable) return { ok: true, value: null };
  if (typeof value !== 'string') return fail(field, nullable ? 'notTextOrNull' : 'notText');

  const text = value.trim();
  if (rule.kind === 'text') {
    if (text.length < rule.min) return fail(field, 'required');
    if (length(text) > rule.max) return fail(field, 'tooLong', rule.max);
    // An emptied optional field is cleared.
    return { ok: true, value: text === '' && nullable ? null : text };
  }
  if (text === '') return fail(field, 'required');
  switch (rule.kind) {
    case 'email':
      if (length(text) > rule.max) return fail(field, 'tooLong', rule.max);
      return EMAIL.test(text) ? { ok: true, value: text } : fail(field, 'email');
    case 'date':
      if (!isCalendarDate(text)) return fail(field, 'date');
      return text > context.today ? fail(field, 'future') : { ok: true, value: text };
    case 'postalCode': {
      const match = POSTAL_CODE_CA.exec(text);
      return match
        ? { ok: true, value: `${match[1]} ${match[2]}`.toUpperCase() }
        : fail(field, 'postalCode');
    }
    case 'province':
    case 'country': {
      const codes: readonly string[] = rule.kind === 'province' ? PROVINCES : COUNTRIES;
      return codes.includes(text) ? { ok: true, value: text } : fail(field, rule.kind);
    }
  }
}

export type CheckResult =
  { ok: true; value: UpdateUserRequest } | { ok: false; violations: Violation[] };

/**
 * Checks an Update User body: an object with at least one known field, each valid. Reports a
 * violation for **every** bad field, never just the first. The age rule is separate ({@link isAdult}):
 * it is a business rule (422), not a malformed request (400).
 */
export function checkPatch(input: unknown, context: CheckContext): CheckResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, violations: [{ field: 'body', code: 'notObject' }] };
  }
  const entries = Object.entries(input);
  if (entries.length === 0) {
    return { ok: false, violations: [{ field: 'body', code: 'emptyPatch' }] };
  }
  const violations: Violation[] = [];
  const value: Record<string, unknown> = {};
  // The patch's own country governs its province and postal code only when that country is valid.
  const ownCountry = checkField('country', (input as Record<string, unknown>).country, context);
  const country =
    'country' in input && ownCountry.ok ? (ownCountry.value as string) : context.storedCountry;

  // Made once, not per field: an object spread costs microseconds on Node 20.
  const fieldContext = { ...context, country };
  for (const [field, raw] of entries) {
    if (!isField(field)) {
      violations.push({ field, code: field === 'externalId' ? 'readOnly' : 'unknownField' });
      continue;
    }
    const result = checkField(field, raw, fieldContext);
    if (result.ok) value[field] = result.value;
    else violations.push(result.violation);
  }
  return violations.length > 0
    ? { ok: false, violations }
    : { ok: true, value: value as UpdateUserRequest };
}
