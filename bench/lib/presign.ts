/**
 * A pre-signed upstream request for the baselines that sign nothing per request: the bare
 * forwarder and the load generator calling the upstream directly. Only the method, path,
 * timestamp and body are signed, so one signature serves every request until the timestamp ages;
 * the upstream accepts ±60 s, so it is renewed every 30 s.
 *
 * @example
 *   const signed = presign();
 *   pool.request({ method: 'PATCH', path: UPSTREAM_PATH, body: PATCH_BODY,
 *     headers: { ...signed.headers(), 'idempotency-key': randomUUID() } });
 *   signed.stop();
 */
import { createHmac } from 'node:crypto';
import { formatTimestamp } from '../../contract/signing.js';
import { API_KEY, PATCH_BODY, SIGNING_SECRET, UPSTREAM_PATH } from './fixtures.js';

const REFRESH_MS = 30_000;

export interface Presigned {
  /** The current signed headers; a fresh object is not made per call. */
  headers(): Readonly<Record<string, string>>;
  stop(): void;
}

function sign(): Record<string, string> {
  const timestamp = formatTimestamp(Date.now());
  const signature = createHmac('sha256', SIGNING_SECRET)
    .update(`PATCH\n${UPSTREAM_PATH}\n${timestamp}\n${PATCH_BODY}`)
    .digest('hex');
  return {
    'content-type': 'application/json',
    'x-api-key': API_KEY,
    'x-request-timestamp': timestamp,
    'x-request-signature': signature,
  };
}

export function presign(): Presigned {
  let current = sign();
  const timer = setInterval(() => (current = sign()), REFRESH_MS);
  timer.unref();
  return { headers: () => current, stop: () => clearInterval(timer) };
}
