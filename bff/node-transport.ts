/**
 * The Node transport: one undici `Pool` to the Partner API's origin, kept alive. On Node 20 it
 * costs about a third of the CPU of the global `fetch` per request. It honours the attempt's
 * `AbortSignal`, never follows a redirect and reads at most 64 KiB of an answer. Answers are
 * gathered by a dispatch handler of its own rather than through `Pool.request`'s body stream.
 *
 * @example
 *   const transport = createUndiciTransport('https://partner-api.bocaraton.com');
 *   const bff = createBff({ ...options, transport });
 *   // on shutdown
 *   await transport.close();
 */
import { Pool } from 'undici';
import { MAX_UPSTREAM_BODY_BYTES, UpstreamResponseTooLarge } from './transport-fetch.js';
import type { Transport, TransportResponse } from './types.js';

export interface UndiciTransportOptions {
  /** Sockets kept open to the Partner API at most; 128 by default. */
  connections?: number;
  /** How long an idle socket stays open, in ms; 30000 by default. */
  keepAliveTimeout?: number;
}

/** A transport that owns sockets, and so can be closed. */
export interface ClosableTransport extends Transport {
  close(): Promise<void>;
}

/**
 * The answer's raw headers behind the `get` of the transport interface: looked up when asked
 * (the BFF asks for one or two), never parsed into a record.
 */
class RawHeaders {
  constructor(private readonly raw: readonly Buffer[]) {}

  get(name: string): string | null {
    const wanted = name.toLowerCase();
    let value: string | null = null;
    for (let i = 0; i + 1 < this.raw.length; i += 2) {
      const key = this.raw[i]!;
      if (key.length !== wanted.length || key.toString('latin1').toLowerCase() !== wanted) continue;
      const found = this.raw[i + 1]!.toString('latin1');
      value = value === null ? found : `${value}, ${found}`;
    }
    return value;
  }
}

const BOM = 0xfeff;

/**
 * One request's answer, gathered straight from undici's dispatcher: its status, raw headers and
 * at most {@link MAX_UPSTREAM_BODY_BYTES} of body, with none of the stream and parsed-header
 * record that `Pool.request` builds around them (about a tenth of the BFF's CPU a request). It
 * is also the attempt's abort listener: the signal tears the request down.
 */
class Answer {
  private abortRequest: ((reason?: Error) => void) | undefined;
  private status = 0;
  private raw: Buffer[] = [];
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private done = false;

  constructor(
    private readonly signal: AbortSignal,
    private readonly resolve: (response: TransportResponse) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    signal.addEventListener('abort', this);
  }

  /** The signal aborted: the request is torn down (and `onError` rejects with the reason). */
  handleEvent(): void {
    this.abortRequest?.(this.signal.reason as Error);
  }

  onConnect(abort: (reason?: Error) => void): void {
    this.abortRequest = abort;
    if (this.signal.aborted) abort(this.signal.reason as Error);
  }

  onHeaders(status: number, raw: Buffer[]): boolean {
    // 1xx answers are informational: the real one follows.
    if (status < 200) return true;
    this.status = status;
    this.raw = raw;
    const declared = Number(new RawHeaders(raw).get('content-length') ?? Number.NaN);
    if (declared > MAX_UPSTREAM_BODY_BYTES) this.tooLarge();
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.size += chunk.length;
    if (this.size > MAX_UPSTREAM_BODY_BYTES) this.tooLarge();
    else this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    if (!this.finish()) return;
    const { chunks } = this;
    const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.size);
    const text = bytes.toString('utf8');
    // As `fetch`'s and undici's own text(): a byte order mark is not part of the text.
    this.resolve({
      status: this.status,
      headers: new RawHeaders(this.raw),
      text: text.charCodeAt(0) === BOM ? text.slice(1) : text,
    });
  }

  onError(error: unknown): void {
    if (this.finish()) this.reject(error);
  }

  private tooLarge(): void {
    if (!this.finish()) return;
    this.reject(new UpstreamResponseTooLarge());
    this.abortRequest?.(new UpstreamResponseTooLarge());
  }

  /** Settles once: false when already settled. */
  private finish(): boolean {
    if (this.done) return false;
    this.done = true;
    this.signal.removeEventListener('abort', this);
    return true;
  }
}

/**
 * A {@link Transport} over one undici `Pool` to the Partner API's origin. It honours the attempt's
 * `AbortSignal` (the request is torn down), never follows redirects, and reads at most 64 KiB.
 */
export function createUndiciTransport(
  apiBaseUrl: string,
  options: UndiciTransportOptions = {},
): ClosableTransport {
  const origin = new URL(apiBaseUrl).origin;
  const pool = new Pool(origin, {
    connections: options.connections ?? 128,
    keepAliveTimeout: options.keepAliveTimeout ?? 30_000,
  });

  const send: Transport = function undiciTransport({ url, path, method, headers, body, signal }) {
    if (!url.startsWith(origin) || url.length !== origin.length + path.length) {
      return Promise.reject(new TypeError('this transport only reaches its own origin'));
    }
    return new Promise<TransportResponse>((resolve, reject) => {
      pool.dispatch(
        { path, method: method as 'PATCH', headers, body },
        new Answer(signal, resolve, reject),
      );
    });
  };
  return Object.assign(send, { close: () => pool.close() });
}
