import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Profile } from '../../contract/profile.js';
import { SEED_PROFILE } from '../../sandbox/seed.js';
import { makeBff, USER } from './harness.js';

const JANE: Profile = { ...SEED_PROFILE };

describe('GET /api/profile', () => {
  it("answers the token user's profile from loadProfile", async () => {
    const asked: string[] = [];
    const t = makeBff({
      loadProfile: async (externalId) => {
        asked.push(externalId);
        return JANE;
      },
    });
    const response = await t.get();
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), JANE);
    assert.deepEqual(asked, [USER]);
    assert.equal(t.api.requests.length, 0);
  });

  it('answers the twelve fields and nothing else the record holds', async () => {
    const record = { ...JANE, passwordHash: '$2b$10$abc', internalNotes: 'vip' };
    delete (record as Partial<Profile>).occupation;
    const t = makeBff({ loadProfile: async () => record });
    const body = await (await t.get()).json();
    assert.deepEqual(Object.keys(body).sort(), Object.keys(JANE).sort());
    assert.equal(body.occupation, null);
  });

  it('answers 404 when the partner has no record', async () => {
    for (const none of [null, undefined]) {
      const t = makeBff({ loadProfile: async () => none });
      const response = await t.get();
      assert.equal(response.status, 404);
      assert.equal((await response.json()).error, 'not_found');
    }
  });

  it('answers 501 when no loadProfile hook is configured', async () => {
    const t = makeBff();
    const response = await t.get();
    assert.equal(response.status, 501);
    assert.equal((await response.json()).error, 'not_implemented');
  });

  it('checks Origin and token first', async () => {
    let called = false;
    const t = makeBff({ loadProfile: async () => ((called = true), JANE) });
    assert.equal((await t.get({ origin: 'https://evil.example' })).status, 403);
    assert.equal((await t.get({ token: null })).status, 401);
    assert.equal((await t.get({ token: 'x.y.z' })).status, 401);
    assert.equal(called, false);
    assert.equal((await makeBff().get({ token: null })).status, 401);
  });

  it('answers 500 without details when loadProfile fails, and logs only the class', async () => {
    const t = makeBff({
      loadProfile: async () => {
        throw new Error('no row for jane.doe@example.com');
      },
    });
    const response = await t.get();
    assert.equal(response.status, 500);
    const body = await response.json();
    assert.equal(body.error, 'internal_error');
    assert.doesNotMatch(JSON.stringify(body), /jane|row|at /);
    assert.equal(t.logs[0]?.problem, 'loadProfile failed');
    assert.equal(t.logs[0]?.errorName, 'Error');
    assert.doesNotMatch(JSON.stringify(t.logs), /jane/);
  });

  it('answers HEAD like GET, without a body', async () => {
    const t = makeBff({ loadProfile: async () => JANE });
    const response = await t.request('/api/profile', {
      method: 'HEAD',
      headers: await t.headersFor({}),
    });
    assert.equal(response.status, 200);
    assert.equal(await response.text(), '');
  });
});

describe('the other routes', () => {
  it('GET /healthz answers 200 {status: ok}, without token or origin', async () => {
    const t = makeBff();
    const response = await t.request('/healthz');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
  });

  it('answers 405 with Allow to other methods on known routes', async () => {
    const t = makeBff();
    for (const [path, method, allow] of [
      ['/api/profile', 'POST', 'GET, PATCH, OPTIONS'],
      ['/api/profile', 'DELETE', 'GET, PATCH, OPTIONS'],
      ['/api/profile', 'PUT', 'GET, PATCH, OPTIONS'],
      ['/healthz', 'POST', 'GET'],
    ] as const) {
      const response = await t.request(path, { method });
      assert.equal(response.status, 405, `${method} ${path}`);
      assert.equal(response.headers.get('allow'), allow);
      assert.equal((await response.json()).error, 'method_not_allowed');
    }
  });

  it('answers a JSON 404 anywhere else', async () => {
    const t = makeBff();
    for (const path of ['/api', '/api/', '/api/users/partner-user-42', '/v1/users/x', '/']) {
      const response = await t.request(path, { method: 'PATCH' });
      assert.equal(response.status, 404, path);
      const body = await response.json();
      assert.equal(body.error, 'not_found');
      assert.equal(body.requestId, response.headers.get('x-request-id'));
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    }
  });

  it('serves under another basePath', async () => {
    const t = makeBff({ basePath: '/boca/v2' });
    assert.equal((await t.request('/api/profile', { method: 'PATCH' })).status, 404);
    const response = await t.request('/boca/v2/profile', {
      method: 'PATCH',
      headers: { ...(await t.headersFor({})), 'Content-Type': 'application/json' },
      body: '{"city":"Toronto"}',
    });
    assert.equal(response.status, 200);
  });
});
