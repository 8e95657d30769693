/**
 * The BFF keeps no state between requests, so it scales out: two instances with the same secrets
 * behind a round-robin proxy (no sticky sessions), one sandbox, all on 127.0.0.1 with free ports.
 * Saves land whichever instance answers, one token works on both, and a retry of the same
 * Idempotency-Key through the other instance is applied once.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  createNodeBff,
  mintEmbedToken,
  serveApp,
  type NodeBff,
  type RunningServer,
} from '../../bff/index.js';
import { serveSandbox, type RunningSandbox } from '../../sandbox/index.js';
import { startRoundRobin, type RoundRobinProxy } from './support/round-robin.js';
import { bffOptions, patchProfile, SESSION_SECRET, USER } from './support/partner.js';

let sandbox: RunningSandbox;
const instances: { bff: NodeBff; server: RunningServer }[] = [];
let proxy: RoundRobinProxy;
let token: string;
const api = () => `${proxy.url}/api`;

describe('two BFF instances behind a round-robin proxy', { timeout: 30_000 }, () => {
  before(async () => {
    sandbox = await serveSandbox({ port: 0, logger: () => {} });
    for (let i = 0; i < 2; i++) {
      // Identical configuration, as each instance would read from its own environment.
      const bff = createNodeBff(bffOptions(sandbox.url));
      instances.push({ bff, server: await serveApp(bff.app, { port: 0 }) });
    }
    proxy = await startRoundRobin(instances.map((instance) => instance.server.url));
    token = await mintEmbedToken({ secret: SESSION_SECRET, externalId: USER });
  });

  after(async () => {
    await proxy?.close();
    for (const { bff, server } of instances) {
      await server.close();
      await bff.close();
    }
    await sandbox?.close();
  });

  beforeEach(() => {
    sandbox.sandbox.reset();
    proxy.servedBy.length = 0;
  });

  it('lands every save, whichever instance answers, with one token minted once', async () => {
    const edits = [
      { city: 'Ottawa' },
      { occupation: 'Architect' },
      { addressLine2: null },
      { firstName: 'Janet' },
    ];
    for (const edit of edits) {
      const answer = await patchProfile(api(), token, edit);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.externalId, USER);
    }
    assert.deepEqual(proxy.servedBy, [0, 1, 0, 1]);
    const stored = sandbox.sandbox.getUser(USER)!;
    assert.deepEqual(
      [stored.city, stored.occupation, stored.addressLine2, stored.firstName],
      ['Ottawa', 'Architect', null, 'Janet'],
    );
    assert.equal(sandbox.sandbox.stats().applied, 4);
  });

  it('applies once a save retried through the other instance after its answer was lost', async () => {
    const key = crypto.randomUUID();
    const edit = { city: 'Montréal', province: 'QC', postalCode: 'H2X 1Y4' };
    // The sandbox applies the change, then loses every answer: the first instance's own
    // retries (same key) are replayed, not applied again, and it finally gives up.
    const lost = sandbox.sandbox.injectFault({
      kind: 'drop',
      phase: 'after',
      method: 'PATCH',
      times: Infinity,
    });
    const failed = await patchProfile(api(), token, edit, { key });
    lost.cancel();
    assert.ok(failed.status >= 500, `status ${failed.status}`);
    assert.equal(sandbox.sandbox.appliedCount(key), 1);

    // The browser retries the same changes with the same key; the other instance takes it.
    const retried = await patchProfile(api(), token, edit, { key });
    assert.equal(retried.status, 200, JSON.stringify(retried.body));
    assert.deepEqual(proxy.servedBy, [0, 1]);
    assert.equal(sandbox.sandbox.appliedCount(key), 1);
    assert.equal(sandbox.sandbox.stats().duplicateApplications, 0);
    assert.ok(sandbox.sandbox.stats().replayed >= 1);
    assert.equal(sandbox.sandbox.getUser(USER)?.city, 'Montréal');
  });

  it('replays the first answer when the same key comes again through the other instance', async () => {
    const key = crypto.randomUUID();
    const first = await patchProfile(api(), token, { occupation: 'Pilot' }, { key });
    const second = await patchProfile(api(), token, { occupation: 'Pilot' }, { key });
    assert.deepEqual(proxy.servedBy, [0, 1]);
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    assert.deepEqual(second.body, first.body);
    assert.equal(sandbox.sandbox.appliedCount(key), 1);
    assert.equal(sandbox.sandbox.stats().applied, 1);
  });

  it('refuses a token minted with another secret on both instances', async () => {
    const foreign = await mintEmbedToken({ secret: 'z'.repeat(40), externalId: USER });
    for (let i = 0; i < 2; i++) {
      const answer = await patchProfile(api(), foreign, { city: 'Laval' });
      assert.equal(answer.status, 401);
    }
    assert.deepEqual(proxy.servedBy, [0, 1]);
    assert.equal(sandbox.sandbox.stats().applied, 0);
  });
});
