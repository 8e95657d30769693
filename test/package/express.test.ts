/**
 * examples/express.ts: the BFF mounted in an Express 5 server, on 127.0.0.1 with a free port,
 * against the sandbox. An edit saves end to end with a token the portal minted, and the portal's
 * own routes and body parser keep working around the BFF.
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { mintEmbedToken } from '../../bff/index.js';
import { serveSandbox, type RunningSandbox } from '../../sandbox/index.js';
import { createExpressPortal } from '../../examples/express.js';
import {
  bffOptions,
  getProfile,
  patchProfile,
  PORTAL_ORIGIN,
  SESSION_SECRET,
  USER,
} from './support/partner.js';
import { assertServesElement, ensureElementBuilt } from './support/element-asset.js';
import { assertTokenAnswer } from './support/token-contract.js';

let sandbox: RunningSandbox;
let server: Server;
let closeBff: () => Promise<void>;
let url: string;

describe('the BFF in an Express 5 server (examples/express.ts)', { timeout: 30_000 }, () => {
  before(ensureElementBuilt, { timeout: 120_000 });
  before(async () => {
    sandbox = await serveSandbox({ port: 0, logger: () => {} });
    const { portal, close } = createExpressPortal({
      bff: bffOptions(sandbox.url),
      userOf: (req) => (req.get('x-test-user') === 'jane' ? USER : undefined),
    });
    closeBff = close;
    server = portal.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await closeBff?.();
    await sandbox?.close();
  });

  it('saves an edit end to end with a token the portal minted', async () => {
    const minted = await fetch(`${url}/embed-token`, {
      method: 'POST',
      headers: { 'x-test-user': 'jane', 'content-type': 'application/json' },
      body: '{}',
    });
    const token = await assertTokenAnswer(minted, SESSION_SECRET, USER);

    const before = await getProfile(`${url}/api`, token);
    assert.equal(before.status, 200);
    assert.equal(before.body.city, 'Toronto');

    const key = crypto.randomUUID();
    const saved = await patchProfile(`${url}/api`, token, { city: 'Ottawa' }, { key });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.externalId, USER);
    assert.equal(saved.headers.get('access-control-allow-origin'), PORTAL_ORIGIN);
    assert.equal(sandbox.sandbox.getUser(USER)?.city, 'Ottawa');
    assert.equal(sandbox.sandbox.appliedCount(key), 1);
    // The portal's records followed the save (onProfileUpdated), so a reload shows it.
    assert.equal((await getProfile(`${url}/api`, token)).body.city, 'Ottawa');
  });

  it('takes a token from mintEmbedToken directly, and refuses a missing or foreign one', async () => {
    const token = await mintEmbedToken({ secret: SESSION_SECRET, externalId: USER });
    assert.equal(
      (await patchProfile(`${url}/api`, token, { occupation: 'Architect' })).status,
      200,
    );
    assert.equal(sandbox.sandbox.getUser(USER)?.occupation, 'Architect');

    const missing = await patchProfile(`${url}/api`, undefined, { city: 'Laval' });
    assert.equal(missing.status, 401);
    assert.equal(missing.body.error, 'unauthorized');
    const foreign = await mintEmbedToken({ secret: 'x'.repeat(40), externalId: USER });
    assert.equal((await patchProfile(`${url}/api`, foreign, { city: 'Laval' })).status, 401);
    assert.notEqual(sandbox.sandbox.getUser(USER)?.city, 'Laval');
  });

  it('answers with the BFF’s own errors: a bad field, a foreign origin', async () => {
    const token = await mintEmbedToken({ secret: SESSION_SECRET, externalId: USER });
    const bad = await patchProfile(`${url}/api`, token, { postalCode: '12345' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error, 'bad_request');
    assert.deepEqual(
      (bad.body.fieldErrors as { field: string }[]).map((e) => e.field),
      ['postalCode'],
    );
    const foreign = await patchProfile(
      `${url}/api`,
      token,
      { city: 'Laval' },
      {
        origin: 'https://evil.example',
      },
    );
    assert.equal(foreign.status, 403);
    assert.equal(foreign.body.error, 'forbidden');
  });

  it('leaves the portal’s own routes and JSON body parser working', async () => {
    const page = await fetch(`${url}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<boca-user-profile api-base="\/api">/);
    const anonymous = await fetch(`${url}/embed-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(anonymous.status, 401);
    assert.deepEqual(await anonymous.json(), { error: 'sign in first' });
    assert.equal((await fetch(`${url}/healthz`)).status, 200);
  });

  it('serves the element from the installed package, hashed, pinned and cached for good', async () => {
    await assertServesElement(`${url}/`);
  });
});
