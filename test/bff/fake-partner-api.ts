/**
 * A small fake of Boca Raton's Partner API behind the BFF's `Transport` interface. It checks
 * each request as the real one would (API key, signature with `contract/signing.ts`, timestamp
 * within 60 s of the fake clock) and answers 401 when they are wrong; otherwise it plays the
 * scripted answers in order, then 200 with the documented body.
 *
 * @example
 *   const api = createFakePartnerApi({ apiKey, signingSecret, now: clock.now });
 *   api.script({ status: 503, body: { error: 'internal_error', … } }, 'network');
 *   api.requests[0].signatureValid; // true
 */
import { isTimestampFresh, verifyRequest } from '../../contract/signing.js';
import { nodeHmacSha256 } from '../../contract/signing-node.js';
import type { Transport, TransportRequest, TransportResponse } from '../../bff/types.js';

export interface ScriptedAnswer {
  status: number;
  /** An object is sent as JSON, a string as it is. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** `network`: the request fails as a refused connection would; `hang`: no answer until aborted. */
export type Script =
  ScriptedAnswer | 'network' | 'hang' | ((request: RecordedRequest) => ScriptedAnswer);

export interface RecordedRequest {
  url: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  /** A copy of the bytes as sent. */
  body: Uint8Array;
  bodyText: string;
  signatureValid: boolean;
  timestampFresh: boolean;
  /** The fake clock when it arrived. */
  at: number;
  /** Whether the BFF aborted it before it was answered (an attempt timeout). */
  aborted: boolean;
  answered: boolean;
}

export interface FakePartnerApiOptions {
  apiKey: string;
  signingSecret: string;
  now: () => number;
  origin?: string;
}

export const USER_ID = '6f1c2b1e-8a8e-4a53-9a43-3c5d2f1a0b7e';
export const UPDATED_AT = '2026-03-13T12:00:01Z';

export const errorBody = (error: string, message: string, extra: Record<string, unknown> = {}) => ({
  error,
  message,
  requestId: 'req-upstream-0001',
  ...extra,
});

function answer({ status, body, headers = {} }: ScriptedAnswer): TransportResponse {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { status, headers: { get: (name) => lower.get(name.toLowerCase()) ?? null }, text };
}

export function createFakePartnerApi(options: FakePartnerApiOptions) {
  const { apiKey, signingSecret, now, origin = 'https://partner-api.test' } = options;
  const requests: RecordedRequest[] = [];
  const queue: Script[] = [];

  const transport: Transport = async (request: TransportRequest) => {
    const headers = { ...request.headers };
    const timestamp = headers['x-request-timestamp'] ?? '';
    const recorded: RecordedRequest = {
      url: request.url,
      path: request.path,
      method: request.method,
      headers,
      body: request.body.slice(),
      bodyText: new TextDecoder().decode(request.body),
      signatureValid: await verifyRequest(
        nodeHmacSha256,
        signingSecret,
        { method: request.method, pathAndQuery: request.path, timestamp, body: request.body },
        headers['x-request-signature'] ?? '',
      ),
      timestampFresh: isTimestampFresh(timestamp, now()),
      at: now(),
      aborted: false,
      answered: false,
    };
    requests.push(recorded);
    request.signal.addEventListener('abort', () => (recorded.aborted ||= !recorded.answered), {
      once: true,
    });
    const respond = (scripted: ScriptedAnswer) => {
      recorded.answered = true;
      return answer(scripted);
    };

    if (
      headers['x-api-key'] !== apiKey ||
      !recorded.signatureValid ||
      !recorded.timestampFresh ||
      request.url !== origin + request.path
    ) {
      return respond({ status: 401, body: errorBody('unauthorized', 'Bad API key or signature') });
    }
    const next = queue.shift();
    if (next === 'network') throw new TypeError('fetch failed: connect ECONNREFUSED');
    if (next === 'hang') {
      return new Promise<TransportResponse>((_, reject) =>
        request.signal.addEventListener('abort', () => reject(request.signal.reason), {
          once: true,
        }),
      );
    }
    if (typeof next === 'function') return respond(next(recorded));
    if (next) return respond(next);
    const prefix = '/v1/users/';
    const externalId = decodeURIComponent(
      request.path.slice(request.path.indexOf(prefix) + prefix.length),
    );
    return respond({
      status: 200,
      body: { userId: USER_ID, externalId, status: 'active', updatedAt: UPDATED_AT },
    });
  };

  return {
    transport,
    requests,
    /** Queues answers for the next requests, in order. */
    script(...answers: Script[]) {
      queue.push(...answers);
    },
  };
}

export type FakePartnerApi = ReturnType<typeof createFakePartnerApi>;
