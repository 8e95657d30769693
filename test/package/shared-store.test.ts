/**
 * Several BFF instances share one Redis (`BOCA_REDIS_URL`): behind a round-robin proxy (no sticky
 * sessions) they count one user's requests together and refuse a token revoked through any of
 * them. When Redis is killed, each fails the way `BOCA_STORE_FAILURE` says (`open`: saves pass;
 * `closed`: 503 in the one error shape), logs it, answers `/readyz` 503 and never a 500; when
 * Redis is back, they recover by themselves. All real: redis-server, the sandbox, the BFF's Node
 * entry, on 127.0.0.1 with free ports.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createNodeBff,
  mintEmbedToken,
  revokeEmbedToken,
  serveApp,
  type LogEntry,
  type NodeBff,
  type RunningServer,
} from '../../bff/index.js';
import { seedUsers, serveSandbox, type RunningSandbox } from '../../sandbox/index.js';
import { startRedis, type RunningRedis } from '../support/redis-server.js';
import { startRoundRobin, type RoundRobinProxy } from './support/round-robin.js';
import { bffOptions, patchProfile, SESSION_SECRET } from './support/partner.js';

const LIMIT = 4;
const USERS = ['limit-user', 'revoke-user', 'open-user', 'closed-user', 'after-user'];

interface Instance {
  bff: NodeBff;
  server: RunningServer;
  logs: LogEntry[];
}

interface Pair {
  instances: Instance[];
  proxy: RoundRobinProxy;
  api: string;
  /** Every request line both instances wrote. */
  lines(): LogEntry[];
}

let redis: RunningRedis;
let sandbox: RunningSandbox;
const pairs: Pair[] = [];

async function startPair(storeFailure: 'open' | 'closed'): Promise<Pair> {
  const instances: Instance[] = [];
  for (let i = 0; i < 2; i++) {
    const logs: LogEntry[] = [];
    // The same environment on each, as each instance would read it.
    const bff = createNodeBff({
      ...bffOptions(sandbox.url),
      redisUrl: redis.url,
      storeFailure,
      userRateLimit: LIMIT,
      logger: (entry) => logs.push(entry),
    });
    instances.push({ bff, server: await serveApp(bff.app, { port: 0 }), logs });
  }
  const proxy = await startRoundRobin(instances.map((instance) => instance.server.url));
  const pair = {
    instances,
    proxy,
    api: `${proxy.url}/api`,
    lines: () => instances.flatMap((instance) => instance.logs),
  };
  pairs.push(pair);
  return pair;
}

const tokenFor = (externalId: string) => mintEmbedToken({ secret: SESSION_SECRET, externalId });

/** `/readyz` of each instance, directly. */
const readiness = (pair: Pair) =>
  Promise.all(
    pair.instances.map(async ({ server }) => (await fetch(`${server.url}/readyz`)).status),
  );

async function eventually(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 100; i++) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`never ${what}`);
}

