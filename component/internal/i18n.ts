/**
 * Which language the element speaks, and the helpers that speak it. English (`en.ts`) is always in
 * the bundle; French (`fr.ts`) is a chunk of its own, fetched the first time a page asks for it,
 * so that an English page never pays for it. Until it arrives, the element keeps speaking what it
 * spoke (or, on a first render, shows its loading panel in French); if it cannot be fetched, the
 * element speaks English and says so once in the console.
 *
 * @example
 *   const speaking = language(el.locale); // undefined while French is on its way
 *   await loadLanguage('fr');
 *   say('Must be a valid email address', language('fr')!.strings);
 */
import { localiseMessage, ruleMessage, type Locale } from '../../contract/messages.js';
import type { ProfileField } from '../../contract/profile.js';
import { en } from './en.js';
import type { Strings } from './strings.js';

export type { FailureKey, Strings } from './strings.js';

export interface Language {
  locale: Locale;
  strings: Strings;
}

/** The supported locale for a `locale` attribute: French for `fr` or `fr-CA`, else English. */
export const toLocale = (value: string | null | undefined): Locale =>
  /^fr\b/i.test(value ?? '') ? 'fr' : 'en';

const english: Language = { locale: 'en', strings: en };
let french: Language | undefined;
let fetching: Promise<void> | undefined;
let unavailable = false;

/** Where French comes from; a test may replace it, to see what happens when it cannot come. */
export const chunks = { french: () => import('./fr.js') };

/** The loading panel's words while French is on its way. */
export const FRENCH_LOADING: { locale: Locale; strings: Pick<Strings, 'loading'> } = {
  locale: 'fr',
  strings: { loading: 'Chargement de votre profil…' },
};

/** The language to speak for a `locale` attribute; undefined while French is on its way. */
export const language = (value: string | null | undefined): Language | undefined =>
  toLocale(value) === 'en' || unavailable ? english : french;

/** Fetches the strings of a `locale` attribute unless they are here; settles once they are. */
export function loadLanguage(value: string | null | undefined): Promise<void> {
  if (language(value)) return Promise.resolve();
  return (fetching ??= chunks.french().then(
    (module) => {
      french = { locale: 'fr', strings: module.fr };
    },
    () => {
      unavailable = true;
      console.warn(
        '<boca-user-profile> could not fetch its French strings (boca-user-profile.fr.js, beside it): it speaks English.',
      );
    },
  ));
}

/** A rule message from the contract (or the server) as the user reads it, in their language. */
export const say = (message: string, strings: Strings): string =>
  message === ruleMessage({ code: 'underAge' })
    ? strings.adult
    : localiseMessage(message, strings.rules);

/** A field's label; an unknown API key reads as words ("employerName" → "Employer name"). */
export function labelOf(field: string, strings: Strings): string {
  const known = strings.labels[field as ProfileField];
  if (known) return known;
  const words = field
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
