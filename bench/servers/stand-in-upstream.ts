/**
 * A stand-in for the Partner API, used only until the sandbox exists: it checks the API key, the
 * timestamp window, the signature and the Idempotency-Key, and answers Update User's 200.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { nodeHmacSha256 } from '../../contract/signing-node.js';
import { isTimestampFresh, verifyRequest } from '../../contract/signing.js';
import { isUuid } from '../../contract/api.js';
import { API_KEY, SIGNING_SECRET } from '../lib/fixtures.js';
import { announce } from '../lib/ipc.js';

const userId = randomUUID();

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', async () => {
    const body = Buffer.concat(chunks).toString();
    const timestamp = String(req.headers['x-request-timestamp'] ?? '');
    const key = String(req.headers['idempotency-key'] ?? '');
    const signed = await verifyRequest(
      nodeHmacSha256,
      SIGNING_SECRET,
      { method: req.method!, pathAndQuery: req.url!, timestamp, body },
      String(req.headers['x-request-signature'] ?? ''),
    );
    const ok =
      req.headers['x-api-key'] === API_KEY &&
      isTimestampFresh(timestamp, Date.now()) &&
      signed &&
      isUuid(key);
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        ok
          ? {
              userId,
              externalId: decodeURIComponent(req.url!.split('/').pop()!),
              status: 'active',
              updatedAt: new Date().toISOString(),
            }
          : { error: 'unauthorized', message: 'Bad credentials', requestId: `req-${randomUUID()}` },
      ),
    );
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => announce((server.address() as AddressInfo).port));
