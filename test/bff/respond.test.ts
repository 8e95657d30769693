import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import { createOriginPolicy } from '../../bff/origin.js';
import { createResponder, type BffEnv } from '../../bff/respond.js';

const PORTAL = 'https://portal.example.com';

function appWith(handler: (respond: ReturnType<typeof createResponder>) => (c: never) => Response) {
  const respond = createResponder(createOriginPolicy([PORTAL]));
  const app = new Hono<BffEnv>();
  app.use(async (c, next) => {
    c.set('bff', { requestId: 'req-1', startedAt: 0, origin: c.req.header('origin'), log: {} });
    await next();
    respond.frame(c, c.res);
  });
  app.get('/', handler(respond) as never);
  return app;
}

describe('the responder', () => {
  it('builds answers with every header at once', async () => {
    const app = appWith((respond) => (c) => respond.json(c, 201, { a: 1 }, { 'Retry-After': '5' }));
    const response = await app.request('/', { headers: { Origin: PORTAL } });
    assert.equal(response.status, 201);
    assert.deepEqual(await response.json(), { a: 1 });
    assert.equal(response.headers.get('content-type'), 'application/json');
    assert.equal(response.headers.get('retry-after'), '5');
    assert.equal(response.headers.get('x-request-id'), 'req-1');
    assert.equal(response.headers.get('vary'), 'Origin');
    assert.equal(response.headers.get('access-control-allow-origin'), PORTAL);
  });

  it('frames an answer made elsewhere, keeping its own Vary', async () => {
    const app = appWith(() => (c: never) => (c as { text(t: string): Response }).text('plain'));
    const response = await app.request('/', { headers: { Origin: 'https://evil.example' } });
    assert.equal(await response.text(), 'plain');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('x-request-id'), 'req-1');
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    assert.match(response.headers.get('vary') ?? '', /Origin/);
  });
});
