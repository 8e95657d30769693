/**
 * Every string the element shows, in English and Canadian French: one plain object per locale,
 * no i18n library. Rule messages come from the contract (`contract/messages.ts`); these are the
 * element's own labels, hints, buttons, announcements and error fallbacks.
 *
 * @example
 *   strings('fr').labels.email; // 'Courriel'
 *   strings('en').reference.replace('{id}', 'req-1'); // 'Reference: req-1'
 */
import { localiseMessage, ruleMessage, type Locale } from '../../contract/messages.js';
import type { ProfileField } from '../../contract/profile.js';

/** Error keys of the BFF, plus `network_error` for a request that never got an answer. */
export type FailureKey =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable_entity'
  | 'too_many_requests'
  | 'internal_error'
  | 'not_implemented'
  | 'bad_gateway'
  | 'service_unavailable'
  | 'gateway_timeout'
  | 'network_error';

export interface Strings {
  labels: Record<ProfileField, string>;
  hints: Partial<Record<ProfileField, string>>;
  /**
   * Province, territory and country names by code, for the two selects, written in the order the
   * selects list them: alphabetical in the locale. Sorting them in the browser would cost the
   * first render 20 to 45 ms, the time a page takes to load its collation data for the first
   * `localeCompare`; a component test checks the order against `localeCompare`.
   */
  places: Record<string, string>;
  choose: string;
  save: string;
  discard: string;
  retry: string;
  saved: string;
  /** A save answered `pendingCompliance`. */
  review: string;
  /** In the status region while a save is in flight. */
  saving: string;
  /** In the status region when a 429 wait ends. */
  again: string;
  loading: string;
  loadFailed: string;
  summary: string;
  /** `{id}` is the request id, for support. */
  reference: string;
  /** `{s}` is the number of seconds left. */
  retryIn: string;
  /** A 401 even after the token provider gave a new token (or none). */
  renewFailed: string;
  /** A 401 on load: there are no edits to keep. */
  signIn: string;
  /** No `session-token` and no `tokenProvider`: the page never signed the user in. */
  noSession: string;
  /** A 404 or 405 that is not the BFF's: `api-base` points elsewhere. */
  noService: string;
  /** The age rule, said to the user rather than about them. */
  adult: string;
  failures: Record<FailureKey, string>;
}

const en: Strings = {
  labels: {
    firstName: 'First name',
    lastName: 'Last name',
    email: 'Email',
    dateOfBirth: 'Date of birth',
    addressLine1: 'Address line 1',
    addressLine2: 'Address line 2',
    city: 'City',
    province: 'Province',
    postalCode: 'Postal code',
    country: 'Country',
    occupation: 'Occupation',
    isCiroAffiliate: 'CIRO affiliate',
  },
  hints: {
    dateOfBirth: 'Year, month and day (YYYY-MM-DD), such as 1990-05-15.',
    addressLine2: 'Apartment, suite or unit. Optional.',
    postalCode: 'For example, A1A 1A1',
    occupation: 'Optional.',
    isCiroAffiliate:
      'Tick if you work for, or are registered with, a firm regulated by the Canadian Investment Regulatory Organization.',
  },
  places: {
    AB: 'Alberta',
    BC: 'British Columbia',
    MB: 'Manitoba',
    NB: 'New Brunswick',
    NL: 'Newfoundland and Labrador',
    NT: 'Northwest Territories',
    NS: 'Nova Scotia',
    NU: 'Nunavut',
    ON: 'Ontario',
    PE: 'Prince Edward Island',
    QC: 'Quebec',
    SK: 'Saskatchewan',
    YT: 'Yukon',
    CA: 'Canada',
  },
  choose: 'Choose…',
  save: 'Save changes',
  discard: 'Discard changes',
  retry: 'Try again',
  saved: 'Changes saved',
  review: 'Changes saved. They are under review and take effect once approved.',
  saving: 'Saving…',
  again: 'You can save again.',
  loading: 'Loading your profile…',
  loadFailed: 'We could not load your profile.',
  summary: 'Please correct the following',
  reference: 'Reference: {id}',
  retryIn: 'Too many attempts. Try again in {s} s',
  renewFailed:
    'We could not renew your session. Your changes are kept: try saving again in a moment.',
  signIn: 'Your session has expired. Reload the page to sign in again.',
  noSession: 'We could not sign you in to your profile. Please reload the page.',
  noService: 'The profile service could not be found. Please try again later.',
  adult: 'You must be at least 18 years old.',
  failures: {
    bad_request: 'Some details were not accepted. Please check the form.',
    unauthorized: 'Your session has expired. Your changes are kept: save again in a moment.',
    forbidden: 'This page is not allowed to change your profile.',
    not_found: 'We could not find your profile.',
    conflict: 'Your profile is being updated elsewhere. Please try again in a moment.',
    payload_too_large: 'Too much information was sent at once.',
    unsupported_media_type: 'The request could not be understood.',
    unprocessable_entity: 'This change could not be accepted.',
    too_many_requests: 'Too many attempts. Please wait a moment.',
    internal_error: 'Something went wrong on our side. Please try again.',
    not_implemented: 'This is not available yet.',
    bad_gateway: 'The profile service is not answering properly. Please try again later.',
    service_unavailable: 'The profile service is unavailable right now. Please try again later.',
    gateway_timeout: 'The profile service took too long to answer. Please try again.',
    network_error: 'We could not reach the server. Check your connection and try again.',
  },
};

