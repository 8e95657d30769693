/**
 * examples/worker.ts, bundled as wrangler would, run in workerd (through miniflare from npm)
 * against the sandbox on 127.0.0.1. Requests come from a second worker over a service binding, as
 * a browser's would through Cloudflare's edge: a large body sent straight through
 * `dispatchFetch` to a worker that refuses it unread resets the connection.
 *
 * Also: an upstream that stalls on a second request, after the first one finished, is cut off
 * at the deadline (504). A Worker's timers die with the request that armed them, so a deadline
 * shared between requests would never fire there.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Miniflare } from 'miniflare';
import { serveSandbox, type RunningSandbox } from '../../sandbox/index.js';
import { bundleExample } from './support/bundle.js';
import {
  runtimeEnv,
  runtimeScenarios,
  save,
  userToken,
  type RuntimeUnderTest,
} from './support/scenarios.js';

const DEADLINE_MS = 1500;

// Forwards every request to the BFF; `x-test-body-bytes: N` has it make an N-byte body itself.
const CLIENT = `export default {
  async fetch(request, env) {
    const bytes = Number(request.headers.get('x-test-body-bytes') ?? 0);
    if (bytes === 0) return env.BFF.fetch(request);
    const headers = new Headers(request.headers);
    headers.delete('x-test-body-bytes');
    const body = JSON.stringify({ city: 'x'.repeat(bytes) });
    return env.BFF.fetch(request.url, { method: 'PATCH', headers, body });
  },
};`;

describe('the BFF in workerd (examples/worker.ts through miniflare)', { timeout: 120_000 }, () => {
  let dir: string;
  let mf: Miniflare;
  let sandbox: RunningSandbox;
  let runtime: RuntimeUnderTest;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'boca-workerd-'));
    sandbox = await serveSandbox({ port: 0, logger: () => {} });
    const scriptPath = await bundleExample('examples/worker.ts', dir);
    mf = new Miniflare({
      host: '127.0.0.1',
      workers: [
        {
          name: 'client',
          modules: true,
          script: CLIENT,
          compatibilityDate: '2025-09-01',
          serviceBindings: { BFF: 'bff' },
        },
        {
          name: 'bff',
          modules: true,
          scriptPath,
          modulesRoot: dir,
          compatibilityDate: '2025-09-01',
          bindings: runtimeEnv(sandbox.url, DEADLINE_MS),
        },
      ],
    });
    await mf.ready;
    const base = 'https://bff.example';
    const send = async (path: string, init?: RequestInit) =>
      (await mf.dispatchFetch(`${base}${path}`, init as never)) as unknown as Response;
    runtime = {
      send,
      sendLarge: (bytes, headers) =>
        send('/api/profile', {
          method: 'PATCH',
          headers: { ...headers, 'x-test-body-bytes': String(bytes) },
        }),
      sandbox,
    };
  });

  after(async () => {
    await mf?.dispose();
    await sandbox?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  runtimeScenarios(() => runtime);

  it('cuts off an upstream that stalls on a second request, after the first finished: 504 at the deadline', async () => {
    const token = await userToken();
    const first = await save(runtime, token, { city: 'Montréal' });
    assert.equal(first.status, 200);
    sandbox.sandbox.injectFault({ kind: 'stall', ms: 30_000, times: Infinity });
    try {
      const started = performance.now();
      const second = await save(runtime, token, { city: 'Sherbrooke' });
      const elapsed = performance.now() - started;
      assert.equal(second.status, 504, JSON.stringify(second.body));
      assert.equal(second.body.error, 'gateway_timeout');
      // The deadline holds (with room for a busy machine), where a dead shared timer never fires.
      assert.ok(elapsed < DEADLINE_MS + 3000, `answered after ${Math.round(elapsed)} ms`);
    } finally {
      sandbox.sandbox.clearFaults();
    }
  });
});
