/**
 * One save through `createBff` in this process, against a transport that answers the documented
 * 200 at once: the BFF's own work for a request with no network, sockets or other process in the
 * figure, so that a small difference (tracing on or off) stands out from the machine's noise.
 * `timeSaves` times it with no SDK and with one, in alternating blocks so that a burst of outside
 * work falls on both alike.
 *
 * @example
 *   const [off, on] = await timeSaves(5_000);
 *   on.microsPerOp / off.microsPerOp;
 */
import { performance } from 'node:perf_hooks';
import { createBff, mintEmbedToken, nodeHmacSha256, type BffOptions } from '../../bff/index.js';
import { droppingProviders } from './dropping-sdk.js';
import {
  API_KEY,
  BFF_PATH,
  EXTERNAL_ID,
  PATCH_BODY,
  PORTAL_ORIGIN,
  SESSION_SECRET,
  SIGNING_SECRET,
  UNREACHED_LIMITS,
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
    ...UNREACHED_LIMITS,
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

const BLOCK = 250;

/** One row of the CPU-per-operation table. */
interface Timed {
  name: string;
  microsPerOp: number;
  iterations: number;
}

/** µs per save with no SDK, then with one that drops what it records; `iterations` each. */
export async function timeSaves(iterations: number): Promise<[Timed, Timed]> {
  const off = await inProcessSave();
  const on = await inProcessSave(droppingProviders());
  const elapsed = { off: 0, on: 0 };
  async function block(side: 'off' | 'on', count: number) {
    const save = side === 'on' ? on : off;
    const start = performance.now();
    for (let i = 0; i < count; i++) await save();
    elapsed[side] += performance.now() - start;
  }
  // Warm-up, uncounted.
  await block('off', 1_000);
  await block('on', 1_000);
  elapsed.off = elapsed.on = 0;
  const blocks = Math.max(1, Math.round(iterations / BLOCK));
  for (let i = 0; i < blocks; i++) {
    for (const side of i % 2 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
      await block(side, BLOCK);
    }
  }
  const row = (name: string, ms: number): Timed => ({
    name,
    microsPerOp: (ms * 1000) / (blocks * BLOCK),
    iterations: blocks * BLOCK,
  });
  return [
    row('a save in process (instant upstream), no SDK', elapsed.off),
    row('a save in process, an SDK that drops what it records', elapsed.on),
  ];
}
