import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mintEmbedToken } from '../../bff/token.js';
import { expectError, makeBff, PORTAL, rawPatch } from './harness.js';

/** A stream of `count` chunks of `size` bytes that records how far it was read. */
function countingStream(count: number, size: number) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled === count) return controller.close();
      state.pulled++;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

describe('PATCH /api/profile checks of the request, in order', () => {
  describe('Origin', () => {
    it('refuses an origin that is not allowed with 403 before anything else', async () => {
      const t = makeBff();
      for (const origin of [
        'https://evil.example',
        'null',
        'https://portal.example.com.evil.test',
      ]) {
        const response = await t.patch('not json', { origin, token: 'garbage' });
        await expectError(response, 403, 'forbidden');
        assert.equal(response.headers.get('access-control-allow-origin'), null);
      }
      assert.equal(t.api.requests.length, 0);
    });

    it('lets a request without Origin through to the token check', async () => {
      const t = makeBff();
      assert.equal((await t.patch({ city: 'Toronto' }, { origin: null })).status, 200);
      await expectError(
        await t.patch({ city: 'Toronto' }, { origin: null, token: null }),
        401,
        'unauthorized',
      );
    });

    it('answers an allowed origin with its CORS headers', async () => {
      const t = makeBff();
      const response = await t.patch({ city: 'Toronto' });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('access-control-allow-origin'), PORTAL);
    });
  });

  describe('embed token', () => {
    it('answers 401 with WWW-Authenticate when it is missing, and logs why', async () => {
      const t = makeBff();
      const response = await t.patch({ city: 'Toronto' }, { token: null });
      await expectError(response, 401, 'unauthorized');
      assert.equal(response.headers.get('www-authenticate'), 'Bearer');
      assert.equal(t.logs[0]?.token, 'missing');
      assert.equal(t.api.requests.length, 0);
    });

    it('answers 401 to another scheme, a bad token and another secret', async () => {
      const t = makeBff();
      const other = await mintEmbedToken({ secret: 'x'.repeat(32), externalId: 'partner-user-42' });
      for (const authorization of [
        'Basic dXNlcjpwYXNz',
        'Bearer',
        'Bearer a.b.c',
        `Bearer ${other}`,
      ]) {
        const response = await t.request('/api/profile', {
          method: 'PATCH',
          headers: {
            Origin: PORTAL,
            Authorization: authorization,
            'Content-Type': 'application/json',
          },
          body: '{"city":"Toronto"}',
        });
        await expectError(response, 401, 'unauthorized');
        assert.equal(response.headers.get('www-authenticate'), 'Bearer error="invalid_token"');
      }
      assert.deepEqual(
        t.logs.map((l) => l.token),
        ['malformed', 'malformed', 'malformed', 'signature'],
      );
      assert.equal(t.api.requests.length, 0);
    });

    it('accepts a token expired within the leeway and refuses one beyond it', async () => {
      const t = makeBff();
      const token = await t.token();
      t.clock.advance(604_000);
      assert.equal((await t.patch({ city: 'Toronto' }, { token })).status, 200);
      t.clock.advance(2_000);
      await expectError(await t.patch({ city: 'Toronto' }, { token }), 401, 'unauthorized');
      assert.equal(t.logs.at(-1)?.token, 'expired');
    });

    it('checks the token before the body', async () => {
      const t = makeBff();
      const response = await rawPatch(t, 'x', {
        Authorization: 'Bearer nope',
        'Content-Type': 'text/plain',
      });
      await expectError(response, 401, 'unauthorized');
    });

    it("edits only the token's user, whatever the body says", async () => {
      const t = makeBff();
      const token = await t.token('partner-user-43');
      assert.equal((await t.patch({ city: 'Toronto' }, { token })).status, 200);
      const body = await expectError(
        await t.patch({ city: 'Toronto', externalId: 'partner-user-42' }, { token }),
        400,
        'bad_request',
      );
      assert.deepEqual(body.fieldErrors, [{ field: 'externalId', message: 'Cannot be changed' }]);
      assert.deepEqual(
        t.api.requests.map((r) => r.path),
        ['/v1/users/partner-user-43'],
      );
    });
  });

  describe('Content-Type', () => {
    it('answers 415 when it is missing, not JSON, not UTF-8 or compressed', async () => {
      const t = makeBff();
      const bytes = new TextEncoder().encode('{"city":"Toronto"}');
      await expectError(await rawPatch(t, bytes, {}), 415, 'unsupported_media_type');
      const wrong: Record<string, string>[] = [
        { 'Content-Type': 'text/plain' },
        { 'Content-Type': 'application/x-www-form-urlencoded' },
        { 'Content-Type': 'application/json-patch+json' },
        { 'Content-Type': 'application/json; charset=iso-8859-1' },
        { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      ];
      for (const headers of wrong) {
        await expectError(await rawPatch(t, bytes, headers), 415, 'unsupported_media_type');
      }
      assert.equal(t.api.requests.length, 0);
    });

    it('accepts application/json with a UTF-8 charset, in any case', async () => {
      const t = makeBff();
      for (const type of ['application/json; charset=utf-8', 'Application/JSON;charset="UTF-8"']) {
        assert.equal(
          (await rawPatch(t, '{"city":"Toronto"}', { 'Content-Type': type })).status,
          200,
        );
      }
    });

    it('checks the type before the size', async () => {
      const t = makeBff();
      const response = await rawPatch(t, 'x'.repeat(20_000), { 'Content-Type': 'text/plain' });
      await expectError(response, 415, 'unsupported_media_type');
    });
  });

  describe('size', () => {
    const json = { 'Content-Type': 'application/json' };

    it('refuses a declared length over 16 KiB before reading a byte', async () => {
      const t = makeBff();
      const { stream, state } = countingStream(20, 1024);
      const response = await rawPatch(t, stream, { ...json, 'Content-Length': '16385' });
      await expectError(response, 413, 'payload_too_large');
      assert.equal(response.headers.get('connection'), 'close');
      assert.ok(state.pulled <= 1, `read ${state.pulled} chunks`);
    });

    it('stops reading a chunked body at the limit when there is no length', async () => {
      const t = makeBff();
      const { stream, state } = countingStream(1024, 1024);
      await expectError(await rawPatch(t, stream, json), 413, 'payload_too_large');
      assert.ok(state.pulled <= 18, `read ${state.pulled} chunks`);
      assert.equal(state.cancelled, true);
    });

    it('counts the bytes whatever a small Content-Length claims', async () => {
      const t = makeBff();
      const { stream } = countingStream(20, 1024);
      const response = await rawPatch(t, stream, { ...json, 'Content-Length': '10' });
      await expectError(response, 413, 'payload_too_large');
      assert.equal(t.api.requests.length, 0);
    });

    it('accepts exactly 16 KiB and refuses one byte more', async () => {
      const t = makeBff();
      const body = '{"city":"Toronto"}';
      const padded = body + ' '.repeat(16_384 - body.length);
      assert.equal((await rawPatch(t, padded, json)).status, 200);
      await expectError(await rawPatch(t, `${padded} `, json), 413, 'payload_too_large');
    });

    it('answers 400 to a Content-Length that is not a number', async () => {
      const t = makeBff();
      const { stream } = countingStream(1, 10);
      await expectError(
        await rawPatch(t, stream, { ...json, 'Content-Length': 'ten' }),
        400,
        'bad_request',
      );
    });
  });

  describe('read-only fields', () => {
    const locked = () => makeBff({ readonlyFields: ['dateOfBirth', 'firstName', 'lastName'] });

    it('refuses a change to a read-only field with 400, one entry per field, nothing upstream', async () => {
      const t = locked();
      const body = await expectError(
        await t.patch({ firstName: 'Janet', dateOfBirth: '1990-05-16', city: 'Ottawa' }),
        400,
        'bad_request',
      );
      assert.deepEqual(body.fieldErrors, [
        { field: 'dateOfBirth', message: 'Cannot be changed' },
        { field: 'firstName', message: 'Cannot be changed' },
      ]);
      assert.equal(t.api.requests.length, 0);
    });

    it('reports a read-only field as such, alongside the other bad fields', async () => {
      const t = locked();
      const body = await expectError(
        await t.patch({ lastName: '', email: 'not-an-email' }),
        400,
        'bad_request',
      );
      assert.deepEqual(body.fieldErrors, [
        { field: 'email', message: 'Must be a valid email address' },
        { field: 'lastName', message: 'Cannot be changed' },
      ]);
      assert.equal(t.api.requests.length, 0);
    });

    it('forwards a change that leaves the read-only fields alone', async () => {
      const t = locked();
      assert.equal((await t.patch({ city: 'Ottawa', email: 'jane@example.com' })).status, 200);
      assert.equal(t.api.requests[0]?.bodyText, '{"city":"Ottawa","email":"jane@example.com"}');
    });

    it('locks nothing by default', async () => {
      const t = makeBff();
      assert.equal((await t.patch({ firstName: 'Janet' })).status, 200);
    });
  });
});
