/**
 * A 502 for an unreachable Partner API is logged with the failure's own cause (its code and
 * message, found down the `cause` chain), never a secret or a URL's credentials: on fakes, and on
 * real sockets with both transports (undici's Pool and `fetch`).
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { describe, it } from 'node:test';
import { createBff } from '../../bff/app.js';
import { failureCause } from '../../bff/failure-cause.js';
import { createNodeBff } from '../../bff/node.js';
import { mintEmbedToken } from '../../bff/token.js';
import type { LogEntry } from '../../bff/types.js';
import {
  API_KEY,
  expectError,
  makeBff,
  PORTAL,
  SESSION_SECRET,
  SIGNING_SECRET,
  USER,
} from './harness.js';

const refused = () =>
  new TypeError('fetch failed', {
    cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
  });

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('failureCause', () => {
  it('finds the innermost code and message', () => {
    assert.equal(failureCause(refused()), 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9');
    assert.equal(failureCause(new Error('socket hang up')), 'socket hang up');
    assert.equal(failureCause('a string'), undefined);
    assert.equal(failureCause(Object.assign(new Error(''), { cause: {} })), undefined);
  });

  it('cuts credentials out of URLs and bounds its length', () => {
    const error = new Error('cannot reach https://user:s3cret@partner-api.example/v1', {
      cause: undefined,
    });
    assert.equal(failureCause(error), 'cannot reach https://partner-api.example/v1');
    assert.equal(failureCause(new Error('x'.repeat(500)))!.length, 200);
  });
});

describe('when the Partner API cannot be reached', () => {
  it('logs the 502 with the cause, on fakes', async () => {
    const t = makeBff({ transport: () => Promise.reject(refused()) });
    await expectError(await t.patch({ city: 'Laval' }), 502, 'bad_gateway');
    const entry = t.logs.at(-1)!;
    assert.equal(entry.errorName, 'TypeError');
    assert.equal(entry.cause, 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9');
    assert.match(entry.problem ?? '', /^could not reach the Partner API/);
    const line = JSON.stringify(t.logs);
    for (const secret of [API_KEY, SIGNING_SECRET, SESSION_SECRET]) {
      assert.ok(!line.includes(secret));
    }
  });

  for (const [name, build] of [
    [
      'undici Pool (createNodeBff)',
      (options: Parameters<typeof createBff>[0]) => createNodeBff(options),
    ],
    [
      'fetch (createBff)',
      (options: Parameters<typeof createBff>[0]) => ({
        app: createBff(options),
        close: async () => {},
      }),
    ],
  ] as const) {
    it(`logs ECONNREFUSED from a real socket through ${name}`, async () => {
      const logs: LogEntry[] = [];
      const bff = build({
        apiBaseUrl: `http://127.0.0.1:${await closedPort()}`,
        apiKey: API_KEY,
        signingSecret: SIGNING_SECRET,
        sessionSecret: SESSION_SECRET,
        allowedOrigins: [PORTAL],
        upstreamTimeoutMs: 2000,
        logger: (entry) => logs.push(entry),
      });
      // The BFF's own timers let the process exit; this test waits for them.
      const alive = setInterval(() => {}, 1000);
      try {
        const token = await mintEmbedToken({ secret: SESSION_SECRET, externalId: USER });
        const response = await bff.app.request('/api/profile', {
          method: 'PATCH',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: '{"city":"Laval"}',
        });
        assert.equal(response.status, 502);
        assert.match(logs.at(-1)?.cause ?? '', /^ECONNREFUSED: /);
      } finally {
        clearInterval(alive);
        await bff.close();
      }
    });
  }
});
