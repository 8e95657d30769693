/**
 * The shape of every language the element speaks: one plain object per locale (`en.ts`, `fr.ts`),
 * no i18n library. Types only, so that each language stays a module of its own.
 */
import type { Catalogue } from '../../contract/messages.js';
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
  /** The contract's rule messages in this language. */
  rules: Catalogue;
}
