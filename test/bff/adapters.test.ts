import { after, before, describe, it, mock } from 'node:test';
import { request as httpRequest } from 'node:http';
import assert from 'node:assert/strict';
import { createBff } from '../../bff/app.js';
import { createNodeBff, createUndiciTransport, nodeLogger } from '../../bff/node.js';
import { serveApp } from '../../bff/serve.js';
import {
  createFetchTransport,
  MAX_UPSTREAM_BODY_BYTES,
  UpstreamResponseTooLarge,
} from '../../bff/transport-fetch.js';
import type { BffOptions, LogEntry } from '../../bff/types.js';
import { mintEmbedToken } from '../../bff/token.js';
import { FakeClock } from './fake-clock.js';
import { API_KEY, idSequence, PORTAL, SESSION_SECRET, SIGNING_SECRET, START } from './harness.js';
import { closedPort, startLocalUpstream, type UpstreamHandler } from './local-upstream.js';
import { UPDATED_AT, USER_ID } from './fake-partner-api.js';

const ok: UpstreamHandler = (seen) => ({
  status: 200,
  body: {
    userId: USER_ID,
    externalId: decodeURIComponent(seen.path.slice('/v1/users/'.length)),
    status: 'active',
    updatedAt: UPDATED_AT,
  },
});

let handler: UpstreamHandler = ok;
let upstream: Awaited<ReturnType<typeof startLocalUpstream>>;
before(async () => {
  upstream = await startLocalUpstream(SIGNING_SECRET, (seen, response) => handler(seen, response));
});
after(() => upstream.close());

function options(clock: FakeClock, logs: LogEntry[] = []): BffOptions {
  return {
    apiBaseUrl: upstream.url,
    apiKey: API_KEY,
    signingSecret: SIGNING_SECRET,
    sessionSecret: SESSION_SECRET,
    allowedOrigins: [PORTAL],
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0,
    logger: (entry) => logs.push(entry),
    newId: idSequence(),
  };
}

async function patch(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  externalId: string,
) {
  const token = await mintEmbedToken({ secret: SESSION_SECRET, externalId, now: () => START });
  return app.request('/api/profile', {
    method: 'PATCH',
    headers: {
      Origin: PORTAL,
      Authorization: `Bearer ${token}`,
      Cookie: 'portal_session=abc',
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ city: 'Montréal' }),
  });
}

const runtimes = [
  ['the Node adapters (undici Pool, node:crypto)', (o: BffOptions) => createNodeBff(o)],
  [
    'the web defaults (fetch, Web Crypto)',
    (o: BffOptions) => ({ app: createBff(o), close: async () => {} }),
  ],
] as const;

