/**
 * Body-limit bypasses over a real socket: the BFF served by its Node entry on 127.0.0.1, attacked
 * with raw bytes that no well-behaved client sends. Every attempt is refused (413 or 400), quickly,
 * and nothing reaches the upstream. A body that drips in is cut off by the Node server's
 * `requestTimeout`, and a slow header by its `headersTimeout`; meanwhile other clients are served.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rawExchange, head, chunk, LAST_CHUNK } from './support/raw-http.js';
import { SERVER_TIMEOUTS } from '../../bff/index.js';
import { servedBff, type ServedHarness } from './support/harness.js';

// Short timeouts for the test, so the slow attacks end in seconds; the defaults are checked below.
const REQUEST_TIMEOUT_MS = 1_500;
const HEADERS_TIMEOUT_MS = 1_000;
const CHECK_INTERVAL_MS = 100;
// A refusal that does not wait for a timeout must come at once.
const FAST_MS = 1_000;

// A BFF served with the helper's defaults, and a connection to it that sends nothing: started at
// once, so its wait overlaps the other tests, and judged at the end.
const DEFAULT_LIMIT_MS =
  SERVER_TIMEOUTS.headersTimeoutMs + SERVER_TIMEOUTS.timeoutCheckIntervalMs + 1_000;
const defaultDeadlineProbe = (async () => {
  const bff = await servedBff();
  try {
    return await rawExchange(bff.port, [], { timeoutMs: DEFAULT_LIMIT_MS + 5_000 });
  } finally {
    await bff.close();
  }
})();

describe('body limits over a real socket', () => {
  let bff: ServedHarness;
  let patch: (headers: Record<string, string>) => string;

  before(async () => {
    bff = await servedBff({
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      headersTimeoutMs: HEADERS_TIMEOUT_MS,
      timeoutCheckIntervalMs: CHECK_INTERVAL_MS,
    });
    patch = (headers) =>
      head('PATCH', '/api/profile', {
        authorization: `Bearer ${bff.token}`,
        'content-type': 'application/json',
        ...headers,
      });
  });
  after(async () => {
    await bff.close();
  });

  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  before(() => process.on('unhandledRejection', onUnhandled));
  after(() => process.off('unhandledRejection', onUnhandled));

  const refused = (status: number) => status === 413 || status === 400;

  it('refuses a chunked body with no length once it passes the limit', async () => {
    const chunks = Array.from({ length: 40 }, () => chunk(`"${'y'.repeat(1_022)}"`));
    const answer = await rawExchange(
      bff.port,
      [patch({ 'transfer-encoding': 'chunked' }), chunk('{"city":['), ...chunks, LAST_CHUNK],
      { timeoutMs: 5_000 },
    );
    assert.equal(answer.status, 413, answer.raw.slice(0, 300));
    assert.ok(answer.elapsedMs < FAST_MS, `${answer.elapsedMs} ms`);
    assert.equal(JSON.parse(answer.body).error, 'payload_too_large');
    assert.equal(bff.upstream.calls.length, 0);
  });

  it('refuses a chunked body that never ends, without reading it all', async () => {
    // 4 MiB offered in 64 KiB chunks; the server must answer long before taking it all.
    const piece = chunk('z'.repeat(65_536));
    const answer = await rawExchange(
      bff.port,
      [patch({ 'transfer-encoding': 'chunked' }), ...Array.from({ length: 64 }, () => piece)],
      { timeoutMs: 5_000 },
    );
    assert.equal(answer.status, 413, answer.raw.slice(0, 300));
    assert.ok(answer.elapsedMs < FAST_MS, `${answer.elapsedMs} ms`);
    assert.equal(bff.upstream.calls.length, 0);
  });

  it('refuses a small Content-Length followed by a big body', async () => {
    const body = `{"city":"${'x'.repeat(40_000)}"}`;
    const answer = await rawExchange(bff.port, [patch({ 'content-length': '100' }), body], {
      timeoutMs: 5_000,
      untilClose: true,
    });
    assert.ok(refused(answer.status), answer.raw.slice(0, 300));
    assert.ok(answer.elapsedMs < FAST_MS, `${answer.elapsedMs} ms`);
    // Whatever the server made of the bytes after the first 100, none of it succeeded.
    assert.doesNotMatch(answer.raw, /HTTP\/1\.1 2\d\d/);
    assert.equal(bff.upstream.calls.length, 0);
  });

  for (const [name, value] of [
    ['non-numeric', 'abc'],
    ['negative', '-1'],
    ['fractional', '1.5'],
    ['hexadecimal', '0x10'],
    ['two different', '10, 20'],
  ] as const) {
    it(`refuses a ${name} Content-Length`, async () => {
      const answer = await rawExchange(
        bff.port,
        [patch({ 'content-length': value }), '{"city":"Toronto"}'],
        {
          timeoutMs: 5_000,
          untilClose: true,
        },
      );
      assert.ok(refused(answer.status), answer.raw.slice(0, 300));
      assert.ok(answer.elapsedMs < FAST_MS, `${answer.elapsedMs} ms`);
      assert.doesNotMatch(answer.raw, /HTTP\/1\.1 2\d\d/);
      assert.equal(bff.upstream.calls.length, 0);
    });
  }

  it('refuses both Content-Length and Transfer-Encoding (request smuggling)', async () => {
    const answer = await rawExchange(
      bff.port,
      [
        patch({ 'content-length': '4', 'transfer-encoding': 'chunked' }),
        chunk('{"city":"Toronto"}'),
        LAST_CHUNK,
      ],
      { timeoutMs: 5_000, untilClose: true },
    );
    assert.ok(refused(answer.status), answer.raw.slice(0, 300));
    assert.doesNotMatch(answer.raw, /HTTP\/1\.1 2\d\d/);
    assert.equal(bff.upstream.calls.length, 0);
  });

  it('refuses a huge declared Content-Length at once, without waiting for the body', async () => {
    const answer = await rawExchange(
      bff.port,
      [patch({ 'content-length': String(1024 ** 3) }), '{"city":"Toronto"}'],
      { timeoutMs: 5_000 },
    );
    assert.equal(answer.status, 413, answer.raw.slice(0, 300));
    assert.ok(answer.elapsedMs < FAST_MS, `${answer.elapsedMs} ms: it waited for the body`);
    assert.equal(bff.upstream.calls.length, 0);
  });

  it('cuts off a body that drips in, and serves others meanwhile', async () => {
    const body = '{"city":"Toronto","addressLine1":"123 Main St"}';
    const dripping = rawExchange(
      bff.port,
      [patch({ 'content-length': String(body.length) }), ...body.split('')],
      { timeoutMs: 10_000, gapMs: 150 },
    );
    // While it drips, a normal request is answered at once.
    const started = performance.now();
    const health = await rawExchange(bff.port, [head('GET', '/healthz', {})], { timeoutMs: 2_000 });
    assert.equal(health.status, 200);
    assert.ok(performance.now() - started < FAST_MS);

    const answer = await dripping;
    assert.ok(answer.status === 408 || refused(answer.status), answer.raw.slice(0, 300));
    assert.ok(answer.closedByServer, 'the server kept the connection');
    assert.ok(
      answer.elapsedMs < REQUEST_TIMEOUT_MS + 1_000,
      `${answer.elapsedMs} ms, past the request timeout of ${REQUEST_TIMEOUT_MS} ms`,
    );
    assert.equal(bff.upstream.calls.length, 0);
  });

  it('closes a connection that never sends anything', async () => {
    const answer = await rawExchange(bff.port, [], { timeoutMs: 10_000 });
    assert.ok(answer.closedByServer, 'the server kept the connection');
    assert.ok(answer.elapsedMs < HEADERS_TIMEOUT_MS + 1_000, `${answer.elapsedMs} ms`);
  });

  it('cuts off headers that drip in (slowloris)', async () => {
    const lines = ['PATCH /api/profile HTTP/1.1\r\n', 'Host: 127.0.0.1\r\n'];
    for (let i = 0; i < 40; i++) lines.push(`X-Slow-${i}: ${i}\r\n`);
    const answer = await rawExchange(bff.port, lines, { timeoutMs: 10_000, gapMs: 100 });
    assert.ok(answer.closedByServer, 'the server kept the connection');
    assert.ok(
      answer.elapsedMs < HEADERS_TIMEOUT_MS + 1_000,
      `${answer.elapsedMs} ms, past the headers timeout of ${HEADERS_TIMEOUT_MS} ms`,
    );
    assert.ok(answer.status === 408 || answer.status === 0 || answer.status === 400, answer.raw);
  });

  it('left nothing unhandled, and logged no attack as a failure of its own', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(unhandled, []);
    const own = bff.logs.filter((entry) => (entry.status ?? 0) >= 500 || entry.level === 'error');
    assert.deepEqual(own, []);
    assert.ok(
      bff.logs.some((entry) => entry.status === 413),
      'the 413s were not logged',
    );
  });
});

describe('the Node serve helper’s own deadlines', () => {
  it('are far below Node’s (5 minutes for a request, 60 s for headers, checked every 30 s)', () => {
    assert.ok(SERVER_TIMEOUTS.requestTimeoutMs <= 30_000);
    assert.ok(SERVER_TIMEOUTS.headersTimeoutMs <= 10_000);
    assert.ok(SERVER_TIMEOUTS.timeoutCheckIntervalMs <= 1_000);
  });

  it('apply by default: a silent connection is closed once the headers deadline passes', async () => {
    const answer = await defaultDeadlineProbe;
    assert.ok(answer.closedByServer && !answer.timedOut, 'the server kept the connection');
    assert.ok(answer.elapsedMs < DEFAULT_LIMIT_MS, `${answer.elapsedMs} ms`);
  });
});
