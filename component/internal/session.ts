/**
 * The embed token the element's requests carry, and its renewal through the page's
 * `tokenProvider`: asked before the first request when there is no token, and again after a 401,
 * after which the same request goes out once more. Without a provider a 401 is the page's to
 * answer (`boca-session-expired`).
 *
 * @example
 *   session.provider = () => fetch('/portal/session', { method: 'POST' }).then(…);
 *   await session.send((token) => patchProfile(base, token, changes, key, signal));
 */
import { BffError } from './bff.js';

/** Resolves with a fresh embed token, as the partner's token endpoint mints them. */
export type TokenProvider = () => Promise<string>;

export class Session {
  /** The token the next request carries. */
  token?: string;
  provider?: TokenProvider;
  #renewing?: Promise<void>;

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
