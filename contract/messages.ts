/**
 * A message for every rule of the profile contract, in English. The English text is what the API
 * puts in `fieldErrors[].message`; the element shows another language's (`messages-fr.ts`) by
 * recognising the English text ({@link localiseMessage}). The French catalogue is a module of its
 * own so that the element's bundle can load it only for a French page.
 */
import type { RuleCode, Violation } from './profile.js';

export type Locale = 'en' | 'fr';
export const LOCALES: readonly Locale[] = ['en', 'fr'];

/** A message for every rule, in one language. */
export type Catalogue = Readonly<Record<RuleCode, string>>;

/** The API's own words: what `fieldErrors[].message` holds. */
export const EN_MESSAGES: Catalogue = {
  notObject: 'The body must be a JSON object',
  emptyPatch: 'At least one field must be given',
  unknownField: 'Unknown field',
  readOnly: 'Cannot be changed',
  notText: 'Must be a string',
  notTextOrNull: 'Must be a string or null',
  notBoolean: 'Must be true or false',
  required: 'This field is required',
  tooLong: 'Must be at most {max} characters',
  email: 'Must be a valid email address',
  date: 'Must be a real date in the form YYYY-MM-DD',
  future: 'Cannot be in the future',
  province: 'Must be a Canadian province or territory code, such as ON',
  postalCode: 'Must be a Canadian postal code, such as A1A 1A1',
  country: 'Only CA (Canada) is supported',
  underAge: 'User must be at least 18 years old',
};

/** The message for a rule, in a language (the API's English by default). */
export function ruleMessage(
  violation: Pick<Violation, 'code' | 'max'>,
  catalogue: Catalogue = EN_MESSAGES,
): string {
  return catalogue[violation.code].replace('{max}', String(violation.max ?? ''));
}

const MAXIMA = [20, 100, 200, 254];

/**
 * Translates an English rule message from the API into the catalogue's language; returns it
 * unchanged when it is not one of ours (an upstream message we have no translation for).
 */
export function localiseMessage(message: string, catalogue: Catalogue): string {
  if (catalogue === EN_MESSAGES) return message;
  for (const code of Object.keys(EN_MESSAGES) as RuleCode[]) {
    if (EN_MESSAGES[code] === message) return ruleMessage({ code }, catalogue);
    if (code === 'tooLong') {
      const max = MAXIMA.find((n) => ruleMessage({ code, max: n }) === message);
      if (max !== undefined) return ruleMessage({ code, max }, catalogue);
    }
  }
  return message;
}
