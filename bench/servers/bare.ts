/**
 * The bare forwarder: the floor for any BFF on Node. Plain `node:http` and the same undici `Pool`
 * transport as the BFF; it reads the browser's body and sends a pre-signed request upstream with a
 * fresh Idempotency-Key, with no token check, no validation and no signing per request.
 *
 * Env: UPSTREAM_URL, CONNECTIONS (the pool's size, default 64).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Pool } from 'undici';
import { PATCH_BODY, UPSTREAM_PATH } from '../lib/fixtures.js';
import { presign } from '../lib/presign.js';
import { announce } from '../lib/ipc.js';

const pool = new Pool(process.env.UPSTREAM_URL!, {
  connections: Number(process.env.CONNECTIONS ?? 64),
  pipelining: 1,
});
const signed = presign();

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', async () => {
    try {
      const upstream = await pool.request({
        method: 'PATCH',
        path: UPSTREAM_PATH,
        headers: { ...signed.headers(), 'idempotency-key': randomUUID() },
        body: PATCH_BODY,
      });
      const answer = Buffer.from(await upstream.body.arrayBuffer());
      res.writeHead(upstream.statusCode, { 'content-type': 'application/json' });
      res.end(answer);
    } catch {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end('{"error":"bad_gateway","message":"The upstream failed","requestId":"req-bare"}');
    }
  });
});
server.listen(0, '127.0.0.1', () => announce((server.address() as AddressInfo).port));
