/**
 * A store that admits every request and keeps nothing: the BFF with its per-user limit as good as
 * off, for the bench's "limits off" row. The limit cannot be switched off in the product (a BFF
 * without it lets one user spend the partner's whole upstream budget), so the bench gives it
 * this store instead; what remains of the limit is one resolved promise a request.
 *
 * @example
 *   createNodeBff({ ...options, store: admittingStore(), maxUpstreamConcurrency: 100_000 });
 */
import type { BffStore, Verdict } from '../../bff/index.js';

const ALLOWED: Verdict = { kind: 'allowed' };

export function admittingStore(): BffStore {
  return {
    admit: () => Promise.resolve(ALLOWED),
    revoke: () => Promise.resolve(),
    ping: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}
