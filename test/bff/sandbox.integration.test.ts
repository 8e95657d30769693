// The real BFF (Node adapters) against the real sandbox, over sockets on 127.0.0.1.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createNodeBff, mintEmbedToken, nodeHmacSha256, type NodeBff } from '../../bff/index.js';
import { serveSandbox, type RunningSandbox } from '../../sandbox/index.js';

const sessionSecret = 'integration-session-secret-of-32-bytes!';
const origin = 'https://portal.example';

describe('the BFF against the sandbox', () => {
  let upstream: RunningSandbox;
  let bff: NodeBff;

  before(async () => {
    upstream = await serveSandbox({ port: 0, logger: () => {} });
    bff = createNodeBff({
      apiBaseUrl: upstream.url,
      apiKey: 'sandbox-api-key',
      signingSecret: 'sandbox-signing-secret',
      sessionSecret,
      allowedOrigins: [origin],
      logger: () => {},
    });
  });

  after(async () => {
    await bff.close();
    await upstream.close();
  });

  beforeEach(() => upstream.sandbox.reset());

  async function save(changes: unknown, idempotencyKey = crypto.randomUUID(), via = bff) {
    const token = await mintEmbedToken({
      secret: sessionSecret,
      externalId: 'partner-user-42',
      hmac: nodeHmacSha256,
    });
    const response = await via.app.request('/api/profile', {
      method: 'PATCH',
      headers: {
        origin,
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': idempotencyKey,
      },
      body: JSON.stringify(changes),
    });
    return { response, body: await response.json(), idempotencyKey };
  }

  it('saves an edit made with a minted token', async () => {
    const { response, body } = await save({ city: 'Montréal', postalCode: 'h2x1y4' });
    assert.equal(response.status, 200);
    assert.equal(body.externalId, 'partner-user-42');
    const user = upstream.sandbox.getUser('partner-user-42');
    assert.equal(user?.city, 'Montréal');
    assert.equal(user?.postalCode, 'H2X 1Y4');
  });

  it('relays the sandbox’s field errors for a rule only the sandbox knows: age', async () => {
    const { response, body } = await save({ dateOfBirth: '2020-01-01' });
    assert.equal(response.status, 422);
    assert.equal(body.error, 'unprocessable_entity');
    assert.match(body.requestId, /^req-/);
  });

  it('retries a 503 with the same key and applies the update exactly once', async () => {
    upstream.sandbox.injectFault({ kind: 'status', status: 503, times: 1 });
    const { response, idempotencyKey } = await save({ occupation: 'Architect' });
    assert.equal(response.status, 200);
    assert.equal(upstream.sandbox.appliedCount(idempotencyKey), 1);
    assert.equal(upstream.sandbox.getUser('partner-user-42')?.occupation, 'Architect');
  });

  it('retries an answer lost after it was applied, and the sandbox replays it instead of applying twice', async () => {
    upstream.sandbox.injectFault({ kind: 'drop', phase: 'after', times: 1 });
    const { response, idempotencyKey } = await save({ addressLine2: null });
    assert.equal(response.status, 200);
    assert.equal(upstream.sandbox.appliedCount(idempotencyKey), 1);
    assert.equal(upstream.sandbox.getUser('partner-user-42')?.addressLine2, null);
  });

  const slowDown = (retryAfter: string) =>
    upstream.sandbox.injectFault({
      kind: 'status',
      status: 429,
      headers: { 'retry-after': retryAfter },
      body: {
        error: 'too_many_requests',
        message: 'Slow down',
        requestId: `req-${crypto.randomUUID()}`,
      },
    });

  it('relays a 429 whose Retry-After outlasts the deadline, with its Retry-After', async () => {
    slowDown('60');
    const { response, body } = await save({ city: 'Ottawa' });
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '60');
    assert.equal(body.error, 'too_many_requests');
    assert.equal(upstream.sandbox.getUser('partner-user-42')?.city, 'Toronto');
  });

  it('waits out a short Retry-After and saves once', async () => {
    slowDown('1');
    const { response, idempotencyKey } = await save({ city: 'Ottawa' });
    assert.equal(response.status, 200);
    assert.equal(upstream.sandbox.appliedCount(idempotencyKey), 1);
    assert.equal(upstream.sandbox.getUser('partner-user-42')?.city, 'Ottawa');
  });

  it('waits out its own key still in flight after a timed-out attempt, and saves once', async () => {
    const short = createNodeBff({
      apiBaseUrl: upstream.url,
      apiKey: 'sandbox-api-key',
      signingSecret: 'sandbox-signing-secret',
      sessionSecret,
      allowedOrigins: [origin],
      logger: () => {},
      attemptTimeoutMs: 300,
    });
    // The first attempt is held after its key is taken, past its timeout: the retry meets 409.
    upstream.sandbox.injectFault({ kind: 'stall', phase: 'during', ms: 900, times: 1 });
    try {
      const { response, idempotencyKey } = await save({ city: 'Kingston' }, undefined, short);
      assert.equal(response.status, 200);
      assert.equal(upstream.sandbox.appliedCount(idempotencyKey), 1);
      assert.equal(upstream.sandbox.getUser('partner-user-42')?.city, 'Kingston');
    } finally {
      await short.close();
    }
  });

  it('answers 502, not the user’s fault, when the sandbox refuses our credentials', async () => {
    const wrong = createNodeBff({
      apiBaseUrl: upstream.url,
      apiKey: 'sandbox-api-key',
      signingSecret: 'not-the-signing-secret',
      sessionSecret,
      allowedOrigins: [origin],
      logger: () => {},
    });
    try {
      const token = await mintEmbedToken({ secret: sessionSecret, externalId: 'partner-user-42' });
      const response = await wrong.app.request('/api/profile', {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{"city":"Ottawa"}',
      });
      assert.equal(response.status, 502);
      assert.equal((await response.json()).error, 'bad_gateway');
    } finally {
      await wrong.close();
    }
  });
});
