/**
 * A recording fake of the Partner API for in-process tests: it records every request that reaches
 * it (method, path as sent, headers, body, whether the signature is right) and answers Update
 * User with a 200. A test then asserts on exactly what reached the upstream, or that nothing did.
 *
 * @example
 *   const upstream = recordingUpstream({ apiKey, signingSecret });
 *   const bff = createBff({ ..., transport: upstream.transport });
 *   upstream.calls; // [{ method: 'PATCH', externalId: 'partner-user-42', body: '{"city":"Toronto"}', … }]
 */
import { verifyRequest } from '../../../contract/signing.js';
import { nodeHmacSha256 } from '../../../contract/signing-node.js';

export interface UpstreamCall {
  method: string;
  /** The path and query as the upstream received them. */
  pathAndQuery: string;
  /** The decoded last path segment, when the path is `/v1/users/{one segment}`. */
  externalId: string | undefined;
  headers: Record<string, string>;
  body: string;
  /** Whether the API key and the HMAC signature over the exact bytes are right. */
  authentic: boolean;
}

export interface RecordingUpstreamOptions {
  apiKey: string;
  signingSecret: string;
}

const USER_PATH = /^\/v1\/users\/([^/?#]+)$/;

export function recordingUpstream({ apiKey, signingSecret }: RecordingUpstreamOptions) {
  const calls: UpstreamCall[] = [];

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const pathAndQuery = `${url.pathname}${url.search}`;
    const body = await request.text();
    const headers = Object.fromEntries(request.headers);
    const segment = USER_PATH.exec(url.pathname)?.[1];
    const authentic =
      headers['x-api-key'] === apiKey &&
      (await verifyRequest(
        nodeHmacSha256,
        signingSecret,
        {
          method: request.method,
          pathAndQuery,
          timestamp: headers['x-request-timestamp'] ?? '',
          body,
        },
        headers['x-request-signature'] ?? '',
      ));
    const externalId = segment === undefined ? undefined : decodeURIComponent(segment);
    calls.push({ method: request.method, pathAndQuery, externalId, headers, body, authentic });
    return Response.json(
      {
        userId: '3f2b8c1e-6a4d-4f7b-9e2a-5c8d1b7e4a90',
        externalId: externalId ?? 'unknown',
        status: 'active',
        updatedAt: '2026-03-13T12:00:00Z',
      },
      { headers: { 'x-request-id': `req-${crypto.randomUUID()}` } },
    );
  }

  return {
    calls,
    handle,
    clear: () => {
      calls.length = 0;
    },
  };
}

export type RecordingUpstream = ReturnType<typeof recordingUpstream>;
