/**
 * The request each target receives. The three forwarders and the BFF get the very same browser
 * request (bearer token, portal origin, JSON patch, fresh Idempotency-Key); the upstream called
 * directly gets the pre-signed partner request instead.
 *
 * @example
 *   const next = requestFor({ kind: 'bff', token });
 *   pool.request(next());
 */
import { randomUUID } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { BFF_PATH, PATCH_BODY, PORTAL_ORIGIN, UPSTREAM_PATH } from '../lib/fixtures.js';
import { presign } from '../lib/presign.js';

export type TargetKind = 'direct' | 'bare' | 'naive' | 'bff';

export interface Target {
  kind: TargetKind;
  /** The embed token the browser would send; the baselines ignore it. */
  token: string;
}

/** A function making the next request, each with its own Idempotency-Key. */
export function requestFor(target: Target): () => Dispatcher.RequestOptions {
  if (target.kind === 'direct') {
    const signed = presign();
    return () => ({
      method: 'PATCH',
      path: UPSTREAM_PATH,
      headers: { ...signed.headers(), 'idempotency-key': randomUUID() },
      body: PATCH_BODY,
    });
  }
  const authorization = `Bearer ${target.token}`;
  return () => ({
    method: 'PATCH',
    path: BFF_PATH,
    headers: {
      'content-type': 'application/json',
      authorization,
      origin: PORTAL_ORIGIN,
      'idempotency-key': randomUUID(),
    },
    body: PATCH_BODY,
  });
}