describe('BFF instances sharing one Redis', { timeout: 60_000 }, () => {
  let open: Pair;
  let closed: Pair;

  before(async () => {
    redis = await startRedis();
    sandbox = await serveSandbox({
      port: 0,
      logger: () => {},
      users: [
        ...seedUsers(),
        ...USERS.map((externalId) => ({ ...seedUsers()[0]!, externalId, userId: undefined })),
      ],
    });
    open = await startPair('open');
    closed = await startPair('closed');
    for (const pair of pairs) assert.deepEqual(await readiness(pair), [200, 200]);
  });

  after(async () => {
    for (const { proxy, instances } of pairs) {
      await proxy.close();
      for (const { server, bff } of instances) {
        await server.close();
        await bff.close();
      }
    }
    await sandbox?.close();
    await redis?.stop();
  });

  it('counts one user once across instances: the limit is not doubled by a second instance', async () => {
    const token = await tokenFor('limit-user');
    open.proxy.servedBy.length = 0;
    for (let i = 0; i < LIMIT; i++) {
      const answer = await patchProfile(open.api, token, { city: `City ${i}` });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
    }
    for (let i = 0; i < 2; i++) {
      const answer = await patchProfile(open.api, token, { city: 'One too many' });
      assert.equal(answer.status, 429);
      assert.equal(answer.body.error, 'too_many_requests');
      assert.match(answer.body.requestId as string, /^req-/);
      assert.equal(answer.headers.get('retry-after'), '15');
      assert.match(answer.headers.get('access-control-expose-headers')!, /Retry-After/);
    }
    // Both instances answered, each refused once: neither had its own count.
    assert.deepEqual([...open.proxy.servedBy].sort(), [0, 0, 0, 1, 1, 1]);
    assert.equal(sandbox.sandbox.getUser('limit-user')!.city, `City ${LIMIT - 1}`);
    const refusedBy = open.instances.map((i) => i.logs.filter((e) => e.status === 429).length);
    assert.deepEqual(refusedBy, [1, 1]);
  });

  it('refuses a token revoked through one instance’s store on every instance', async () => {
    const token = await tokenFor('revoke-user');
    const kept = await tokenFor('revoke-user');
    assert.equal((await patchProfile(open.api, token, { city: 'Before' })).status, 200);
    await revokeEmbedToken({ token, secret: SESSION_SECRET, store: open.instances[1]!.bff.store });
    open.proxy.servedBy.length = 0;
    for (let i = 0; i < 2; i++) {
      const answer = await patchProfile(open.api, token, { city: 'After' });
      assert.equal(answer.status, 401);
      assert.equal(answer.body.error, 'unauthorized');
    }
    assert.deepEqual([...open.proxy.servedBy].sort(), [0, 1], 'both instances refused it');
    assert.equal(sandbox.sandbox.getUser('revoke-user')!.city, 'Before');
    // Another token of the same user is not affected.
    assert.equal((await patchProfile(open.api, kept, { city: 'Kept' })).status, 200);
  });

  it('fails open or closed as configured while Redis is down, never a 500, and recovers', async () => {
    const openToken = await tokenFor('open-user');
    const closedToken = await tokenFor('closed-user');
    await redis.kill();
    await eventually(
      async () =>
        [...(await readiness(open)), ...(await readiness(closed))].every((s) => s === 503),
      'reported not ready',
    );

    // open: saves pass unchecked, past the limit even, and each line says so.
    for (let i = 0; i < LIMIT + 2; i++) {
      const answer = await patchProfile(open.api, openToken, { city: `Open ${i}` });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
    }
    for (const { logs } of open.instances) {
      assert.ok(
        logs.some(
          (e) => e.level === 'warn' && e.problem === 'the store could not be reached; failing open',
        ),
        'an open instance logs the unchecked request',
      );
    }

    // closed: 503 in the one shape, nothing sent upstream.
    for (let i = 0; i < 2; i++) {
      const answer = await patchProfile(closed.api, closedToken, { city: 'Closed' });
      assert.equal(answer.status, 503);
      assert.equal(answer.body.error, 'service_unavailable');
      assert.equal(typeof answer.body.message, 'string');
      assert.match(answer.body.requestId as string, /^req-/);
    }
    assert.notEqual(sandbox.sandbox.getUser('closed-user')!.city, 'Closed');
    for (const { logs } of closed.instances) {
      assert.ok(logs.some((e) => e.problem === 'the store could not be reached; failing closed'));
    }
    // Each instance said once that the store went away.
    for (const pair of pairs) {
      for (const { logs } of pair.instances) {
        assert.equal(logs.filter((e) => e.problem === 'the store cannot be reached').length, 1);
      }
    }

    await redis.restart();
    await eventually(
      async () =>
        [...(await readiness(open)), ...(await readiness(closed))].every((s) => s === 200),
      'became ready again',
    );
    assert.equal((await patchProfile(closed.api, closedToken, { city: 'Closed' })).status, 200);
    // The limit is shared again (Redis came back empty).
    const token = await tokenFor('after-user');
    const statuses = [];
    for (let i = 0; i < LIMIT + 1; i++) {
      statuses.push((await patchProfile(closed.api, token, { city: `After ${i}` })).status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 429]);

    for (const pair of pairs) {
      assert.deepEqual(
        pair.lines().filter((e) => (e.status ?? 0) >= 500 && e.status !== 503),
        [],
        'never a 500',
      );
    }
  });
});
