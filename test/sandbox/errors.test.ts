import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorBodySchema } from '../../contract/schemas.js';
import { JANE, readError, REQUEST_ID, setup } from './helpers.js';

describe('every answer', () => {
  it('carries an X-Request-Id of the form req-<uuid>, the same as the error body', async () => {
    const { send } = setup();
    const ok = await send('GET', JANE);
    assert.match(ok.headers.get('X-Request-Id')!, REQUEST_ID);
    const error = await send('GET', '/v1/users/nobody');
    const body = await readError(error);
    assert.match(body.requestId, REQUEST_ID);
    assert.equal(error.headers.get('X-Request-Id'), body.requestId);
    assert.notEqual(ok.headers.get('X-Request-Id'), body.requestId);
  });

  it('is JSON with error, message and requestId when it is an error, with no stack trace', async () => {
    const { send, sandbox } = setup();
    const answers = [
      await sandbox.app.request('/v1/users/partner-user-42'),
      await send('GET', '/v1/users/nobody'),
      await send('PATCH', JANE, { body: '{' }),
      await send('DELETE', JANE),
      await sandbox.app.request('/nowhere'),
    ];
    for (const res of answers) {
      assert.match(res.headers.get('Content-Type')!, /^application\/json/);
      const text = await res.text();
      assert.equal(errorBodySchema.safeParse(JSON.parse(text)).success, true, text);
      assert.doesNotMatch(text, /at .*\.ts:\d+/);
    }
  });
});

describe('routing', () => {
  it('answers 404 JSON for an unknown route', async () => {
    const { sandbox, send } = setup();
    for (const res of [
      await sandbox.app.request('/'),
      await send('GET', '/v1/accounts'),
      await send('GET', '/v2/users/x'),
    ]) {
      assert.equal(res.status, 404);
      assert.equal((await readError(res)).error, 'not_found');
    }
  });

  it('answers 405 JSON with Allow for a method a path does not take', async () => {
    const { send } = setup();
    const put = await send('PUT', JANE, { body: { city: 'Ottawa' } });
    assert.equal(put.status, 405);
    assert.equal(put.headers.get('Allow'), 'GET, PATCH');
    assert.equal((await readError(put)).error, 'method_not_allowed');
    const del = await send('DELETE', '/v1/users');
    assert.equal(del.status, 405);
    assert.equal(del.headers.get('Allow'), 'POST');
    assert.equal((await send('GET', '/v1/users')).status, 405);
  });

  it('answers 500 internal_error, with a requestId and no detail, when something breaks', async () => {
    const { send } = setup({
      hmac: () => {
        throw new Error('secret detail that must not leak');
      },
    });
    const originalError = console.error;
    console.error = () => {};
    try {
      const res = await send('GET', JANE);
      assert.equal(res.status, 500);
      const text = await res.text();
      assert.doesNotMatch(text, /secret detail/);
      const body = JSON.parse(text);
      assert.equal(body.error, 'internal_error');
      assert.match(body.requestId, REQUEST_ID);
    } finally {
      console.error = originalError;
    }
  });
});
