/**
 * A recording fake of the Partner API, plugged into the BFF as its `transport`: it records every
 * request that reaches it exactly as the BFF would put it on the wire (method, path, headers, body
 * bytes, and whether the API key and signature are right) and answers Update User with a 200. A
 * test then asserts on exactly what reached the upstream, or that nothing did.
 *
 * @example
 *   const upstream = recordingUpstream({ apiKey, signingSecret });
 *   const app = createBff({ ...options, transport: upstream.transport });
 *   upstream.calls; // [{ method: 'PATCH', externalId: 'partner-user-42', body: '{"city":"Toronto"}', … }]
 *   upstream.failNext('network'); // the next request fails as a dropped connection would
 */
import { verifyRequest } from '../../../contract/signing.js';
import { nodeHmacSha256 } from '../../../contract/signing-node.js';
import type { Transport, TransportResponse } from '../../../bff/index.js';

export interface UpstreamCall {
  method: string;
  /** The path exactly as the BFF signed and sent it. */
  path: string;
  /** The decoded last path segment, when the path is `/v1/users/{one segment}`. */
  externalId: string | undefined;
  headers: Readonly<Record<string, string>>;
  body: string;
  /** Whether the API key and the HMAC signature over the exact bytes are right. */
  authentic: boolean;
}

export type UpstreamFailure = '401' | '500' | '503' | 'garbage' | 'network';

export interface RecordingUpstreamOptions {
  apiKey: string;
  signingSecret: string;
}

const USER_PATH = /^\/v1\/users\/([^/?#]+)$/;
const decoder = new TextDecoder();

const answer = (status: number, body: unknown): TransportResponse => {
  const headers = new Headers({
    'content-type': 'application/json',
    'x-request-id': `req-${crypto.randomUUID()}`,
  });
  return { status, headers, text: typeof body === 'string' ? body : JSON.stringify(body) };
};

const errorAnswer = (status: number, error: string) =>
  answer(status, { error, message: `upstream ${error}`, requestId: `req-${crypto.randomUUID()}` });

export function recordingUpstream({ apiKey, signingSecret }: RecordingUpstreamOptions) {
  const calls: UpstreamCall[] = [];
  const failures: UpstreamFailure[] = [];

  const transport: Transport = async ({ method, path, headers, body }) => {
    const text = decoder.decode(body);
    const segment = USER_PATH.exec(path)?.[1];
    const authentic =
      headers['x-api-key'] === apiKey &&
      (await verifyRequest(
        nodeHmacSha256,
        signingSecret,
        { method, pathAndQuery: path, timestamp: headers['x-request-timestamp'] ?? '', body },
        headers['x-request-signature'] ?? '',
      ));
    const externalId = segment === undefined ? undefined : decodeURIComponent(segment);
    calls.push({ method, path, externalId, headers: { ...headers }, body: text, authentic });

    switch (failures.shift()) {
      case '401':
        return errorAnswer(401, 'unauthorized');
      case '500':
        return errorAnswer(500, 'internal_error');
      case '503':
        return errorAnswer(503, 'internal_error');
      case 'garbage':
        return answer(200, '<html>not the Partner API</html>');
      case 'network':
        throw new TypeError('fetch failed');
      case undefined:
        return answer(200, {
          userId: '3f2b8c1e-6a4d-4f7b-9e2a-5c8d1b7e4a90',
          externalId: externalId ?? 'unknown',
          status: 'active',
          updatedAt: '2026-03-13T12:00:00Z',
        });
    }
  };

  return {
    calls,
    transport,
    /** Makes the next request fail this way (queued: call it several times for several). */
    failNext: (failure: UpstreamFailure) => void failures.push(failure),
    clear: () => {
      calls.length = 0;
      failures.length = 0;
    },
  };
}

export type RecordingUpstream = ReturnType<typeof recordingUpstream>;
