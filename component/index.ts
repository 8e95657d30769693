/**
 * The element's public entry: importing it defines `<boca-user-profile>`.
 *
 * @example
 *   import { BocaUserProfile, BocaSavedEvent } from './component/index.js';
 */
export { BocaUserProfile } from './boca-user-profile.js';
export {
  BocaErrorEvent,
  BocaSaveEvent,
  BocaSavedEvent,
  BocaSessionExpiredEvent,
  type BocaErrorDetail,
  type BocaSaveDetail,
  type BocaSavedDetail,
} from './internal/events.js';
export type { Profile } from '../contract/profile.js';
export type { EmbedTokenResponse } from '../contract/embed-token.js';
export type { TokenProvider } from './internal/session.js';
