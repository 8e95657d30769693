/**
 * The element's events: small typed `Event` subclasses, `boca-` prefixed, bubbling and composed so
 * a portal can listen on any ancestor. `boca-save` is the cancelable intent before a request.
 *
 * @example
 *   element.addEventListener('boca-save', (event) => {
 *     if (!confirm('Save?')) event.preventDefault(); // nothing is sent
 *   });
 *   element.addEventListener('boca-saved', (event) => console.log(event.detail.result.status));
 */
import type { FieldError, UpdateUserResponse } from '../../contract/api.js';
import type { Profile, UpdateUserRequest } from '../../contract/profile.js';
import type { BffError } from './bff.js';

const init = { bubbles: true, composed: true } as const;

export interface BocaSaveDetail {
  /** Only the changed fields, normalised as they will be sent. */
  changes: UpdateUserRequest;
}

/** Fired before a save request; cancel it (`preventDefault()`) and nothing is sent. */
export class BocaSaveEvent extends Event {
  static readonly type = 'boca-save';
  constructor(readonly detail: BocaSaveDetail) {
    super(BocaSaveEvent.type, { ...init, cancelable: true });
  }
}

export interface BocaSavedDetail {
  /** The BFF's answer: `{ userId, externalId, status, updatedAt }`. */
  result: UpdateUserResponse;
  /** The profile as now saved: the new baseline. */
  profile: Profile;
}

/** Fired when a save succeeded. */
export class BocaSavedEvent extends Event {
  static readonly type = 'boca-saved';
  constructor(readonly detail: BocaSavedDetail) {
    super(BocaSavedEvent.type, init);
  }
}

export interface BocaErrorDetail {
  /** The HTTP status, or 0 when no answer came (network failure). */
  status: number;
  /** The error key, such as `bad_request`, or `network_error`. */
  error: string;
  /** The BFF's message, in English. */
  message: string;
  /** For support: from the body or the `X-Request-Id` header, when there is one. */
  requestId: string | null;
  fieldErrors: FieldError[];
}

/** Fired when a request to the BFF failed, on load or on save (not for client-side checks). */
export class BocaErrorEvent extends Event {
  static readonly type = 'boca-error';
  constructor(readonly detail: BocaErrorDetail) {
    super(BocaErrorEvent.type, init);
  }
}

/** The `boca-error` event for a failed request. */
export const errorEvent = (error: BffError): BocaErrorEvent =>
  new BocaErrorEvent({
    status: error.status,
    error: error.key,
    message: error.message,
    requestId: error.requestId,
    fieldErrors: error.fieldErrors,
  });

/** Fired when the BFF answered 401: the host should mint a new token and set `session-token`. */
export class BocaSessionExpiredEvent extends Event {
  static readonly type = 'boca-session-expired';
  readonly detail: Record<string, never> = {};
  constructor() {
    super(BocaSessionExpiredEvent.type, init);
  }
}

declare global {
  interface HTMLElementEventMap {
    'boca-save': BocaSaveEvent;
    'boca-saved': BocaSavedEvent;
    'boca-error': BocaErrorEvent;
    'boca-session-expired': BocaSessionExpiredEvent;
  }
}
