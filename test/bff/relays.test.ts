import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UpstreamResponseTooLarge } from '../../bff/transport-fetch.js';
import { makeBff, PORTAL, START } from './harness.js';
import { errorBody, UPDATED_AT, USER_ID, type ScriptedAnswer } from './fake-partner-api.js';

async function relay(answer: ScriptedAnswer) {
  const t = makeBff();
  t.api.script(answer);
  const response = await t.patch({ city: 'Toronto' });
  return { t, response, body: await response.json() };
}

describe('answers relayed from the Partner API', () => {
  it('relays a 400 with its fieldErrors intact, unretried', async () => {
    const upstream = errorBody('bad_request', 'Invalid fields', {
      fieldErrors: [
        { field: 'city', message: 'Ville inconnue' },
        { field: 'loyaltyTier', message: 'Unknown field' },
      ],
    });
    const { t, response, body } = await relay({ status: 400, body: upstream });
    assert.equal(response.status, 400);
    assert.deepEqual(body, upstream);
    assert.equal(t.api.requests.length, 1);
  });

  for (const [status, error] of [
    [404, 'not_found'],
    [409, 'conflict'],
    [422, 'unprocessable_entity'],
  ] as const) {
    it(`relays a ${status} as it is, unretried`, async () => {
      const upstream = errorBody(error, `upstream says ${status}`);
      const { t, response, body } = await relay({ status, body: upstream });
      assert.equal(response.status, status);
      assert.deepEqual(body, upstream);
      assert.equal(t.api.requests.length, 1);
      assert.equal(t.logs[0]?.upstreamRequestId, 'req-upstream-0001');
    });
  }

  describe('a 409 for this save’s own Idempotency-Key, still in flight upstream', () => {
    const inFlight = {
      status: 409,
      body: errorBody('conflict', 'A request with this Idempotency-Key is still being processed'),
    };

    it('is waited out after a timed-out attempt, until the stored answer comes', async () => {
      const t = makeBff();
      t.api.script('hang', inFlight, inFlight);
      const response = await t.patch({ city: 'Toronto' });
      assert.equal(response.status, 200);
      assert.equal(t.api.requests.length, 4);
      assert.equal(t.api.requests[0]?.aborted, true);
      const keys = new Set(t.api.requests.map((r) => r.headers['idempotency-key']));
      assert.equal(keys.size, 1);
      assert.equal(t.logs[0]?.attempts, 4);
    });

    it('is waited out after an answer lost on the network', async () => {
      const t = makeBff();
      t.api.script('network', inFlight);
      assert.equal((await t.patch({ city: 'Toronto' })).status, 200);
      assert.equal(t.api.requests.length, 3);
    });

    it('becomes a 504, never a 409, when the deadline comes first', async () => {
      const t = makeBff();
      t.api.script('hang', ...Array.from({ length: 50 }, () => inFlight));
      const response = await t.patch({ city: 'Toronto' });
      const body = await response.json();
      assert.equal(response.status, 504);
      assert.equal(body.error, 'gateway_timeout');
      // The last poll at 9.75 s: the next backoff (500 ms) would end past the deadline.
      assert.equal(t.clock.time - START, 9_750);
      assert.equal(t.api.requests.length, 13);
      assert.match(t.logs[0]?.problem ?? '', /still processing this Idempotency-Key/);
    });
  });

  it('relays a 409 that is a real conflict, even after a timed-out attempt', async () => {
    const t = makeBff();
    const conflict = errorBody('conflict', 'The user was changed by another request');
    t.api.script('hang', { status: 409, body: conflict });
    const response = await t.patch({ city: 'Toronto' });
    assert.equal(response.status, 409);
    assert.deepEqual(await response.json(), conflict);
    assert.equal(t.api.requests.length, 2);
  });

  it('keeps only the documented members of an error body', async () => {
    const upstream = {
      ...errorBody('conflict', 'Busy'),
      stack: 'at Db.query',
      debug: { sql: 'x' },
    };
    const { body } = await relay({ status: 409, body: upstream });
    assert.deepEqual(body, errorBody('conflict', 'Busy'));
  });

  it('waits out a 429 whose Retry-After ends before the deadline, then saves', async () => {
    const t = makeBff();
    t.api.script({
      status: 429,
      body: errorBody('too_many_requests', 'Slow down'),
      headers: { 'Retry-After': '3' },
    });
    const response = await t.patch({ city: 'Toronto' });
    assert.equal(response.status, 200);
    assert.deepEqual(
      t.api.requests.map((r) => r.at - START),
      [0, 3_000],
    );
  });

  it('waits out a 429 whose HTTP-date Retry-After comes before the deadline', async () => {
    const t = makeBff();
    t.api.script({
      status: 429,
      body: errorBody('too_many_requests', 'Slow down'),
      headers: { 'Retry-After': 'Fri, 13 Mar 2026 12:00:04 GMT' },
    });
    assert.equal((await t.patch({ city: 'Toronto' })).status, 200);
    assert.equal(t.api.requests[1]?.at, START + 4_000);
  });

  it('relays a 429 whose Retry-After outlasts the deadline, readable by the page', async () => {
    const { t, response, body } = await relay({
      status: 429,
      body: errorBody('too_many_requests', 'Slow down'),
      headers: { 'Retry-After': '30' },
    });
    assert.equal(response.status, 429);
    assert.equal(body.error, 'too_many_requests');
    assert.equal(response.headers.get('retry-after'), '30');
    assert.equal(response.headers.get('access-control-allow-origin'), PORTAL);
    assert.match(response.headers.get('access-control-expose-headers') ?? '', /Retry-After/);
    assert.equal(t.api.requests.length, 1);
    // Only the attempt's own timer: no backoff, no waiting for a Retry-After past the deadline.
    assert.deepEqual(t.clock.sleeps, [5_000]);
  });

  it('relays an HTTP-date Retry-After, and drops one that is neither', async () => {
    const date = 'Fri, 13 Mar 2026 12:01:00 GMT';
    const dated = await relay({
      status: 429,
      body: errorBody('too_many_requests', 'Slow down'),
      headers: { 'Retry-After': date },
    });
    assert.equal(dated.response.headers.get('retry-after'), date);
    for (const value of ['soon', '-1', '30\r\nSet-Cookie: a=b']) {
      const { response } = await relay({
        status: 429,
        body: errorBody('too_many_requests', 'Slow down'),
        headers: { 'Retry-After': value },
      });
      assert.equal(response.status, 429);
      assert.equal(response.headers.get('retry-after'), null);
    }
  });

  it('relays a 429 without Retry-After without inventing one', async () => {
    const { response } = await relay({
      status: 429,
      body: errorBody('too_many_requests', 'Slow down'),
    });
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), null);
  });
});

