/**
 * The React wrapper of `<boca-user-profile>` (`boca-user-profile/react`), made with `@lit/react`:
 * props set the element's properties (so `profile` is passed as an object, not an attribute) and
 * the four events arrive as typed callbacks. Importing it defines the element.
 *
 * @example
 *   import { BocaUserProfile, fetchEmbedToken } from 'boca-user-profile/react';
 *
 *   <BocaUserProfile
 *     apiBase="/api"
 *     sessionToken={token}
 *     locale="fr"
 *     onBocaSaved={(event) => toast(`Saved at ${event.detail.result.updatedAt}`)}
 *     onBocaSessionExpired={() => fetchEmbedToken('/embed-token').then(setToken)}
 *   />
 */
import React from 'react';
import { createComponent, type EventName } from '@lit/react';
import {
  BocaUserProfile as BocaUserProfileElement,
  type BocaErrorEvent,
  type BocaSaveEvent,
  type BocaSavedEvent,
  type BocaSessionExpiredEvent,
} from '../component/index.js';

export const BocaUserProfile = createComponent({
  react: React,
  tagName: 'boca-user-profile',
  elementClass: BocaUserProfileElement,
  displayName: 'BocaUserProfile',
  events: {
    /** Before a save; call `event.preventDefault()` to send nothing. */
    onBocaSave: 'boca-save' as EventName<BocaSaveEvent>,
    /** The update succeeded: `event.detail` is `{ result, profile }`. */
    onBocaSaved: 'boca-saved' as EventName<BocaSavedEvent>,
    /** A load or save request failed: `event.detail` is `{ status, error, message, … }`. */
    onBocaError: 'boca-error' as EventName<BocaErrorEvent>,
    /** The BFF answered 401: mint a new embed token and pass it as `sessionToken`. */
    onBocaSessionExpired: 'boca-session-expired' as EventName<BocaSessionExpiredEvent>,
  },
});

/** The props `<BocaUserProfile>` takes, for components that pass them through. */
export type BocaUserProfileProps = React.ComponentProps<typeof BocaUserProfile>;

export {
  BocaUserProfileElement,
  type BocaErrorEvent,
  type BocaSaveEvent,
  type BocaSavedEvent,
  type BocaSessionExpiredEvent,
};
export type {
  BocaErrorDetail,
  BocaSaveDetail,
  BocaSavedDetail,
  Profile,
} from '../component/index.js';
export { fetchEmbedToken } from './token.js';
export type { EmbedTokenResponse } from '../contract/embed-token.js';
