import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import type { Transport, TransportRequest } from '../../bff/index.js';
import { nodeHmacSha256 } from '../../contract/signing-node.js';
import { signRequest } from '../../contract/signing.js';
import { createExchangeLog } from '../../demo/exchanges.js';
import { recordingTransport } from '../../demo/recording-transport.js';
import type { Exchange } from '../../demo/shared.js';

const API_KEY = 'test-partner-api-key';
const SIGNING_SECRET = 'test-signing-secret';
const encoder = new TextEncoder();

/** A clock that moves 10 ms each time it is read. */
function steppingClock() {
  let now = 1000;
  return () => (now += 10);
}

async function signedRequest(body: string, signal = new AbortController().signal) {
  const path = '/v1/users/partner-user-42';
  const timestamp = '2026-11-27T12:00:00Z';
  const bytes = encoder.encode(body);
  const signature = await signRequest(nodeHmacSha256, SIGNING_SECRET, {
    method: 'PATCH',
    pathAndQuery: path,
    timestamp,
    body: bytes,
  });
  return {
    url: `http://127.0.0.1:4010${path}`,
    path,
    method: 'PATCH',
    headers: {
      'x-api-key': API_KEY,
      'x-request-timestamp': timestamp,
      'x-request-signature': signature,
      'idempotency-key': '0b7e8c2a-3f7d-4b61-9a0e-2f1c6d5e4a3b',
    },
    body: bytes,
    signal,
  } satisfies TransportRequest;
}

/** A portal with the log in front of a route that calls the (recorded) transport. */
function portal(inner: Transport, onFinished?: (exchange: Exchange) => void) {
  const log = createExchangeLog({
    secrets: [API_KEY, SIGNING_SECRET],
    now: steppingClock(),
    ...(onFinished ? { onFinished } : {}),
  });
  const transport = recordingTransport(inner, {
    log,
    apiKey: API_KEY,
    signingSecret: SIGNING_SECRET,
  });
  const app = new Hono();
  app.use(
    '/api/*',
    log.middleware(() => 'server-error'),
  );
  app.patch('/api/profile', async (c) => {
    const body = await c.req.text();
    try {
      // Like the BFF: a 503 is tried again with the same bytes, signed afresh.
      let answer = await transport(await signedRequest(body));
      if (answer.status === 503) answer = await transport(await signedRequest(body));
      return c.body(answer.text, answer.status as 200);
    } catch {
      return c.json({ error: 'gateway_timeout' }, 504);
    }
  });
  app.get('/api/profile', (c) => c.json({ firstName: 'Jane' }));
  return { app, log };
}

const patch = (app: Hono, body: string) =>
  app.request('/api/profile', {
    method: 'PATCH',
    headers: {
      authorization: `Bearer eyJhbGciOiJIUzI1NiJ9.${'x'.repeat(80)}.signature`,
      'content-type': 'application/json',
      cookie: 'portal=private',
    },
    body,
  });

