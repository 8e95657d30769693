/**
 * The naive BFF: what a first attempt looks like. Hono on @hono/node-server, Node's global
 * `fetch` to the upstream, and an HMAC computed per request with `createHmac`; no token check and
 * no validation, so everything it costs beyond the bare forwarder is the way it forwards.
 *
 * Env: UPSTREAM_URL.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { formatTimestamp } from '../../contract/signing.js';
import { API_KEY, BFF_PATH, SIGNING_SECRET, UPSTREAM_PATH } from '../lib/fixtures.js';
import { announce } from '../lib/ipc.js';

const upstream = process.env.UPSTREAM_URL!;
const app = new Hono();

app.patch(BFF_PATH, async (c) => {
  const body = await c.req.text();
  const timestamp = formatTimestamp(Date.now());
  const signature = createHmac('sha256', SIGNING_SECRET)
    .update(`PATCH\n${UPSTREAM_PATH}\n${timestamp}\n${body}`)
    .digest('hex');
  const response = await fetch(`${upstream}${UPSTREAM_PATH}`, {
    method: 'PATCH',
    headers: {
      'content-type': 'application/json',
      'x-api-key': API_KEY,
      'x-request-timestamp': timestamp,
      'x-request-signature': signature,
      'idempotency-key': c.req.header('idempotency-key') ?? randomUUID(),
    },
    body,
  });
  return c.body(await response.text(), response.status as 200, {
    'content-type': 'application/json',
  });
});

serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => announce(info.port));
