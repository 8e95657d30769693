/**
 * examples/durable-object-store.ts in workerd (through miniflare): the `BffStore` over one
 * Durable Object per user gives the same answers as the memory and Redis stores: a burst of the
 * limit, then one request per period ÷ limit; each user apart; a revoked token refused until it
 * expires.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The real time: the object's alarm clears what lapsed by the runtime's clock.
const T0 = Date.now();
const rule = { limit: 3, periodMs: 60_000 };

// A worker that calls the store the way the BFF would, one call per request.
const ENTRY = `
import { createDurableObjectStore, UserLimits } from './examples/durable-object-store.ts';
export { UserLimits };
export default {
  async fetch(request, env) {
    const store = createDurableObjectStore(env.BOCA_LIMITS);
    const { op, args } = await request.json();
    return Response.json({ result: (await store[op](args)) ?? null });
  },
};
`;

describe('the Durable Object store in workerd', { timeout: 60_000 }, () => {
  let mf: Miniflare;
  const call = async (op: string, args: object = {}) => {
    const response = await mf.dispatchFetch('http://worker/', {
      method: 'POST',
      body: JSON.stringify({ op, args }),
    });
    assert.equal(response.status, 200, await response.clone().text());
    return ((await response.json()) as { result: unknown }).result;
  };
  const admit = (now: number, user = 'u', tokenId = 't') =>
    call('admit', { user, tokenId, now, rule });

  before(async () => {
    const bundle = await build({
      stdin: { contents: ENTRY, resolveDir: root, loader: 'ts' },
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      write: false,
    });
    mf = new Miniflare({
      modules: true,
      script: bundle.outputFiles[0]!.text,
      durableObjects: { BOCA_LIMITS: 'UserLimits' },
    });
    await mf.ready;
  });
  after(async () => {
    await mf?.dispose();
  });

  it('answers as the other stores do', async () => {
    assert.equal(await call('ping'), null);
    for (let i = 0; i < 3; i++) assert.deepEqual(await admit(T0), { kind: 'allowed' });
    assert.deepEqual(await admit(T0), { kind: 'limited', retryAfterMs: 20_000 });
    assert.deepEqual(await admit(T0 + 20_000), { kind: 'allowed' });
    assert.deepEqual(await admit(T0, 'another user'), { kind: 'allowed' });
  });

  it('refuses a revoked token until it expires', async () => {
    await call('revoke', { user: 'r', tokenId: 'gone', expiresAt: T0 + 600_000, now: T0 });
    assert.deepEqual(await admit(T0, 'r', 'gone'), { kind: 'revoked' });
    assert.deepEqual(await admit(T0, 'r', 'kept'), { kind: 'allowed' });
    assert.deepEqual(await admit(T0 + 600_000, 'r', 'gone'), { kind: 'allowed' });
  });
});
