/**
 * How each profile field is shown: its control, `autocomplete` token and width in the form's
 * six-column grid, plus the `fields` attribute's parser.
 *
 * @example
 *   shownFields('email, nope, firstName'); // ['email', 'firstName']
 *   FIELDS.city; // { autocomplete: 'address-level2', span: 2 }
 */
import { PROFILE_FIELDS, RULES, isField, type ProfileField } from '../../contract/profile.js';

export interface FieldSpec {
  autocomplete: string;
  /** Columns out of six; every field takes the full row on narrow screens. */
  span: 2 | 3 | 4 | 6;
  type?: 'email' | 'select' | 'checkbox';
}

export const FIELDS: Readonly<Record<ProfileField, FieldSpec>> = {
  firstName: { autocomplete: 'given-name', span: 3 },
  lastName: { autocomplete: 'family-name', span: 3 },
  email: { autocomplete: 'email', span: 4, type: 'email' },
  // Text, not a native date picker: that shows the browser's date order, not the page
  // language's, and its format differs from the one the rules' messages name.
  dateOfBirth: { autocomplete: 'bday', span: 2 },
  addressLine1: { autocomplete: 'address-line1', span: 6 },
  addressLine2: { autocomplete: 'address-line2', span: 6 },
  city: { autocomplete: 'address-level2', span: 2 },
  province: { autocomplete: 'address-level1', span: 2, type: 'select' },
  postalCode: { autocomplete: 'postal-code', span: 2 },
  country: { autocomplete: 'country', span: 3, type: 'select' },
  occupation: { autocomplete: 'organization-title', span: 3 },
  isCiroAffiliate: { autocomplete: 'off', span: 6, type: 'checkbox' },
};

/** Native constraint attributes mirroring the contract's rules (shown to assistive technology). */
export function constraints(field: ProfileField): { required: boolean; maxLength?: number } {
  const rule = RULES[field];
  return {
    // Only the checkbox and the optional text fields may stay empty.
    required: rule.kind === 'text' ? rule.min > 0 : rule.kind !== 'boolean',
    maxLength: 'max' in rule ? rule.max : undefined,
  };
}

/** The known field names in a comma-separated attribute, in order, each once. */
export const listedFields = (attribute: string | null | undefined): ProfileField[] => [
  ...new Set(
    (attribute ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(isField),
  ),
];

/**
 * The fields to show, in order, from the comma-separated `fields` attribute. Unknown names are
 * ignored; when nothing known is left (or the attribute is absent), every field is shown.
 */
export function shownFields(attribute: string | null | undefined): ProfileField[] {
  const names = listedFields(attribute);
  return names.length > 0 ? names : [...PROFILE_FIELDS];
}
