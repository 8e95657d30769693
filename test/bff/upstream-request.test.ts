import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatTimestamp, verifyRequest } from '../../contract/signing.js';
import { nodeHmacSha256 } from '../../contract/signing-node.js';
import type { UpdateUserRequest } from '../../contract/profile.js';
import type { UpdateUserResponse } from '../../contract/api.js';
import { API_KEY, makeBff, SIGNING_SECRET, START } from './harness.js';
import { UPDATED_AT, USER_ID, errorBody } from './fake-partner-api.js';

const SENT_HEADERS = [
  'accept',
  'content-type',
  'idempotency-key',
  'x-api-key',
  'x-request-signature',
  'x-request-timestamp',
];

describe('the request sent to the Partner API', () => {
  it('is a signed PATCH to the encoded path of the token user, with only our headers', async () => {
    const t = makeBff();
    const response = await t.patch(
      { city: 'Montréal' },
      {
        token: await t.token('café-user'),
        headers: {
          Cookie: 'portal_session=s3cr3t',
          'X-Api-Key': 'browser-chosen-key',
          'X-Request-Signature': 'f'.repeat(64),
          'X-Forwarded-For': '203.0.113.9',
          Traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
          'User-Agent': 'Mozilla/5.0',
        },
      },
    );
    assert.equal(response.status, 200);
    const [sent] = t.api.requests;
    assert.ok(sent);
    assert.equal(sent.method, 'PATCH');
    assert.equal(sent.path, '/v1/users/caf%C3%A9-user');
    assert.equal(sent.url, 'https://partner-api.test/v1/users/caf%C3%A9-user');
    assert.deepEqual(Object.keys(sent.headers).sort(), SENT_HEADERS);
    assert.equal(sent.headers['x-api-key'], API_KEY);
    assert.equal(sent.headers['content-type'], 'application/json');
    assert.equal(sent.headers.accept, 'application/json');
    assert.equal(sent.headers['x-request-timestamp'], formatTimestamp(START));
    assert.doesNotMatch(JSON.stringify(sent.headers), /s3cr3t|Bearer|browser-chosen|203\.0\.113/);
  });

  it('carries a signature the Partner API can verify over the exact bytes sent', async () => {
    const t = makeBff();
    await t.patch({ city: 'Montréal' }, { token: await t.token('café-user') });
    const [sent] = t.api.requests;
    assert.ok(sent);
    assert.equal(sent.bodyText, '{"city":"Montréal"}');
    assert.deepEqual(sent.body, new TextEncoder().encode('{"city":"Montréal"}'));
    const parts = {
      method: 'PATCH',
      pathAndQuery: sent.path,
      timestamp: sent.headers['x-request-timestamp']!,
      body: sent.body,
    };
    assert.equal(
      await verifyRequest(
        nodeHmacSha256,
        SIGNING_SECRET,
        parts,
        sent.headers['x-request-signature']!,
      ),
      true,
    );
    assert.equal(
      await verifyRequest(
        nodeHmacSha256,
        'another-secret',
        parts,
        sent.headers['x-request-signature']!,
      ),
      false,
    );
  });

  it('sends the checked, normalised changes, not the raw body', async () => {
    const t = makeBff();
    await t.patch('{ "postalCode" : "m5v1z8", "city": "  Toronto  ", "addressLine2": "" }');
    assert.equal(
      t.api.requests[0]?.bodyText,
      '{"postalCode":"M5V 1Z8","city":"Toronto","addressLine2":null}',
    );
  });

  it('percent-encodes every reserved character of an externalId', async () => {
    const t = makeBff();
    await t.patch({ city: 'Toronto' }, { token: await t.token('a/b?c#d e%') });
    assert.equal(t.api.requests[0]?.path, '/v1/users/a%2Fb%3Fc%23d%20e%25');
    assert.equal(t.api.requests[0]?.signatureValid, true);
  });

  it("keeps a base URL's path in front of /v1, signed as sent", async () => {
    const t = makeBff({ apiBaseUrl: 'https://partner-api.test/gateway/boca/' });
    assert.equal((await t.patch({ city: 'Toronto' })).status, 200);
    assert.equal(t.api.requests[0]?.path, '/gateway/boca/v1/users/partner-user-42');
    assert.equal(t.api.requests[0]?.signatureValid, true);
  });

  it("answers with the Partner API's documented result", async () => {
    const t = makeBff();
    const response = await t.patch({ city: 'Toronto' });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      userId: USER_ID,
      externalId: 'partner-user-42',
      status: 'active',
      updatedAt: UPDATED_AT,
    });
  });
});

describe('onProfileUpdated', () => {
  it('is awaited with the user, the normalised changes and the result before the answer', async () => {
    const calls: [string, UpdateUserRequest, UpdateUserResponse][] = [];
    let finished = false;
    const t = makeBff({
      onProfileUpdated: async (externalId, changes, result) => {
        calls.push([externalId, changes, result]);
        await t.clock.sleep(250);
        finished = true;
      },
    });
    const response = await t.patch({ postalCode: 'm5v1z8' });
    assert.equal(response.status, 200);
    assert.equal(finished, true);
    assert.deepEqual(calls, [
      [
        'partner-user-42',
        { postalCode: 'M5V 1Z8' },
        { userId: USER_ID, externalId: 'partner-user-42', status: 'active', updatedAt: UPDATED_AT },
      ],
    ]);
  });

  it('does not fail the save when it throws; the failure is logged without its message', async () => {
    const t = makeBff({
      onProfileUpdated: () => {
        throw new RangeError('db down for jane.doe@example.com');
      },
    });
    const response = await t.patch({ city: 'Toronto' });
    assert.equal(response.status, 200);
    assert.equal(t.logs.length, 1);
    assert.equal(t.logs[0]?.level, 'error');
    assert.equal(t.logs[0]?.problem, 'onProfileUpdated failed');
    assert.equal(t.logs[0]?.errorName, 'RangeError');
    assert.doesNotMatch(JSON.stringify(t.logs), /jane|db down/);
  });

  it('is not called when the save fails', async () => {
    let called = false;
    const t = makeBff({ onProfileUpdated: () => void (called = true) });
    t.api.script({
      status: 422,
      body: errorBody('unprocessable_entity', 'User must be at least 18 years old'),
    });
    assert.equal((await t.patch({ dateOfBirth: '2010-01-01' })).status, 422);
    assert.equal(called, false);
  });
});