for (const [name, build] of runtimes) {
  describe(`the BFF over a real socket with ${name}`, () => {
    it('sends a signed request the upstream verifies, and relays its answer', async () => {
      handler = ok;
      const bff = build(options(new FakeClock(START)));
      try {
        const response = await patch(bff.app, 'café-user');
        assert.equal(response.status, 200);
        assert.equal((await response.json()).externalId, 'café-user');
        const seen = upstream.seen.at(-1)!;
        assert.equal(seen.method, 'PATCH');
        assert.equal(seen.path, '/v1/users/caf%C3%A9-user');
        assert.equal(seen.signatureValid, true);
        assert.equal(seen.body.toString(), '{"city":"Montréal"}');
        assert.equal(seen.headers['x-api-key'], API_KEY);
        assert.equal(seen.headers.cookie, undefined);
        assert.equal(seen.headers.authorization, undefined);
      } finally {
        await bff.close();
      }
    });

    it('aborts an attempt at its timeout and answers 504', async () => {
      handler = () => 'hold';
      const clock = new FakeClock(START);
      // The attempt's deadline is the save's: no time is left for a retry.
      const bff = build({ ...options(clock), upstreamTimeoutMs: 5_000 });
      try {
        const arrived = upstream.nextRequest();
        const answer = patch(bff.app, 'partner-user-42');
        const seen = await arrived;
        assert.ok(clock.fireNext(), 'the attempt timer is waiting');
        const response = await answer;
        assert.equal(response.status, 504);
        await seen.aborted;
      } finally {
        await bff.close();
        handler = ok;
      }
    });

    it('refuses an answer over 64 KiB, declared or chunked', async () => {
      const bff = build(options(new FakeClock(START)));
      try {
        handler = () => ({ status: 200, body: 'x'.repeat(70_000) });
        assert.equal((await patch(bff.app, 'partner-user-42')).status, 502);
        handler = (_, response) => {
          response.writeHead(200, { 'content-type': 'application/json' });
          for (let i = 0; i < 70; i++) response.write('x'.repeat(1024));
          response.end();
          return 'handled';
        };
        assert.equal((await patch(bff.app, 'partner-user-42')).status, 502);
      } finally {
        await bff.close();
        handler = ok;
      }
    });

    it('does not follow a redirect', async () => {
      handler = () => ({ status: 307, headers: { location: `${upstream.url}/elsewhere` } });
      const count = upstream.seen.length;
      const bff = build(options(new FakeClock(START)));
      try {
        assert.equal((await patch(bff.app, 'partner-user-42')).status, 502);
        assert.equal(upstream.seen.length, count + 1);
      } finally {
        await bff.close();
        handler = ok;
      }
    });
  });
}

describe('a network failure on the real socket', () => {
  it('is retried, then answered 502', async () => {
    const port = await closedPort();
    const logs: LogEntry[] = [];
    // Backoffs pass at once; attempt timers never fire (the failure comes first).
    const sleep = (ms: number, signal?: AbortSignal) =>
      ms < 1000
        ? Promise.resolve()
        : new Promise<void>((_, reject) =>
            signal?.addEventListener('abort', () => reject(signal.reason)),
          );
    const undici = createUndiciTransport(`http://127.0.0.1:${port}`);
    for (const transport of [undici, createFetchTransport()]) {
      logs.length = 0;
      const app = createBff({
        ...options(new FakeClock(START), logs),
        apiBaseUrl: `http://127.0.0.1:${port}`,
        transport,
        sleep,
      });
      const response = await patch(app, 'partner-user-42');
      assert.equal(response.status, 502);
      assert.ok((logs[0]?.attempts ?? 0) > 1);
      assert.match(logs[0]?.problem ?? '', /^could not reach the Partner API/);
    }
    await undici.close();
  });
});

