/**
 * A message for every rule of the profile contract, in English and Canadian French. The English
 * text is what the API puts in `fieldErrors[].message`; the element shows the French one by
 * recognising the English text ({@link localiseMessage}).
 */
import type { RuleCode, Violation } from './profile.js';

export type Locale = 'en' | 'fr';
export const LOCALES: readonly Locale[] = ['en', 'fr'];

type Catalogue = Record<RuleCode, string>;

const en: Catalogue = {
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

const fr: Catalogue = {
  notObject: 'Le corps de la requête doit être un objet JSON',
  emptyPatch: 'Au moins un champ doit être fourni',
  unknownField: 'Champ inconnu',
  readOnly: 'Ne peut pas être modifié',
  notText: 'Doit être du texte',
  notTextOrNull: 'Doit être du texte ou null',
  notBoolean: 'Doit être vrai ou faux',
  required: 'Ce champ est obligatoire',
  tooLong: 'Doit contenir au plus {max} caractères',
  email: 'Doit être une adresse courriel valide',
  date: 'Doit être une date réelle au format AAAA-MM-JJ',
  future: 'Ne peut pas être dans le futur',
  province: 'Doit être le code d’une province ou d’un territoire canadien, comme ON',
  postalCode: 'Doit être un code postal canadien, comme A1A 1A1',
  country: 'Seul CA (Canada) est pris en charge',
  underAge: 'L’utilisateur doit avoir au moins 18 ans',
};

export const RULE_MESSAGES: Readonly<Record<Locale, Catalogue>> = { en, fr };

/** The message for a rule, in a locale (English by default). */
export function ruleMessage(
  violation: Pick<Violation, 'code' | 'max'>,
  locale: Locale = 'en',
): string {
  return RULE_MESSAGES[locale][violation.code].replace('{max}', String(violation.max ?? ''));
}

const MAXIMA = [20, 100, 200, 254];

/**
 * Translates an English rule message from the API into `locale`; returns it unchanged when it is
 * not one of ours (an upstream message we have no translation for).
 */
export function localiseMessage(message: string, locale: Locale): string {
  if (locale === 'en') return message;
  for (const code of Object.keys(en) as RuleCode[]) {
    if (en[code] === message) return ruleMessage({ code }, locale);
    if (code === 'tooLong') {
      const max = MAXIMA.find((n) => ruleMessage({ code, max: n }) === message);
      if (max !== undefined) return ruleMessage({ code, max }, locale);
    }
  }
  return message;
}
