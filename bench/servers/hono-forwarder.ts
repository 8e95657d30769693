/**
 * The Hono forwarder: the bare forwarder's work (a pre-signed request with a fresh
 * Idempotency-Key, sent over an undici `Pool`) behind Hono on `@hono/node-server`, reading the
 * body with the BFF's own Node reader. It checks nothing, so the distance from the bare forwarder
 * is what Hono and its Node adapter cost, and the distance to our BFF is what the BFF's own work
 * costs.
 *
 * Env: UPSTREAM_URL.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { Pool } from 'undici';
import { readNodeBody } from '../../bff/index.js';
import { BFF_PATH, PATCH_BODY, UPSTREAM_PATH } from '../lib/fixtures.js';
import { presign } from '../lib/presign.js';
import { announce } from '../lib/ipc.js';

const pool = new Pool(process.env.UPSTREAM_URL!, { connections: 128, pipelining: 1 });
const signed = presign();
const app = new Hono();

app.patch(BFF_PATH, async (c) => {
  await readNodeBody(c.req.raw, c.env, 16 * 1024);
  const upstream = await pool.request({
    method: 'PATCH',
    path: UPSTREAM_PATH,
    headers: { ...signed.headers(), 'idempotency-key': randomUUID() },
    body: PATCH_BODY,
  });
  return c.body(await upstream.body.text(), upstream.statusCode as 200, {
    'content-type': 'application/json',
  });
});

serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => announce(info.port));