describe('createUndiciTransport', () => {
  it('refuses a URL outside its origin', async () => {
    const transport = createUndiciTransport(upstream.url);
    try {
      await assert.rejects(
        transport({
          url: 'https://elsewhere.test/v1/users/x',
          path: '/v1/users/x',
          method: 'PATCH',
          headers: {},
          body: new Uint8Array(),
          signal: new AbortController().signal,
        }),
        TypeError,
      );
    } finally {
      await transport.close();
    }
  });

  /** One request through a fresh transport to the local upstream, answered by `answer`. */
  async function through(answer: UpstreamHandler, signal = new AbortController().signal) {
    handler = answer;
    const transport = createUndiciTransport(upstream.url);
    try {
      return await transport({
        url: `${upstream.url}/v1/users/x`,
        path: '/v1/users/x',
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: new TextEncoder().encode('{}'),
        signal,
      });
    } finally {
      handler = ok;
      await transport.close();
    }
  }

  it('answers the status, the text and any header by name, repeats joined', async () => {
    const response = await through((_, res) => {
      res.writeHead(429, [
        ['Content-Type', 'application/json'],
        ['Retry-After', '7'],
        ['X-Twice', 'a'],
        ['x-twice', 'b'],
      ]);
      res.end('\uFEFF{"error":"rate_limited","message":"Montréal"}');
      return 'handled';
    });
    assert.equal(response.status, 429);
    assert.equal(response.text, '{"error":"rate_limited","message":"Montréal"}');
    assert.equal(response.headers.get('retry-after'), '7');
    assert.equal(response.headers.get('Retry-After'), '7');
    assert.equal(response.headers.get('x-twice'), 'a, b');
    assert.equal(response.headers.get('x-absent'), null);
  });

  it('refuses an answer over 64 KiB, declared or not', async () => {
    const big = 'x'.repeat(MAX_UPSTREAM_BODY_BYTES + 1);
    await assert.rejects(
      through(() => ({ status: 200, body: big })),
      UpstreamResponseTooLarge,
    );
    await assert.rejects(
      through((_, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        for (let i = 0; i < big.length; i += 8192) res.write(big.slice(i, i + 8192));
        res.end();
        return 'handled';
      }),
      UpstreamResponseTooLarge,
    );
    const exact = await through(() => ({ status: 200, body: big.slice(1) }));
    assert.equal(exact.text.length, MAX_UPSTREAM_BODY_BYTES);
  });

  it('tears the request down when its signal aborts, with the signal’s reason', async () => {
    const abort = new AbortController();
    const arrived = upstream.nextRequest();
    const sending = through(() => 'hold', abort.signal);
    const seen = await arrived;
    abort.abort(new DOMException('The attempt timed out', 'TimeoutError'));
    await assert.rejects(sending, { name: 'TimeoutError' });
    await seen.aborted;
    const already = new AbortController();
    already.abort(new DOMException('over', 'AbortError'));
    await assert.rejects(through(ok, already.signal), { name: 'AbortError' });
  });

  it('createNodeBff refuses a bad base URL before opening anything', () => {
    assert.throws(
      () => createNodeBff({ ...options(new FakeClock(START)), apiBaseUrl: 'not a url' }),
      /apiBaseUrl must be an absolute http\(s\) URL/,
    );
  });
});

describe('createNodeBff served by @hono/node-server', () => {
  /** A PATCH over a real socket: `chunks` pieces of JSON-padding, chunked or with a length. */
  function send(url: string, token: string, body: string, chunked: boolean): Promise<number> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(`${url}/api/profile`, {
        method: 'PATCH',
        headers: {
          Origin: PORTAL,
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          ...(chunked
            ? { 'Transfer-Encoding': 'chunked' }
            : { 'Content-Length': String(Buffer.byteLength(body)) }),
        },
      });
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      for (let i = 0; i < body.length; i += 1024) request.write(body.slice(i, i + 1024));
      request.end();
    });
  }

  it('reads the body from Node’s stream, within the limit and not past it', async () => {
    handler = ok;
    const bff = createNodeBff(options(new FakeClock(START)));
    const server = await serveApp(bff.app, { port: 0 });
    try {
      const token = await mintEmbedToken({
        secret: SESSION_SECRET,
        externalId: 'partner-user-42',
        now: () => START,
      });
      const exact = '{"city":"Toronto"}'.padEnd(16_384, ' ');
      assert.equal(await send(server.url, token, exact, true), 200);
      assert.equal(await send(server.url, token, exact, false), 200);
      assert.equal(upstream.seen.at(-1)?.body.toString(), '{"city":"Toronto"}');
      assert.equal(await send(server.url, token, `${exact} `.repeat(4), true), 413);
    } finally {
      await server.close();
      await bff.close();
    }
  });

  it('logs one JSON line per request to stdout by default', async () => {
    const lines: string[] = [];
    const write = mock.method(process.stdout, 'write', (line: string) => (lines.push(line), true));
    try {
      nodeLogger({ level: 'info', msg: 'request', status: 200 });
    } finally {
      write.mock.restore();
    }
    assert.equal(lines.length, 1);
    assert.ok(lines[0]!.endsWith('\n'));
    assert.equal(JSON.parse(lines[0]!).status, 200);
  });
});
