/**
 * examples/hono.ts: the BFF mounted in a Hono portal with `portal.route('/', bff.app)`, served on
 * 127.0.0.1 with a free port, against the sandbox. An edit saves end to end with a token the
 * portal minted; the portal's own pages stay its own.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { serveApp, type RunningServer } from '../../bff/index.js';
import { serveSandbox, type RunningSandbox } from '../../sandbox/index.js';
import { createHonoPortal } from '../../examples/hono.js';
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
let server: RunningServer;
let closeBff: () => Promise<void>;

describe('the BFF in a Hono app (examples/hono.ts)', { timeout: 30_000 }, () => {
  before(ensureElementBuilt, { timeout: 120_000 });
  before(async () => {
    sandbox = await serveSandbox({ port: 0, logger: () => {} });
    const { portal, close } = createHonoPortal({
      bff: bffOptions(sandbox.url),
      userOf: (c) => (c.req.header('x-test-user') === 'jane' ? USER : undefined),
    });
    closeBff = close;
    server = await serveApp(portal, { port: 0, hostname: '127.0.0.1' });
  });

  after(async () => {
    await server?.close();
    await closeBff?.();
    await sandbox?.close();
  });

  it('saves an edit end to end with a token the portal minted', async () => {
    const minted = await fetch(`${server.url}/embed-token`, {
      method: 'POST',
      headers: { 'x-test-user': 'jane' },
    });
    const token = await assertTokenAnswer(minted, SESSION_SECRET, USER);
    assert.equal((await getProfile(`${server.url}/api`, token)).body.city, 'Toronto');

    const key = crypto.randomUUID();
    const saved = await patchProfile(
      `${server.url}/api`,
      token,
      { city: 'Québec', province: 'QC', postalCode: 'G1R 4P5' },
      { key },
    );
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.externalId, USER);
    assert.equal(saved.headers.get('access-control-allow-origin'), PORTAL_ORIGIN);
    assert.match(saved.headers.get('x-request-id') ?? '', /^req-/);
    const stored = sandbox.sandbox.getUser(USER);
    assert.deepEqual(
      [stored?.city, stored?.province, stored?.postalCode],
      ['Québec', 'QC', 'G1R 4P5'],
    );
    assert.equal(sandbox.sandbox.appliedCount(key), 1);
    assert.equal((await getProfile(`${server.url}/api`, token)).body.city, 'Québec');
  });

  it('relays the upstream’s refusal in the same error shape', async () => {
    const minted = await fetch(`${server.url}/embed-token`, {
      method: 'POST',
      headers: { 'x-test-user': 'jane' },
    });
    const { token } = (await minted.json()) as { token: string };
    const minor = await patchProfile(`${server.url}/api`, token, { dateOfBirth: '2020-01-01' });
    assert.equal(minor.status, 422);
    assert.equal(minor.body.error, 'unprocessable_entity');
    assert.match(String(minor.body.requestId), /^req-/);
    assert.equal(sandbox.sandbox.getUser(USER)?.dateOfBirth, '1990-05-15');
  });

  it('leaves the portal’s pages alone and refuses anonymous token requests', async () => {
    const page = await fetch(`${server.url}/`);
    assert.match(await page.text(), /<boca-user-profile api-base="\/api">/);
    assert.equal(page.headers.get('x-request-id'), null);
    const anonymous = await fetch(`${server.url}/embed-token`, { method: 'POST' });
    assert.equal(anonymous.status, 401);
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  });

  it('serves the element from the installed package, hashed, pinned and cached for good', async () => {
    await assertServesElement(`${server.url}/`);
  });
});
