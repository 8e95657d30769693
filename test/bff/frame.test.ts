import { describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { defaultLogger } from '../../bff/defaults.js';
import {
  API_KEY,
  makeBff,
  PORTAL,
  SESSION_SECRET,
  SIGNING_SECRET,
  type Harness,
} from './harness.js';
import { errorBody } from './fake-partner-api.js';

const REQUEST_ID = /^req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function assertFramed(response: Response, what: string) {
  const h = response.headers;
  assert.equal(h.get('x-content-type-options'), 'nosniff', what);
  assert.equal(h.get('cache-control'), 'no-store', what);
  assert.match(
    h.get('content-security-policy') ?? '',
    /default-src 'none'.*frame-ancestors 'none'/,
    what,
  );
  assert.equal(h.get('x-frame-options'), 'DENY', what);
  assert.equal(h.get('referrer-policy'), 'no-referrer', what);
  assert.match(h.get('x-request-id') ?? '', REQUEST_ID, what);
  assert.match(h.get('vary') ?? '', /\bOrigin\b/, what);
}

const preflight = (
  t: Harness,
  origin: string | null,
  requestHeaders = 'authorization, content-type',
) =>
  t.request('/api/profile', {
    method: 'OPTIONS',
    headers: {
      ...(origin === null ? {} : { Origin: origin }),
      'Access-Control-Request-Method': 'PATCH',
      'Access-Control-Request-Headers': requestHeaders,
    },
  });

describe('CORS', () => {
  it('answers a preflight from an allowed origin with fixed lists', async () => {
    const t = makeBff();
    const response = await preflight(
      t,
      PORTAL,
      'authorization, content-type, idempotency-key, x-evil',
    );
    assert.equal(response.status, 204);
    const h = response.headers;
    assert.equal(h.get('access-control-allow-origin'), PORTAL);
    assert.equal(h.get('access-control-allow-methods'), 'GET, PATCH');
    assert.equal(
      h.get('access-control-allow-headers'),
      'authorization, content-type, idempotency-key',
    );
    assert.equal(h.get('access-control-max-age'), '600');
    assert.equal(h.get('access-control-allow-credentials'), null);
    assertFramed(response, 'preflight');
  });

  it('refuses a preflight from another origin with 403 and no CORS headers', async () => {
    const t = makeBff();
    const response = await preflight(t, 'https://evil.example');
    assert.equal(response.status, 403);
    assert.equal((await response.json()).error, 'forbidden');
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    assert.equal(response.headers.get('access-control-allow-methods'), null);
  });

  it('answers a plain OPTIONS with Allow', async () => {
    const response = await preflight(makeBff(), null);
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('allow'), 'GET, PATCH, OPTIONS');
  });

  it('puts its headers on errors too, so the page can read them', async () => {
    const t = makeBff();
    // Our credentials refused: a 502 at once.
    t.api.script({ status: 401, body: 'x' });
    const answers = [
      await t.patch({ city: 'Toronto' }),
      await t.patch({ nickname: 'x' }),
      await t.patch({ city: 'Toronto' }, { token: 'bad' }),
      await t.patch({ city: 'Toronto' }, { headers: { 'Content-Type': 'text/plain' } }),
    ];
    assert.deepEqual(
      answers.map((r) => r.status),
      [502, 400, 401, 415],
    );
    for (const response of answers) {
      assert.equal(response.headers.get('access-control-allow-origin'), PORTAL);
      assert.equal(
        response.headers.get('access-control-expose-headers'),
        'X-Request-Id, Retry-After',
      );
    }
  });

  it('gives no CORS headers to a request without Origin', async () => {
    const response = await makeBff().patch({ city: 'Toronto' }, { origin: null });
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });
});

