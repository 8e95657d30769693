/**
 * The default transport: the runtime's global `fetch`, so the BFF runs on any runtime. On Node,
 * `createUndiciTransport` (`node.ts`) costs about a third of the CPU.
 *
 * Every transport reads at most {@link MAX_UPSTREAM_BODY_BYTES} of an answer: the Partner API's
 * answers are a few hundred bytes, and a runaway one must not fill the BFF's memory.
 *
 * @example
 *   const bff = createBff({ ...options, transport: createFetchTransport() });
 */
import type { Transport } from './types.js';

export const MAX_UPSTREAM_BODY_BYTES = 64 * 1024;

/** An answer longer than {@link MAX_UPSTREAM_BODY_BYTES}: garbage, never retried. */
export class UpstreamResponseTooLarge extends Error {
  override name = 'UpstreamResponseTooLarge';
  constructor() {
    super(`the Partner API answered more than ${MAX_UPSTREAM_BODY_BYTES} bytes`);
  }
}

const decoder = new TextDecoder();

async function readLimited(body: ReadableStream<Uint8Array> | null): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_UPSTREAM_BODY_BYTES) {
      reader.cancel().catch(() => {});
      throw new UpstreamResponseTooLarge();
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return decoder.decode(chunks[0]);
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return decoder.decode(bytes);
}

/** A {@link Transport} over a `fetch` function (the global one by default). */
export function createFetchTransport(fetchImpl: typeof fetch = globalThis.fetch): Transport {
  return async function fetchTransport({ url, method, headers, body, signal }) {
    const response = await fetchImpl(url, {
      method,
      headers,
      body: body as Uint8Array<ArrayBuffer>,
      signal,
      redirect: 'manual',
    });
    const declared = Number(response.headers.get('content-length'));
    if (declared > MAX_UPSTREAM_BODY_BYTES) {
      response.body?.cancel().catch(() => {});
      throw new UpstreamResponseTooLarge();
    }
    return {
      status: response.status,
      headers: response.headers,
      text: await readLimited(response.body),
    };
  };
}
