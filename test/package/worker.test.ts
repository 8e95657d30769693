/**
 * examples/worker.ts: the BFF as a Workers-style `fetch(request, env)` handler on web-standard
 * APIs only. Called directly with `new Request(…)` and an env object; its upstream is the
 * sandbox's `app.fetch`, reached through the fetch-based transport; Web Crypto signs.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { mintEmbedToken } from '../../bff/web.js';
import { createSandbox, type Sandbox } from '../../sandbox/index.js';
import worker, { createWorker, type Env, type Worker } from '../../examples/worker.js';
import { createRecords } from '../../examples/partner-records.js';
import { moduleGraph } from './support/imports.js';
import {
  getProfile,
  patchProfile,
  PORTAL_ORIGIN,
  SESSION_SECRET,
  USER,
} from './support/partner.js';

const env: Env = {
  BOCA_API_BASE_URL: 'https://partner-api.example',
  BOCA_API_KEY: 'sandbox-api-key',
  BOCA_SIGNING_SECRET: 'sandbox-signing-secret',
  BOCA_SESSION_SECRET: SESSION_SECRET,
  BOCA_ALLOWED_ORIGINS: PORTAL_ORIGIN,
};
const API = 'https://bff.example/api';

let sandbox: Sandbox;
let handler: Worker;
let upstreamUrls: string[];
const send = (url: string | URL | Request, init?: RequestInit) =>
  handler.fetch(new Request(url, init), env);

describe('the BFF as a Workers-style handler (examples/worker.ts)', () => {
  beforeEach(() => {
    sandbox = createSandbox({ logger: () => {} });
    upstreamUrls = [];
    handler = createWorker({
      fetch: (input, init) => {
        upstreamUrls.push(input);
        return Promise.resolve(sandbox.app.fetch(new Request(input, init)));
      },
      loadProfile: createRecords().load,
      logger: () => {},
    });
  });

  it('saves an edit end to end, signed with Web Crypto, with a token from mintEmbedToken', async () => {
    const token = await mintEmbedToken({ secret: SESSION_SECRET, externalId: USER });
    const key = crypto.randomUUID();
    const saved = await patchProfile(API, token, { email: 'jane@example.org' }, { key, send });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.externalId, USER);
    assert.equal(saved.headers.get('access-control-allow-origin'), PORTAL_ORIGIN);
    assert.deepEqual(upstreamUrls, ['https://partner-api.example/v1/users/partner-user-42']);
    assert.equal(sandbox.getUser(USER)?.email, 'jane@example.org');
    assert.equal(sandbox.appliedCount(key), 1);
  });

  it('answers GET /api/profile from loadProfile, and /healthz', async () => {
    const token = await mintEmbedToken({ secret: SESSION_SECRET, externalId: USER });
    const first = await getProfile(API, token, { send });
    assert.equal(first.status, 200);
    assert.equal(first.body.lastName, 'Doe');
    const health = await send('https://bff.example/healthz');
    assert.equal(health.status, 200);
  });

  it('builds its app again when the env changes', async () => {
    const token = await mintEmbedToken({ secret: SESSION_SECRET, externalId: USER });
    assert.equal((await getProfile(API, token, { send })).status, 200);
    const moved = { ...env, BOCA_ALLOWED_ORIGINS: 'https://new-portal.example' };
    const sendMoved = (url: string | URL | Request, init?: RequestInit) =>
      handler.fetch(new Request(url, init), moved);
    assert.equal((await getProfile(API, token, { send: sendMoved })).status, 403);
  });

  it('refuses a token minted with another secret', async () => {
    const token = await mintEmbedToken({ secret: 'y'.repeat(40), externalId: USER });
    const refused = await patchProfile(API, token, { city: 'Laval' }, { send });
    assert.equal(refused.status, 401);
    assert.equal(refused.body.error, 'unauthorized');
    assert.deepEqual(upstreamUrls, []);
  });

  it('answers 503 naming nothing secret when its env is incomplete, and logs which variables', async (t) => {
    const logged = t.mock.method(console, 'error', () => {});
    const response = await handler.fetch(new Request(`${API}/profile`), {
      BOCA_API_KEY: 'sandbox-api-key',
      BOCA_SIGNING_SECRET: 'sandbox-signing-secret',
    });
    assert.equal(response.status, 503);
    const body = (await response.json()) as Record<string, string>;
    assert.equal(body.error, 'service_unavailable');
    assert.match(body.requestId!, /^req-/);
    const line = String(logged.mock.calls[0]?.arguments[0]);
    for (const name of ['BOCA_API_BASE_URL', 'BOCA_SESSION_SECRET', 'BOCA_ALLOWED_ORIGINS']) {
      assert.match(line, new RegExp(name));
    }
    assert.doesNotMatch(line + JSON.stringify(body), /sandbox-signing-secret|sandbox-api-key/);
  });

  it('answers 503, not a 500, when given a Redis URL it cannot use', async (t) => {
    const logged = t.mock.method(console, 'error', () => {});
    const withRedis = { ...env, BOCA_REDIS_URL: 'redis://:hunter2@cache:6379' };
    const response = await handler.fetch(new Request(`${API}/profile`), withRedis);
    assert.equal(response.status, 503);
    assert.equal(((await response.json()) as Record<string, string>).error, 'service_unavailable');
    const line = String(logged.mock.calls[0]?.arguments[0]);
    assert.match(line, /BOCA_REDIS_URL needs the Node entry/);
    assert.doesNotMatch(line, /hunter2/);
  });

  it('has a default export with fetch(request, env)', async (t) => {
    t.mock.method(console, 'error', () => {});
    assert.equal(typeof worker.fetch, 'function');
    assert.equal((await worker.fetch(new Request(`${API}/profile`), {})).status, 503);
  });

  it('loads no Node-only module: only hono and zod/mini, through the web entry', () => {
    const { files, packages } = moduleGraph('examples/worker.ts');
    assert.ok(files.has('bff/web.ts') && files.has('bff/app.ts'));
    assert.ok(!files.has('bff/node.ts') && !files.has('bff/index.ts'));
    const runtime = [...packages].filter((p) => p !== 'hono' && !p.startsWith('hono/'));
    // zod's mini build only: the full one would be most of the Worker's size.
    assert.deepEqual(runtime.sort(), ['zod/mini']);
  });
});