describe('the "what happened" record', () => {
  it('records the browser request, each signed attempt and the answer, keyed by request', async () => {
    const statuses = [503, 200];
    const { app, log } = portal(async () => ({
      status: statuses.shift()!,
      text: '{"status":"active"}',
      headers: new Headers({ 'x-request-id': 'req-upstream-1' }),
    }));

    assert.equal((await patch(app, '{"city":"Ottawa"}')).status, 200);
    const [exchange] = log.list().exchanges!;
    assert.equal(exchange!.method, 'PATCH');
    assert.equal(exchange!.status, 200);
    assert.equal(exchange!.scenario, 'server-error');
    assert.equal(exchange!.request.body, '{"city":"Ottawa"}');
    assert.match(exchange!.request.headers.authorization!, /^Bearer eyJhbGciOiJI…\(\d+ chars\)$/);
    assert.equal('cookie' in exchange!.request.headers, false, 'cookies are not shown');
    assert.equal(exchange!.upstream.length, 2);
    const attempt = exchange!.upstream[0]!;
    assert.equal(attempt.request.headers['x-api-key'], 'test…key');
    assert.equal(
      attempt.canonical,
      'PATCH\n/v1/users/partner-user-42\n2026-11-27T12:00:00Z\n{"city":"Ottawa"}',
    );
    assert.equal(attempt.signatureValid, true);
    assert.deepEqual(
      exchange!.upstream.map((a) => a.status),
      [503, 200],
    );
    assert.equal(exchange!.upstream[1]!.response!.headers['x-request-id'], 'req-upstream-1');
    assert.ok(exchange!.upstream[1]!.startMs > attempt.startMs);
    assert.ok(typeof exchange!.durationMs === 'number' && exchange!.durationMs > 0);
  });

  it('says why an attempt got no answer', async () => {
    const inner: Transport = async () => {
      throw new DOMException('The attempt timed out', 'AbortError');
    };
    const aborted = new AbortController();
    aborted.abort();
    const log = createExchangeLog({ secrets: [], now: steppingClock() });
    const transport = recordingTransport(inner, {
      log,
      apiKey: API_KEY,
      signingSecret: SIGNING_SECRET,
    });
    const app = new Hono();
    app.use(
      '/api/*',
      log.middleware(() => null),
    );
    app.patch('/api/profile', async (c) => {
      await transport(await signedRequest('{"city":"Ottawa"}', aborted.signal)).catch(() => {});
      return c.json({ error: 'gateway_timeout' }, 504);
    });
    await patch(app, '{"city":"Ottawa"}');
    const attempt = log.list().exchanges![0]!.upstream[0]!;
    assert.equal(attempt.status, null);
    assert.match(attempt.failure!, /no answer in time/);
  });

  it('marks a signature that does not match its canonical string', async () => {
    const { app, log } = portal(async () => ({ status: 200, text: '{}', headers: new Headers() }));
    const request = await signedRequest('{"city":"Ottawa"}');
    const tampered = { ...request, body: encoder.encode('{"city":"Laval"}') };
    const transport = recordingTransport(
      async () => ({ status: 200, text: '{}', headers: new Headers() }),
      {
        log,
        apiKey: API_KEY,
        signingSecret: SIGNING_SECRET,
      },
    );
    app.patch('/api/tampered', async (c) => {
      await transport(tampered);
      return c.json({});
    });
    await app.request('/api/tampered', { method: 'PATCH', body: '{}' });
    assert.equal(log.list().exchanges![0]!.upstream[0]!.signatureValid, false);
  });

  it('never keeps a credential, even one an upstream echoes back', async () => {
    const { app, log } = portal(async () => ({
      status: 400,
      text: `{"message":"bad key ${API_KEY} for ${SIGNING_SECRET}"}`,
      headers: new Headers(),
    }));
    await patch(app, `{"city":"${SIGNING_SECRET}"}`);
    const everything = JSON.stringify(log.list().exchanges);
    assert.equal(everything.includes(API_KEY), false);
    assert.equal(everything.includes(SIGNING_SECRET), false);
  });

  it('keeps at most 16 KB of a request body, and says it cut it', async () => {
    const { app, log } = portal(async () => ({ status: 200, text: '{}', headers: new Headers() }));
    await patch(app, `{"city":"${'x'.repeat(20_000)}"}`);
    const shown = log.list().exchanges![0]!.request.body;
    assert.ok(shown.length < 16_500);
    assert.match(shown, /… \(cut at 16384 bytes\)$/);
  });

  it('answers null when nothing changed since a version, and forgets on clear', async () => {
    const finished: Exchange[] = [];
    const { app, log } = portal(
      async () => ({ status: 200, text: '{}', headers: new Headers() }),
      (e) => finished.push(e),
    );
    await app.request('/api/profile');
    const { version } = log.list();
    assert.equal(log.list(version).exchanges, null);
    assert.equal(finished.length, 1);
    assert.equal(finished[0]!.scenario, null, 'a load meets no scenario');
    log.clear();
    assert.deepEqual(log.list(version).exchanges, []);
  });
});
