/**
 * What the element says in English: labels, hints, buttons, announcements and error fallbacks,
 * and the contract's rule messages. Always in the bundle; French (`fr.ts`) is fetched when needed.
 *
 * @example
 *   en.reference.replace('{id}', 'req-1'); // 'Reference: req-1'
 */
import { EN_MESSAGES } from '../../contract/messages.js';
import type { Strings } from './strings.js';

export const en: Strings = {
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
    dateOfBirth: 'Format: YYYY-MM-DD',
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
  rules: EN_MESSAGES,
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
