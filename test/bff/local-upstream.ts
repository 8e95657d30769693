/**
 * A tiny Partner API on a real socket (node:http, 127.0.0.1, an ephemeral port), for the tests of
 * the network adapters. It verifies each request's signature against a fixed clock and answers
 * with whatever the test's handler says.
 *
 * @example
 *   const upstream = await startLocalUpstream(() => ({ status: 200, body: {...} }));
 *   // … createNodeBff({ apiBaseUrl: upstream.url, … })
 *   await upstream.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyRequest } from '../../contract/signing.js';
import { nodeHmacSha256 } from '../../contract/signing-node.js';

export interface UpstreamSeen {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  signatureValid: boolean;
  /** Resolves when the BFF closed the connection before an answer (an abort). */
  aborted: Promise<void>;
}

export type UpstreamHandler = (
  seen: UpstreamSeen,
  response: ServerResponse,
) => { status: number; body?: unknown; headers?: Record<string, string> } | 'hold' | 'handled';

export async function startLocalUpstream(signingSecret: string, handler: UpstreamHandler) {
  const seen: UpstreamSeen[] = [];
  const arrivals: ((seen: UpstreamSeen) => void)[] = [];

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const body = Buffer.concat(chunks);
      const headers = request.headers;
      const aborted = new Promise<void>((resolve) =>
        response.on('close', () => {
          if (!response.writableFinished) resolve();
        }),
      );
      const entry: UpstreamSeen = {
        method: request.method ?? '',
        path: request.url ?? '',
        headers,
        body,
        aborted,
        signatureValid: await verifyRequest(
          nodeHmacSha256,
          signingSecret,
          {
            method: request.method ?? '',
            pathAndQuery: request.url ?? '',
            timestamp: String(headers['x-request-timestamp'] ?? ''),
            body,
          },
          String(headers['x-request-signature'] ?? ''),
        ),
      };
      seen.push(entry);
      arrivals.shift()?.(entry);
      const answer = handler(entry, response);
      if (answer === 'hold' || answer === 'handled') return;
      const text =
        answer.body === undefined
          ? ''
          : typeof answer.body === 'string'
            ? answer.body
            : JSON.stringify(answer.body);
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    /** Resolves with the next request to arrive. */
    nextRequest: () => new Promise<UpstreamSeen>((resolve) => arrivals.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 where nothing listens. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
