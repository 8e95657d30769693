/**
 * The embed token the element's requests carry: its renewal through the page's `tokenProvider`
 * (asked before the first request when there is no token, and again after a 401, after which the
 * same request goes out once more), and its absence. Without a provider a 401 is the page's to
 * answer (`boca-session-expired`); with neither a token nor a provider after a short grace, the
 * session is `missing` and the developer gets one console warning.
 *
 * @example
 *   session = new Session(this, () => !this.sessionToken && !this.tokenProvider);
 *   session.provider = () => fetch('/portal/session', { method: 'POST' }).then(…);
 *   await session.send((token) => patchProfile(base, token, changes, key, signal));
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BffError } from './bff.js';

/** How long a page may take to give a token or a provider before the session counts as missing. */
export const GRACE_MS = 2000;

/** Resolves with a fresh embed token, as the partner's token endpoint mints them. */
export type TokenProvider = () => Promise<string>;

export class Session implements ReactiveController {
  /** The token the next request carries. */
  token?: string;
  provider?: TokenProvider;
  /** No token nor provider came within the grace period (and none since). */
  missing = false;
  #renewing?: Promise<void>;
  #grace?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Whether the host still waits for a token it needs. */
    private readonly waiting: () => boolean,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#grace = setTimeout(() => {
      if (this.missing || !this.waiting()) return;
      this.missing = true;
      console.warn(
        '<boca-user-profile> has no session-token and no tokenProvider: set one so it can load the profile.',
      );
      this.host.requestUpdate();
    }, GRACE_MS);
  }

  hostDisconnected(): void {
    clearTimeout(this.#grace);
  }

  /** Runs a request with the current token; after a 401, renews the token and runs it once more. */
  async send<T>(request: (token: string | undefined) => Promise<T>): Promise<T> {
    if (!this.token && this.provider) await this.#renew();
    try {
      return await request(this.token);
    } catch (error) {
      if (!this.provider || !(error instanceof BffError) || error.status !== 401) throw error;
      await this.#renew(error);
      return request(this.token);
    }
  }

  /** Asks the provider once for every request waiting on it at the same time. */
  #renew(cause?: BffError): Promise<void> {
    return (this.#renewing ??= this.#ask(cause).finally(() => (this.#renewing = undefined)));
  }

  async #ask(cause?: BffError): Promise<void> {
    try {
      const token = await this.provider!();
      if (typeof token !== 'string' || !token) throw new TypeError('No token');
      this.token = token;
    } catch {
      // What the page's endpoint said stays in its own logs; the user needs only the outcome.
      throw new BffError(401, 'unauthorized', 'The token provider gave no token', cause?.requestId);
    }
  }
}