describe('every answer', () => {
  it('carries the security headers and a fresh X-Request-Id', async () => {
    const t = makeBff({
      loadProfile: async () => {
        throw new Error('boom');
      },
    });
    t.api.script({ status: 401, body: errorBody('unauthorized', 'x') });
    const answers: [string, Response][] = [
      ['healthz', await t.request('/healthz')],
      ['502', await t.patch({ city: 'Toronto' })],
      ['200', await t.patch({ city: 'Toronto' })],
      ['400', await t.patch([])],
      ['403', await t.patch({}, { origin: 'https://evil.example' })],
      ['404', await t.request('/api/nothing')],
      ['404 off the routes', await t.request('/elsewhere')],
      ['405', await t.request('/healthz', { method: 'DELETE' })],
      ['500', await t.get()],
      ['preflight', await preflight(t, PORTAL)],
    ];
    const ids = new Set<string>();
    for (const [what, response] of answers) {
      assertFramed(response, what);
      ids.add(response.headers.get('x-request-id')!);
    }
    assert.equal(ids.size, answers.length);
    assert.equal(t.logs.length, answers.length, 'one log line per request');
  });

  it("never takes the client's X-Request-Id", async () => {
    const t = makeBff();
    const response = await t.patch(
      { city: 'Toronto' },
      { headers: { 'X-Request-Id': 'req-forged-by-the-client' } },
    );
    assert.match(response.headers.get('x-request-id') ?? '', REQUEST_ID);
    assert.equal(t.logs[0]?.requestId, response.headers.get('x-request-id'));
  });

  it('has the one error shape, and no stack trace', async () => {
    const t = makeBff({
      loadProfile: async () => {
        throw new TypeError('x is undefined');
      },
    });
    for (const response of [
      await t.get(),
      await t.patch({ nickname: 'x' }),
      await t.patch({}, { token: null }),
    ]) {
      const body = await response.json();
      const allowed = ['error', 'message', 'requestId', 'fieldErrors'];
      assert.ok(
        Object.keys(body).every((key) => allowed.includes(key)),
        JSON.stringify(body),
      );
      assert.equal(body.requestId, response.headers.get('x-request-id'));
      assert.doesNotMatch(JSON.stringify(body), /at \w+ \(|\.ts:\d+|x is undefined/);
    }
  });
});

describe('the log', () => {
  it('has one structured line per request with route, status, duration and upstream facts', async () => {
    const t = makeBff();
    t.api.script('hang');
    await t.patch({ city: 'Toronto' });
    assert.deepEqual(t.logs, [
      {
        level: 'info',
        msg: 'request',
        requestId: 'req-00000000-0000-4000-8000-000000000001',
        method: 'PATCH',
        route: '/api/profile',
        status: 200,
        durationMs: 5_050,
        attempts: 2,
        upstreamStatus: 200,
      },
    ]);
  });

  it('never holds a secret, token, signature, cookie, externalId or profile value', async () => {
    const t = makeBff({ loadProfile: async () => ({ email: 'jane.doe@example.com' }) as never });
    const token = await t.token();
    t.api.script(
      {
        status: 400,
        body: errorBody('bad_request', 'x', { fieldErrors: [{ field: 'city', message: 'Bad' }] }),
      },
      { status: 429, body: errorBody('too_many_requests', 'x'), headers: { 'Retry-After': '1' } },
      { status: 401, body: errorBody('unauthorized', 'x') },
    );
    const headers = { Cookie: 'portal_session=cookie-value-77' };
    await t.patch(
      { city: 'Montréal', email: 'jane.doe@example.com', postalCode: 'h2x1y4' },
      { token, headers },
    );
    await t.patch({ city: 'Montréal' }, { token, headers });
    await t.patch({ city: 'Montréal' }, { token, headers });
    await t.patch({ city: 'Montréal' }, { token, headers });
    await t.patch({ city: 'Montréal', email: 'nope' }, { token, headers });
    await t.patch({ city: 'Montréal' }, { token: `${token}x`, headers });
    await t.get({ token, headers });
    const text = JSON.stringify(t.logs);
    assert.equal(t.logs.length, 7);
    const signatures = t.api.requests.map((r) => r.headers['x-request-signature']!);
    for (const secret of [
      token,
      SESSION_SECRET,
      SIGNING_SECRET,
      API_KEY,
      ...signatures,
      'cookie-value-77',
      'partner-user-42',
      'Montréal',
      'jane.doe',
      'H2X',
      'nope',
    ]) {
      assert.ok(!text.includes(secret), `the log holds ${secret.slice(0, 12)}…`);
    }
  });

  it('survives a logger that throws', async () => {
    const t = makeBff({
      logger: () => {
        throw new Error('disk full');
      },
    });
    assert.equal((await t.patch({ city: 'Toronto' })).status, 200);
  });

  it('writes one JSON line by default: errors to stderr, the rest to stdout', () => {
    const out = mock.method(console, 'log', () => {});
    const err = mock.method(console, 'error', () => {});
    try {
      defaultLogger({ level: 'info', msg: 'request', status: 200 });
      defaultLogger({ level: 'error', msg: 'request', status: 502 });
    } finally {
      out.mock.restore();
      err.mock.restore();
    }
    const line = JSON.parse(out.mock.calls[0]!.arguments[0] as string);
    assert.equal(line.status, 200);
    assert.match(line.time, /^\d{4}-\d\d-\d\dT/);
    assert.equal(JSON.parse(err.mock.calls[0]!.arguments[0] as string).status, 502);
  });
});
