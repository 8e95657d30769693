import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { Hono } from 'hono';
import { serveApp } from '../../bff/serve.js';
import { makeBff, PORTAL } from './harness.js';

function portalWith(bff: Hono, prefix = '/') {
  const portal = new Hono();
  portal.get('/', (c) => c.html('<h1>Portal</h1>'));
  portal.onError((_, c) => c.text('portal error', 500));
  portal.notFound((c) => c.text('portal 404', 404));
  portal.route(prefix, bff);
  return portal;
}

async function patchThrough(
  app: Hono,
  path: string,
  headers: Record<string, string>,
  body: string,
) {
  return app.request(path, {
    method: 'PATCH',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body,
  });
}

describe('mounted in a partner Hono app', () => {
  it("serves its routes with its own errors, and leaves the partner's pages alone", async () => {
    const t = makeBff();
    const portal = portalWith(t.app as unknown as Hono);
    const headers = await t.headersFor({});

    const page = await portal.request('/');
    assert.equal(await page.text(), '<h1>Portal</h1>');
    assert.equal(page.headers.get('content-security-policy'), null);
    assert.equal(page.headers.get('x-request-id'), null);
    assert.equal((await portal.request('/elsewhere')).status, 404);
    assert.equal(await (await portal.request('/elsewhere')).text(), 'portal 404');

    assert.equal(
      (await patchThrough(portal, '/api/profile', headers, '{"city":"Toronto"}')).status,
      200,
    );
    const bad = await patchThrough(portal, '/api/profile', headers, '{"nickname":"x"}');
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).error, 'bad_request');
    assert.match(bad.headers.get('x-request-id') ?? '', /^req-/);
    assert.equal(bad.headers.get('access-control-allow-origin'), PORTAL);

    const missing = await portal.request('/api/nothing');
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).error, 'not_found');
    assert.equal((await portal.request('/healthz')).status, 200);
  });

  it('works under a prefix', async () => {
    const t = makeBff();
    const portal = portalWith(t.app as unknown as Hono, '/boca');
    const response = await patchThrough(
      portal,
      '/boca/api/profile',
      await t.headersFor({}),
      '{"city":"Toronto"}',
    );
    assert.equal(response.status, 200);
    assert.equal((await portal.request('/boca/healthz')).status, 200);
  });
});

/** Sends a chunked PATCH over a real socket and resolves with the status. */
function sendChunked(
  url: string,
  headers: Record<string, string>,
  chunks: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${url}/api/profile`, {
      method: 'PATCH',
      headers: { ...headers, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
    });
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    let sent = 0;
    const writeMore = () => {
      while (sent < chunks) {
        sent++;
        if (!request.write(' '.repeat(1024))) return request.once('drain', writeMore);
      }
      request.end();
    };
    writeMore();
  });
}

describe('served on its own with @hono/node-server', () => {
  it('answers over HTTP, refuses a chunked body past 16 KiB, and closes cleanly', async () => {
    const t = makeBff();
    const server = await serveApp(t.app, { port: 0 });
    try {
      assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const health = await fetch(`${server.url}/healthz`);
      assert.deepEqual(await health.json(), { status: 'ok' });
      const headers = await t.headersFor({});
      const status = await sendChunked(server.url, headers, 64);
      assert.equal(status, 413);
    } finally {
      await server.close();
    }
    await assert.rejects(fetch(`${server.url}/healthz`));
  });

  it('rejects when the port is taken', async () => {
    const t = makeBff();
    const first = await serveApp(t.app, { port: 0 });
    try {
      await assert.rejects(serveApp(t.app, { port: first.port }), /EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});