describe('answers the BFF does not relay', () => {
  for (const status of [401, 403]) {
    it(`turns an upstream ${status} into 502, logged loudly, never the user's fault`, async () => {
      const { t, response, body } = await relay({
        status,
        body: errorBody('unauthorized', 'Bad signature'),
      });
      assert.equal(response.status, 502);
      assert.equal(body.error, 'bad_gateway');
      assert.equal(body.requestId, response.headers.get('x-request-id'));
      assert.doesNotMatch(body.message, /signature|session|token/i);
      assert.equal(t.api.requests.length, 1);
      assert.equal(t.logs[0]?.level, 'error');
      assert.match(
        t.logs[0]?.problem ?? '',
        /credentials.*BOCA_API_KEY.*BOCA_SIGNING_SECRET.*clock/,
      );
    });
  }

  it('answers 502 when the Partner API really refuses our signature', async () => {
    const t = makeBff({ signingSecret: 'not-the-partner-secret' });
    const response = await t.patch({ city: 'Toronto' });
    assert.equal(response.status, 502);
    assert.equal(t.api.requests[0]?.signatureValid, false);
  });

  const garbage200: [string, ScriptedAnswer][] = [
    ['not JSON', { status: 200, body: '<html>ok</html>' }],
    ['missing members', { status: 200, body: { userId: USER_ID, status: 'active' } }],
    [
      'a bad updatedAt',
      {
        status: 200,
        body: {
          userId: USER_ID,
          externalId: 'partner-user-42',
          status: 'active',
          updatedAt: 'yesterday',
        },
      },
    ],
    [
      'another externalId',
      {
        status: 200,
        body: {
          userId: USER_ID,
          externalId: 'partner-user-43',
          status: 'active',
          updatedAt: UPDATED_AT,
        },
      },
    ],
    ['no body', { status: 204 }],
  ];
  for (const [what, answer] of garbage200) {
    it(`answers 502 to a 2xx with ${what}`, async () => {
      const { t, response, body } = await relay(answer);
      assert.equal(response.status, 502);
      assert.equal(body.error, 'bad_gateway');
      assert.equal(t.api.requests.length, 1);
      assert.equal(t.logs[0]?.level, 'error');
    });
  }

  const garbageErrors: [string, ScriptedAnswer][] = [
    ['a 400 that is not JSON', { status: 400, body: 'Bad Request' }],
    [
      'a 422 without a requestId',
      { status: 422, body: { error: 'unprocessable_entity', message: 'x' } },
    ],
    [
      'a 409 with malformed fieldErrors',
      { status: 409, body: errorBody('conflict', 'x', { fieldErrors: 'city' }) },
    ],
    ['an undocumented 418', { status: 418, body: errorBody('teapot', 'x') }],
    ['a redirect', { status: 302, headers: { Location: 'https://elsewhere.test/' } }],
    ['a 413', { status: 413, body: errorBody('payload_too_large', 'x') }],
  ];
  for (const [what, answer] of garbageErrors) {
    it(`answers 502 to ${what}, unretried`, async () => {
      const { t, response, body } = await relay(answer);
      assert.equal(response.status, 502);
      assert.equal(body.error, 'bad_gateway');
      assert.equal(t.api.requests.length, 1);
    });
  }

  it('answers 502 to an answer too large to read, unretried', async () => {
    let calls = 0;
    const t = makeBff({
      transport: async () => {
        calls++;
        throw new UpstreamResponseTooLarge();
      },
    });
    const response = await t.patch({ city: 'Toronto' });
    assert.equal(response.status, 502);
    assert.equal(calls, 1);
  });
});
