/**
 * `SIGTERM` drains `npm run bff` (bff/server.ts, spawned with tsx) in front of a fake Partner API
 * that holds its answers: a save in flight when the signal arrives still completes, new
 * connections are refused, and the process exits 0. The drain is bounded: a save can outlast it
 * only up to its own deadline (answered 504), and a client that never finishes sending its
 * request is cut off, so the process still exits 0 long before Node's own 30 s request timeout.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { mintEmbedToken } from '../../bff/token.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = 'drain-test-session-secret-0123456789';
const ORIGIN = 'http://127.0.0.1:8787';

/** A Partner API that answers only when told (or never). */
async function stalledUpstream() {
  const held: { response: ServerResponse; externalId: string }[] = [];
  const arrivals: (() => void)[] = [];
  const server = createServer((req: IncomingMessage, response) => {
    req.resume();
    const externalId = decodeURIComponent(req.url!.split('/').pop()!);
    held.push({ response, externalId });
    arrivals.shift()?.();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Resolves when a request has arrived and is being held. */
    arrived: () =>
      held.length > 0 ? Promise.resolve() : new Promise<void>((resolve) => arrivals.push(resolve)),
    release() {
      for (const { response, externalId } of held.splice(0)) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            userId: '6f1c2b1e-8a8e-4a53-9a43-3c5d2f1a0b7e',
            externalId,
            status: 'active',
            updatedAt: '2026-03-13T12:00:01Z',
          }),
        );
      }
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function startBff(upstreamUrl: string, extra: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('BOCA_') && key !== 'PORT' && key !== 'HOST') env[key] = value;
  }
  Object.assign(env, {
    BOCA_API_BASE_URL: upstreamUrl,
    BOCA_API_KEY: 'drain-key',
    BOCA_SIGNING_SECRET: 'drain-signing-secret',
    BOCA_SESSION_SECRET: SECRET,
    BOCA_ALLOWED_ORIGINS: ORIGIN,
    PORT: '0',
    ...extra,
  });
  const child = spawn(process.execPath, ['--import', 'tsx', 'bff/server.ts'], { cwd: root, env });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));

  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  // Never left behind, whatever the test does.
  const killer = setTimeout(() => child.kill('SIGKILL'), 25_000);
  child.stderr.resume();
  void exited.finally(() => clearTimeout(killer));
  const waitFor = async (pattern: RegExp) => {
    for (let i = 0; i < 400; i++) {
      const match = pattern.exec(stdout);
      if (match) return match;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`never printed ${pattern}: ${stdout}`);
  };
  return { child, exited, waitFor, out: () => stdout };
}

async function save(url: string, city: string) {
  const token = await mintEmbedToken({ secret: SECRET, externalId: 'partner-user-42' });
  const response = await fetch(`${url}/api/profile`, {
    method: 'PATCH',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      origin: ORIGIN,
    },
    body: JSON.stringify({ city }),
  });
  return { status: response.status, body: await response.json() };
}

/** A fresh connection's fate: refused, or answered. */
function freshConnection(port: number): Promise<string> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
      res.resume();
      resolve(`answered ${res.statusCode}`);
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end();
  });
}

describe('SIGTERM drains npm run bff', { timeout: 30_000 }, () => {
  it('completes a save in flight, refuses new connections, then exits 0', async () => {
    const upstream = await stalledUpstream();
    const bff = startBff(upstream.url);
    try {
      const [, url, port] = await bff.waitFor(/listening on (http:\/\/127\.0\.0\.1:(\d+))/);
      const saving = save(url!, 'Ottawa');
      await upstream.arrived();
      bff.child.kill('SIGTERM');
      await bff.waitFor(/SIGTERM: draining/);
      assert.equal(await freshConnection(Number(port)), 'ECONNREFUSED');
      upstream.release();
      const answer = await saving;
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.externalId, 'partner-user-42');
      assert.equal(await bff.exited, 0);
      assert.match(bff.out(), /Drained; exiting/);
    } finally {
      bff.child.kill('SIGKILL');
      await upstream.close();
    }
  });

  it('is bounded: a stalled save ends at its own deadline and a stalled client is cut off', async () => {
    const upstream = await stalledUpstream();
    const bff = startBff(upstream.url, { BOCA_UPSTREAM_TIMEOUT_MS: '1000' });
    try {
      const [, url, port] = await bff.waitFor(/listening on (http:\/\/127\.0\.0\.1:(\d+))/);
      const saving = save(url!, 'Ottawa');
      await upstream.arrived();
      // A client that sends half a request and then nothing: only the drain's bound ends it.
      const dripping = connect(Number(port), '127.0.0.1');
      await new Promise((resolve) => dripping.once('connect', resolve));
      const token = await mintEmbedToken({ secret: SECRET, externalId: 'partner-user-7' });
      dripping.write(
        `PATCH /api/profile HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${token}\r\n` +
          'content-type: application/json\r\ncontent-length: 100\r\n\r\n{',
      );
      let answered = '';
      dripping.on('data', (chunk) => (answered += chunk));
      const cut = new Promise((resolve) => dripping.once('close', resolve));
      dripping.on('error', () => {});

      bff.child.kill('SIGTERM');
      await bff.waitFor(/SIGTERM: draining the requests in flight \(at most 2000 ms\)/);
      const answer = await saving;
      assert.equal(answer.status, 504);
      assert.equal(answer.body.error, 'gateway_timeout');
      await cut;
      assert.equal(answered, '', 'cut off, never answered');
      assert.equal(await bff.exited, 0);
    } finally {
      bff.child.kill('SIGKILL');
      await upstream.close();
    }
  });
});