const fr: Strings = {
  labels: {
    firstName: 'Prénom',
    lastName: 'Nom de famille',
    email: 'Courriel',
    dateOfBirth: 'Date de naissance',
    addressLine1: 'Adresse ligne 1',
    addressLine2: 'Adresse ligne 2',
    city: 'Ville',
    province: 'Province',
    postalCode: 'Code postal',
    country: 'Pays',
    occupation: 'Profession',
    isCiroAffiliate: 'Affilié à l’OCRI',
  },
  hints: {
    dateOfBirth: 'Année, mois et jour (AAAA-MM-JJ), par exemple 1990-05-15.',
    addressLine2: 'Appartement, bureau ou unité. Facultatif.',
    postalCode: 'Par exemple, A1A 1A1',
    occupation: 'Facultatif.',
    isCiroAffiliate:
      'Cochez si vous travaillez pour une société réglementée par l’Organisme canadien de réglementation des investissements, ou y êtes inscrit.',
  },
  places: {
    AB: 'Alberta',
    BC: 'Colombie-Britannique',
    PE: 'Île-du-Prince-Édouard',
    MB: 'Manitoba',
    NB: 'Nouveau-Brunswick',
    NS: 'Nouvelle-Écosse',
    NU: 'Nunavut',
    ON: 'Ontario',
    QC: 'Québec',
    SK: 'Saskatchewan',
    NL: 'Terre-Neuve-et-Labrador',
    NT: 'Territoires du Nord-Ouest',
    YT: 'Yukon',
    CA: 'Canada',
  },
  choose: 'Choisir…',
  save: 'Enregistrer les modifications',
  discard: 'Annuler les modifications',
  retry: 'Réessayer',
  saved: 'Modifications enregistrées',
  review:
    'Modifications enregistrées. Elles sont en cours d’examen et prendront effet une fois approuvées.',
  saving: 'Enregistrement…',
  again: 'Vous pouvez enregistrer de nouveau.',
  loading: 'Chargement de votre profil…',
  loadFailed: 'Nous n’avons pas pu charger votre profil.',
  summary: 'Veuillez corriger ce qui suit',
  reference: 'Référence : {id}',
  retryIn: 'Trop de tentatives. Réessayez dans {s} s',
  renewFailed:
    'Nous n’avons pas pu renouveler votre session. Vos modifications sont conservées : réessayez d’enregistrer dans un instant.',
  signIn: 'Votre session a expiré. Rechargez la page pour vous reconnecter.',
  noSession: 'Nous n’avons pas pu vous connecter à votre profil. Veuillez recharger la page.',
  noService: 'Le service des profils est introuvable. Réessayez plus tard.',
  adult: 'Vous devez avoir au moins 18 ans.',
  failures: {
    bad_request: 'Certains renseignements n’ont pas été acceptés. Veuillez vérifier le formulaire.',
    unauthorized:
      'Votre session a expiré. Vos modifications sont conservées : enregistrez de nouveau dans un instant.',
    forbidden: 'Cette page n’est pas autorisée à modifier votre profil.',
    not_found: 'Votre profil est introuvable.',
    conflict: 'Votre profil est en cours de mise à jour ailleurs. Réessayez dans un instant.',
    payload_too_large: 'Trop de renseignements ont été envoyés à la fois.',
    unsupported_media_type: 'La requête n’a pas pu être comprise.',
    unprocessable_entity: 'Cette modification n’a pas pu être acceptée.',
    too_many_requests: 'Trop de tentatives. Veuillez patienter un instant.',
    internal_error: 'Une erreur s’est produite de notre côté. Veuillez réessayer.',
    not_implemented: 'Cette fonction n’est pas encore offerte.',
    bad_gateway: 'Le service des profils ne répond pas correctement. Réessayez plus tard.',
    service_unavailable:
      'Le service des profils est indisponible pour le moment. Réessayez plus tard.',
    gateway_timeout: 'Le service des profils a mis trop de temps à répondre. Veuillez réessayer.',
    network_error: 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
  },
};

/** The supported locale for a `locale` attribute: French for `fr` or `fr-CA`, else English. */
export const toLocale = (value: string | null | undefined): Locale =>
  /^fr\b/i.test(value ?? '') ? 'fr' : 'en';

/** The strings of a locale. */
export const strings = (locale: Locale): Strings => (locale === 'fr' ? fr : en);

/** A rule message from the contract (or the server) as the user reads it, in their language. */
export const say = (message: string, locale: Locale): string =>
  message === ruleMessage({ code: 'underAge' })
    ? strings(locale).adult
    : localiseMessage(message, locale);

/** A field's label; an unknown API key reads as words ("employerName" → "Employer name"). */
export function labelOf(field: string, locale: Locale): string {
  const known = strings(locale).labels[field as ProfileField];
  if (known) return known;
  const words = field
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
