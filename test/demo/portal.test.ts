import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createExchangeLog } from '../../demo/exchanges.js';
import { createPortalRoutes, type PortalOptions } from '../../demo/portal.js';
import { createRecords } from '../../demo/records.js';
import { createScenarios, type FaultControl } from '../../demo/scenarios.js';
import type { EmbedTokenResponse } from '../../contract/embed-token.js';
import type { PortalConfig, ScenarioAnswer } from '../../demo/shared.js';
import { DEMO_USERS } from '../../demo/users.js';

const ORIGIN = 'http://127.0.0.1:8787';

function setup(overrides: Partial<PortalOptions> = {}) {
  const minted: { externalId: string; expired: boolean }[] = [];
  const faults: string[] = [];
  const control: FaultControl = {
    answerNext: (status) => void faults.push(`answer ${status}`),
    stallNext: (ms) => void faults.push(`stall ${ms}`),
    clearFaults: () => void faults.push('clear'),
  };
  let resets = 0;
  const records = createRecords(DEMO_USERS);
  const app = createPortalRoutes({
    records,
    mintToken: async (externalId, { expired = false } = {}) => {
      minted.push({ externalId, expired });
      const token = `token-for-${externalId}${expired ? '-expired' : ''}`;
      return { token, expiresAt: '1970-01-01T00:00:01Z' };
    },
    scenarios: createScenarios(control, { upstreamTimeoutMs: 10_000 }),
    resetSandbox: () => void resets++,
    log: createExchangeLog({ secrets: [] }),
    upstreamTimeoutMs: 10_000,
    allowedOrigins: [ORIGIN],
    ...overrides,
  });
  const post = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json', ...headers },
      body: body === undefined ? null : JSON.stringify(body),
    });
  return { app, post, minted, faults, records, resets: () => resets };
}

describe('the portal’s own endpoints', () => {
  it('describes the signed-in user, the demo users and the outcomes', async () => {
    const { app } = setup();
    const config = (await (await app.request('/config')).json()) as PortalConfig;
    assert.equal(config.signedIn.externalId, 'partner-user-42');
    assert.equal(config.signedIn.name, 'Jane Doe');
    assert.equal(config.users.length, DEMO_USERS.length);
    assert.equal(config.sandbox, true);
    assert.equal(config.scenarios.length, 6);
    assert.equal(config.armed, null);
  });

  it('mints an embed token for whoever the portal has signed in, never one the page names', async () => {
    const { post, minted } = setup();
    const first = (await (
      await post('/embed-token', { externalId: 'partner-user-108' })
    ).json()) as EmbedTokenResponse;
    assert.deepEqual(Object.keys(first).sort(), ['expiresAt', 'token']);
    assert.equal(first.token, 'token-for-partner-user-42');
    assert.equal(first.expiresAt, '1970-01-01T00:00:01Z');
    assert.deepEqual(minted, [{ externalId: 'partner-user-42', expired: false }]);
  });

  it('signs in as another demo user with an HttpOnly cookie, then mints for that user', async () => {
    const { post } = setup();
    const signIn = await post('/sign-in', { externalId: 'partner-user-77' });
    assert.equal(signIn.status, 200);
    const cookie = signIn.headers.get('set-cookie')!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    assert.equal(((await signIn.json()) as PortalConfig).signedIn.name, 'Étienne Tremblay');
    const session = await post('/embed-token', undefined, { cookie: cookie.split(';')[0]! });
    assert.equal(((await session.json()) as EmbedTokenResponse).token, 'token-for-partner-user-77');
  });

  it('refuses an unknown user, a body that is not JSON and a foreign origin', async () => {
    const { post } = setup();
    assert.equal((await post('/sign-in', { externalId: 'someone-else' })).status, 404);
    assert.equal((await post('/sign-in', ['partner-user-77'])).status, 400);
    assert.equal(
      (await post('/sign-in', { externalId: 'partner-user-77' }, { 'content-type': 'text/plain' }))
        .status,
      415,
    );
    const foreign = await post('/embed-token', undefined, { origin: 'https://evil.example' });
    assert.equal(foreign.status, 403);
    assert.deepEqual(await foreign.json(), { message: 'Origin not allowed' });
  });

  it('arms an outcome for the next save, disarms it, and refuses an unknown one', async () => {
    const { app, post, faults } = setup();
    const armed = (await (
      await post('/scenario', { name: 'rate-limit' })
    ).json()) as ScenarioAnswer;
    assert.equal(armed.armed, 'rate-limit');
    assert.match(armed.message, /Rate limited/);
    assert.deepEqual(faults, ['clear', 'answer 429']);
    const exchanges = (await (await app.request('/exchanges')).json()) as { armed: string };
    assert.equal(exchanges.armed, 'rate-limit');

    await post('/scenario', { name: null });
    assert.equal(((await (await app.request('/config')).json()) as PortalConfig).armed, null);
    assert.equal((await post('/scenario', { name: 'meteor-strike' })).status, 400);
  });

  it('hands the page an expired token for the expired-session outcome', async () => {
    const { post, minted } = setup();
    const answer = (await (
      await post('/scenario', { name: 'session-expired' })
    ).json()) as ScenarioAnswer;
    assert.equal(answer.token, 'token-for-partner-user-42-expired');
    assert.deepEqual(minted.at(-1), { externalId: 'partner-user-42', expired: true });
  });

  it('resets the sandbox and the portal’s records together', async () => {
    const { post, records, resets } = setup();
    records.update('partner-user-42', { city: 'Ottawa' });
    assert.equal((await post('/reset')).status, 200);
    assert.equal(resets(), 1);
    assert.equal(records.get('partner-user-42')!.profile.city, 'Toronto');
  });

  it('says why there are no outcomes without the sandbox', async () => {
    const note = 'The outcome buttons need the sandbox.';
    const { app, post } = setup({ scenarios: null, resetSandbox: undefined, sandboxNote: note });
    const config = (await (await app.request('/config')).json()) as PortalConfig;
    assert.equal(config.sandbox, false);
    assert.equal(config.sandboxNote, note);
    assert.deepEqual(config.scenarios, []);
    const refused = await post('/scenario', { name: 'rate-limit' });
    assert.equal(refused.status, 404);
    assert.deepEqual(await refused.json(), { message: note });
    assert.equal((await post('/reset')).status, 404);
  });

  it('answers the record of exchanges, or null when nothing changed', async () => {
    const { app } = setup();
    const first = (await (await app.request('/exchanges')).json()) as { version: number };
    const again = await (await app.request(`/exchanges?since=${first.version}`)).json();
    assert.equal((again as { exchanges: unknown }).exchanges, null);
    assert.equal((await app.request('/exchanges', { method: 'DELETE' })).status, 204);
  });
});
