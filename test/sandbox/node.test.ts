/**
 * The sandbox on real sockets (127.0.0.1, port 0): dropped connections and stalls as a client
 * sees them, the example script, and the `npm run sandbox` entry.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { serveSandbox, type RunningSandbox } from '../../sandbox/node.js';
import { formatTimestamp, signRequest } from '../../contract/signing.js';
import { nodeHmacSha256 } from '../../contract/signing-node.js';
import { API_KEY, fakeClock, JANE, SECRET } from './helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const KEY = '7e6d5c4b-3a29-4817-9605-f4e3d2c1b0a9';

async function signedFetch(
  base: string,
  now: number,
  method: string,
  path: string,
  body = '',
  extra = {},
) {
  const timestamp = formatTimestamp(now);
  const signature = await signRequest(nodeHmacSha256, SECRET, {
    method,
    pathAndQuery: path,
    timestamp,
    body,
  });
  return fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body ? { 'Content-Type': 'application/json' } : {}),
      'X-Api-Key': API_KEY,
      'X-Request-Timestamp': timestamp,
      'X-Request-Signature': signature,
      ...extra,
    },
    ...(body ? { body } : {}),
    signal: AbortSignal.timeout(5_000),
  });
}

/** Runs a TypeScript entry with tsx; resolves with its exit code and output. */
function run(
  file: string,
  env: Record<string, string>,
  onStdout?: (text: string, kill: () => void) => void,
) {
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
    onStdout?.(stdout, () => child.kill('SIGTERM'));
  });
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  return once(child, 'exit').then(([code]) => {
    clearTimeout(timer);
    return { code: code as number | null, stdout, stderr };
  });
}

