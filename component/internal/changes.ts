/**
 * The form's values against the baseline (the last loaded or saved profile): which fields changed,
 * normalised exactly as the server will (trimmed, postal code upper-cased, an emptied optional
 * field cleared to `null`), and which of those break a rule of the contract.
 *
 * @example
 *   const { changes, errors } = pendingChanges(values, baseline, isoDate(Date.now()));
 *   // changes: { city: 'Laval' }, errors: [] → ready to send
 */
import type { FieldError } from '../../contract/api.js';
import { FIELD_MESSAGES, fieldMessage } from '../../contract/messages.js';
import {
  PROFILE_FIELDS,
  checkField,
  checkPatch,
  isAdult,
  type Profile,
  type ProfileField,
  type UpdateUserRequest,
} from '../../contract/profile.js';

/** What the inputs hold: text for every field, a boolean for the checkbox. */
export type FormValues = Record<ProfileField, string | boolean>;

export function formValues(profile: Partial<Profile>): FormValues {
  const values = {} as FormValues;
  for (const field of PROFILE_FIELDS) {
    const value = profile[field];
    values[field] = field === 'isCiroAffiliate' ? value === true : String(value ?? '');
  }
  return values;
}

/** A value compared as the server would store it. */
function normalised(field: ProfileField, value: unknown, baseline: Partial<Profile>): unknown {
  // A field the profile lacks reads as empty, as its input shows it.
  value ??= field === 'isCiroAffiliate' ? false : '';
  if (typeof value === 'string') value = value.trim();
  // checkField also clears an emptied optional field to null.
  const checked = checkField(field, value, {
    storedCountry: baseline.country,
    today: '9999-12-31',
  });
  return checked.ok ? checked.value : value;
}

export interface Pending {
  /** Changed fields only, as the server will store them when valid. */
  changes: UpdateUserRequest;
  /** One English rule message per invalid changed field (localised when shown). */
  errors: FieldError[];
}

export function pendingChanges(
  values: FormValues,
  baseline: Partial<Profile>,
  today: string,
): Pending {
  const changed: Record<string, unknown> = {};
  for (const field of PROFILE_FIELDS) {
    const value = normalised(field, values[field], baseline);
    if (value !== normalised(field, baseline[field], baseline)) changed[field] = value;
  }
  if (Object.keys(changed).length === 0) return { changes: {}, errors: [] };

  const checked = checkPatch(changed, { storedCountry: baseline.country, today });
  const errors = checked.ok
    ? []
    : checked.violations.map((v) => ({ field: v.field, message: fieldMessage(v) }));
  // The server's 422 stays the authority; checking the age here spares a round trip.
  const born = changed.dateOfBirth;
  if (
    typeof born === 'string' &&
    !errors.some((error) => error.field === 'dateOfBirth') &&
    !isAdult(born, today)
  ) {
    errors.push({ field: 'dateOfBirth', message: FIELD_MESSAGES.underAge });
  }
  return { changes: checked.ok ? checked.value : (changed as UpdateUserRequest), errors };
}

/**
 * The form after a save: each sent field shows its stored form (a postal code upper-cased, a
 * name trimmed), unless the user has typed something else into it since.
 */
export function afterSave(
  values: FormValues,
  saved: Profile,
  sent: UpdateUserRequest,
  today: string,
): FormValues {
  const stored = formValues(saved);
  const typedSince = pendingChanges(values, saved, today).changes;
  const next = { ...values };
  for (const field of Object.keys(sent) as ProfileField[]) {
    if (!(field in typedSince)) next[field] = stored[field];
  }
  return next;
}
