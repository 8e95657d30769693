import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AUTH_MESSAGES } from '../../sandbox/auth.js';
import { seedUsers } from '../../sandbox/users.js';
import { EXAMPLE_BODY, JANE, readError, setup, T0 } from './helpers.js';

const DOC_SIGNATURE = '36c4fb37e47df28866df847b6beb06625bbb1b45a1d3010df194cb5c3b6fc653';

async function expect401(res: Response, message: string) {
  assert.equal(res.status, 401);
  const body = await readError(res);
  assert.equal(body.error, 'unauthorized');
  assert.equal(body.message, message);
}

describe('when a request is signed as documented', () => {
  it('accepts the documentation example with its published signature', async () => {
    const { sandbox } = setup();
    const res = await sandbox.app.request(JANE, {
      method: 'PATCH',
      headers: {
        'Content-Type': 'application/json',
        'X-Api-Key': 'sandbox-api-key',
        'X-Request-Timestamp': '2026-03-13T12:00:00Z',
        'X-Request-Signature': DOC_SIGNATURE,
      },
      body: EXAMPLE_BODY,
    });
    assert.equal(res.status, 200);
    assert.equal(sandbox.getUser('partner-user-42')?.addressLine1, '456 Queen St W');
    assert.equal(sandbox.getUser('partner-user-42')?.postalCode, 'M5V 1Z8');
  });

  it('accepts a timestamp exactly 60 s away, on either side', async () => {
    const { send } = setup();
    for (const offset of [-60_000, 60_000]) {
      const timestamp = new Date(T0 + offset).toISOString();
      assert.equal((await send('GET', JANE, { timestamp })).status, 200);
    }
  });

  it('verifies the path exactly as sent, percent-encoding and its case included', async () => {
    const cafe = { ...seedUsers()[0]!, externalId: 'café-user', userId: undefined };
    const { send } = setup({ users: [...seedUsers(), cafe] });
    assert.equal((await send('GET', '/v1/users/caf%C3%A9-user')).status, 200);
    assert.equal((await send('GET', '/v1/users/caf%c3%a9-user')).status, 200);
    const decoded = await send('GET', '/v1/users/caf%C3%A9-user', {
      sign: { path: '/v1/users/café-user' },
    });
    await expect401(decoded, AUTH_MESSAGES.signature);
    const recased = await send('GET', '/v1/users/caf%c3%a9-user', {
      sign: { path: '/v1/users/caf%C3%A9-user' },
    });
    await expect401(recased, AUTH_MESSAGES.signature);
  });

  it('signs the query too', async () => {
    const { send } = setup();
    assert.equal((await send('GET', `${JANE}?expand=none`)).status, 200);
    const res = await send('GET', `${JANE}?expand=none`, { sign: { path: JANE } });
    await expect401(res, AUTH_MESSAGES.signature);
  });
});

describe('when authentication fails, it answers 401 unauthorized', () => {
  it('for a missing X-Api-Key', async () => {
    const { send } = setup();
    await expect401(
      await send('GET', JANE, { headers: { 'X-Api-Key': undefined } }),
      AUTH_MESSAGES.apiKey,
    );
  });

  it('for a wrong X-Api-Key, even one that only differs in its last character', async () => {
    const { send } = setup();
    for (const key of ['sandbox-api-kez', 'Sandbox-api-key', 'sandbox-api-key-2', 'nope']) {
      await expect401(
        await send('GET', JANE, { headers: { 'X-Api-Key': key } }),
        AUTH_MESSAGES.apiKey,
      );
    }
  });

  it('for a missing or unparseable timestamp', async () => {
    const { send } = setup();
    const missing = await send('GET', JANE, { headers: { 'X-Request-Timestamp': undefined } });
    await expect401(missing, AUTH_MESSAGES.timestamp);
    for (const timestamp of [
      'yesterday',
      '2026-03-13 12:00:00',
      '2026-02-30T12:00:00Z',
      '1773403200',
    ]) {
      await expect401(await send('GET', JANE, { timestamp }), AUTH_MESSAGES.timestamp);
    }
  });

  it('for a timestamp more than 60 s from the clock, in the past or the future', async () => {
    const { send } = setup();
    for (const offset of [-61_000, 61_000, -3_600_000]) {
      const timestamp = new Date(T0 + offset).toISOString();
      await expect401(await send('GET', JANE, { timestamp }), AUTH_MESSAGES.stale);
    }
  });

  it('for a timestamp that was fresh when signed but is stale when it arrives', async () => {
    const { send, clock } = setup();
    const timestamp = '2026-03-13T12:00:00Z';
    clock.advance(61_000);
    await expect401(await send('GET', JANE, { timestamp }), AUTH_MESSAGES.stale);
  });

  it('for a missing or malformed signature', async () => {
    const { send } = setup();
    const missing = await send('GET', JANE, { headers: { 'X-Request-Signature': undefined } });
    await expect401(missing, AUTH_MESSAGES.signatureFormat);
    for (const signature of [
      DOC_SIGNATURE.toUpperCase(),
      DOC_SIGNATURE.slice(1),
      `${DOC_SIGNATURE}0`,
      'z'.repeat(64),
    ]) {
      const res = await send('GET', JANE, { headers: { 'X-Request-Signature': signature } });
      await expect401(res, AUTH_MESSAGES.signatureFormat);
    }
  });

  it('for a signature made with another secret', async () => {
    const { send } = setup();
    await expect401(
      await send('GET', JANE, { sign: { secret: 'not-the-secret' } }),
      AUTH_MESSAGES.signature,
    );
  });

  it('for a signature over another method', async () => {
    const { send } = setup();
    await expect401(
      await send('GET', JANE, { sign: { method: 'PATCH' } }),
      AUTH_MESSAGES.signature,
    );
  });

  it('for a signature over the same JSON serialised with different spacing', async () => {
    const { send, sandbox } = setup();
    const spaced = JSON.stringify(JSON.parse(EXAMPLE_BODY), null, 1);
    const res = await send('PATCH', JANE, { body: spaced, sign: { body: EXAMPLE_BODY } });
    await expect401(res, AUTH_MESSAGES.signature);
    assert.equal(sandbox.getUser('partner-user-42')?.city, 'Toronto');
    assert.equal(sandbox.appliedCount(), 0);
  });

  it('for a signature over the body as text when other bytes were sent (é composed vs decomposed)', async () => {
    const { send } = setup();
    const res = await send('PATCH', JANE, {
      body: '{"city":"Montre\u0301al"}',
      sign: { body: '{"city":"Montréal"}' },
    });
    await expect401(res, AUTH_MESSAGES.signature);
  });

  it('before anything else: an unsigned request to an unknown user is 401, not 404', async () => {
    const { sandbox } = setup();
    const res = await sandbox.app.request('/v1/users/nobody');
    await expect401(res, AUTH_MESSAGES.apiKey);
  });

  it('with another configured API key and secret, the defaults no longer work', async () => {
    const { send } = setup({ apiKey: 'partner-key', signingSecret: 'partner-secret' });
    await expect401(await send('GET', JANE), AUTH_MESSAGES.apiKey);
    const ok = await send('GET', JANE, {
      headers: { 'X-Api-Key': 'partner-key' },
      sign: { secret: 'partner-secret' },
    });
    assert.equal(ok.status, 200);
  });
});