describe('serveSandbox on a real socket', () => {
  const clock = fakeClock();
  let running: RunningSandbox;
  const body = JSON.stringify({ city: 'Ottawa' });

  before(async () => {
    running = await serveSandbox({ port: 0, now: clock.now, logger: () => {} });
  });
  after(() => running.close());

  it('listens on 127.0.0.1 at the real port it reports', async () => {
    assert.notEqual(running.port, 0);
    assert.equal(running.url, `http://127.0.0.1:${running.port}`);
    assert.equal((await signedFetch(running.url, clock.now(), 'GET', JANE)).status, 200);
  });

  it('verifies the request target exactly as sent on the wire', async () => {
    const res = await signedFetch(running.url, clock.now(), 'GET', '/v1/users/partner%2Duser%2D42');
    assert.equal(res.status, 200, 'signed over the encoded form, found by the decoded id');
  });

  it('signs over the raw request target, even where a URL parser would re-encode it', async () => {
    // A URL parser turns the quotes into %27 (the % makes the Node adapter parse this one); the
    // sandbox must verify what was sent.
    const path = `${JANE}?note='hi%21'`;
    const timestamp = formatTimestamp(clock.now());
    const signature = await signRequest(nodeHmacSha256, SECRET, {
      method: 'GET',
      pathAndQuery: path,
      timestamp,
      body: '',
    });
    const status = await new Promise<number>((resolve, reject) => {
      // An options object, not a URL string: Node then sends the path exactly as given.
      const req = request({
        host: '127.0.0.1',
        port: running.port,
        path,
        headers: {
          'X-Api-Key': API_KEY,
          'X-Request-Timestamp': timestamp,
          'X-Request-Signature': signature,
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 200);
  });

  it('drops the connection before processing: the client sees a network error, nothing applied', async () => {
    running.sandbox.reset();
    running.sandbox.injectFault({ kind: 'drop' });
    await assert.rejects(
      signedFetch(running.url, clock.now(), 'PATCH', JANE, body, { 'Idempotency-Key': KEY }),
      TypeError,
    );
    assert.equal(running.sandbox.appliedCount(), 0);
    const retry = await signedFetch(running.url, clock.now(), 'PATCH', JANE, body, {
      'Idempotency-Key': KEY,
    });
    assert.equal(retry.status, 200);
    assert.equal(running.sandbox.appliedCount(KEY), 1);
  });

  it('drops the connection after processing: applied once, the retry gets the replayed answer', async () => {
    running.sandbox.reset();
    running.sandbox.injectFault({ kind: 'drop', phase: 'after' });
    await assert.rejects(
      signedFetch(running.url, clock.now(), 'PATCH', JANE, body, { 'Idempotency-Key': KEY }),
      TypeError,
    );
    assert.equal(running.sandbox.appliedCount(KEY), 1);
    const retry = await signedFetch(running.url, clock.now(), 'PATCH', JANE, body, {
      'Idempotency-Key': KEY,
    });
    assert.equal(retry.status, 200);
    assert.equal(retry.headers.get('Idempotent-Replayed'), 'true');
    assert.equal(running.sandbox.appliedCount(KEY), 1);
  });

  it('stalls: a client with a short deadline gives up, the sandbox still answers later ones', async () => {
    running.sandbox.reset();
    running.sandbox.injectFault({ kind: 'stall', ms: 10_000 });
    const timestamp = formatTimestamp(clock.now());
    const signature = await signRequest(nodeHmacSha256, SECRET, {
      method: 'GET',
      pathAndQuery: JANE,
      timestamp,
      body: '',
    });
    const started = performance.now();
    await assert.rejects(
      fetch(`${running.url}${JANE}`, {
        headers: {
          'X-Api-Key': API_KEY,
          'X-Request-Timestamp': timestamp,
          'X-Request-Signature': signature,
        },
        signal: AbortSignal.timeout(150),
      }),
      { name: 'TimeoutError' },
    );
    assert.ok(performance.now() - started < 2_000);
    assert.equal((await signedFetch(running.url, clock.now(), 'GET', JANE)).status, 200);
    running.sandbox.clearFaults(); // ends the stalled request so close() does not wait for it
  });

  it('refuses a port that is taken with EADDRINUSE', async () => {
    await assert.rejects(serveSandbox({ port: running.port, logger: () => {} }), {
      code: 'EADDRINUSE',
    });
  });
});

describe('the example script', () => {
  it(
    'signs and sends the documented Update User request and gets 200',
    { timeout: 20_000 },
    async () => {
      const running = await serveSandbox({ port: 0, logger: () => {} });
      try {
        const result = await run('scripts/sign-and-send.ts', { SANDBOX_URL: running.url });
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stdout, /^200 OK\n\{"userId":/);
        const jane = running.sandbox.getUser('partner-user-42')!;
        assert.deepEqual(
          [jane.addressLine1, jane.city, jane.postalCode],
          ['456 Queen St W', 'Toronto', 'M5V 1Z8'],
        );
      } finally {
        await running.close();
      }
    },
  );
});

describe('npm run sandbox (sandbox/server.ts)', () => {
  it(
    'starts on SANDBOX_PORT, prints its URL, answers, and stops cleanly on SIGTERM',
    { timeout: 20_000 },
    async () => {
      let url = '';
      let answered: Promise<number> | undefined;
      const result = await run(
        'sandbox/server.ts',
        { SANDBOX_PORT: '0', SANDBOX_RATE_LIMIT: '5' },
        (stdout, stop) => {
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
          if (match && !url) {
            url = match[1]!;
            answered = signedFetch(url, Date.now(), 'GET', JANE).then((res) => res.status);
            answered.finally(stop);
          }
        },
      );
      assert.equal(await answered, 200);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /rate limit: 5\/min/);
      assert.match(result.stdout, /"path":"\/v1\/users\/partner-user-42","status":200/);
      assert.match(result.stdout, /SIGTERM, stopping/);
    },
  );

  it(
    'exits 1 with a clear message, no stack trace, for a bad variable',
    { timeout: 20_000 },
    async () => {
      const result = await run('sandbox/server.ts', {
        SANDBOX_PORT: '0',
        SANDBOX_RATE_LIMIT: 'lots',
      });
      assert.equal(result.code, 1);
      assert.equal(
        result.stderr.trim(),
        'sandbox: SANDBOX_RATE_LIMIT must be a whole number from 1 to 9007199254740991 (got "lots")',
      );
    },
  );

  it('exits 1 naming SANDBOX_PORT when the port is taken', { timeout: 20_000 }, async () => {
    const taken = await serveSandbox({ port: 0, logger: () => {} });
    try {
      const result = await run('sandbox/server.ts', { SANDBOX_PORT: String(taken.port) });
      assert.equal(result.code, 1);
      assert.match(result.stderr, /port \d+ is already in use; set SANDBOX_PORT/);
    } finally {
      await taken.close();
    }
  });
});
