/**
 * Wraps the BFF's transport to record every signed attempt for the "what happened" panel: the
 * request as sent (API key redacted, signature shown), the canonical string it was signed over,
 * whether the signature verifies, and the answer or why none came. The BFF is unaware of it: it
 * is one more adapter behind the BFF's `transport` option.
 *
 * @example
 *   const transport = recordingTransport(createUndiciTransport(url), { log, apiKey, signingSecret });
 *   createNodeBff({ ...options, transport });
 */
import { nodeHmacSha256 } from '../contract/signing-node.js';
import { canonicalRequest, verifyRequest } from '../contract/signing.js';
import type { Transport } from '../bff/index.js';
import type { ExchangeLog } from './exchanges.js';
import { redactKey } from './redact.js';

const SHOWN_ANSWER_HEADERS = ['content-type', 'retry-after', 'x-request-id'];
const decoder = new TextDecoder();

export interface RecordingOptions {
  log: ExchangeLog;
  apiKey: string;
  signingSecret: string;
}

export function recordingTransport(inner: Transport, options: RecordingOptions): Transport {
  const { log, apiKey, signingSecret } = options;

  return async function recordedTransport(request) {
    const { method, path, url, headers, body } = request;
    const parts = {
      method,
      pathAndQuery: path,
      timestamp: headers['x-request-timestamp'] ?? '',
      body,
    };
    const signed = parts.timestamp !== '';
    const shownHeaders = { ...headers };
    if ('x-api-key' in shownHeaders) shownHeaders['x-api-key'] = redactKey(apiKey);
    const finish = log.beginAttempt({
      method,
      url,
      request: { headers: shownHeaders, body: decoder.decode(body) },
      canonical: signed ? canonicalRequest(parts) : '',
      signatureValid:
        signed &&
        (await verifyRequest(
          nodeHmacSha256,
          signingSecret,
          parts,
          headers['x-request-signature'] ?? '',
        )),
      status: null,
      response: null,
      failure: null,
    });
    try {
      const response = await inner(request);
      const answered: Record<string, string> = {};
      for (const name of SHOWN_ANSWER_HEADERS) {
        const value = response.headers.get(name);
        if (value !== null) answered[name] = value;
      }
      finish?.({ status: response.status, response: { headers: answered, body: response.text } });
      return response;
    } catch (error) {
      finish?.({
        failure: request.signal.aborted
          ? 'no answer in time: the BFF abandoned this attempt'
          : `no answer: ${error instanceof Error ? error.name : 'the connection failed'}`,
      });
      throw error;
    }
  };
}
