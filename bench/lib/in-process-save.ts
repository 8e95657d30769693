/**
 * One save through `createBff` in this process, against a transport that answers the documented
 * 200 at once: the BFF's own work for a request with no network, sockets or other process in the
 * figure, so that a small difference (tracing on or off) stands out from the machine's noise.
 *
 * @example
 *   const save = await inProcessSave({ tracerProvider });
 *   await save(); // a Response, 200
 */
import { createBff, mintEmbedToken, nodeHmacSha256, type BffOptions } from '../../bff/index.js';
import {
  API_KEY,
  BFF_PATH,
  EXTERNAL_ID,
  PATCH_BODY,
  PORTAL_ORIGIN,
  SESSION_SECRET,
  SIGNING_SECRET,
} from './fixtures.js';

const SAVED = JSON.stringify({
  userId: '3f2b8c1e-6a4d-4f7b-9e2a-5c8d1b7e4a90',
  externalId: EXTERNAL_ID,
  status: 'active',
  updatedAt: '2026-03-13T12:00:01Z',
});
const answered = { status: 200, headers: { get: () => null }, text: SAVED };

export async function inProcessSave(options: Partial<BffOptions> = {}) {
  const app = createBff({
    apiBaseUrl: 'http://partner-api.invalid',
    apiKey: API_KEY,
    signingSecret: SIGNING_SECRET,
    sessionSecret: SESSION_SECRET,
    allowedOrigins: [PORTAL_ORIGIN],
    transport: async () => answered,
    hmac: nodeHmacSha256,
    logger: () => {},
    ...options,
  });
  const token = await mintEmbedToken({
    secret: SESSION_SECRET,
    externalId: EXTERNAL_ID,
    ttlSeconds: 3_600,
    hmac: nodeHmacSha256,
  });
  const headers = {
    authorization: `Bearer ${token}`,
    origin: PORTAL_ORIGIN,
    'content-type': 'application/json',
  };
  return async function save(): Promise<Response> {
    const response = await app.request(BFF_PATH, { method: 'PATCH', headers, body: PATCH_BODY });
    if (response.status !== 200) throw new Error(`the save answered ${response.status}`);
    return response;
  };
}
