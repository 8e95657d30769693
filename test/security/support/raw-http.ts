/**
 * Raw HTTP/1.1 over a `net` socket, for the attacks a well-behaved client library will not make:
 * lying or malformed `Content-Length`, chunked bodies with no length, bodies that drip in.
 *
 * @example
 *   const answer = await rawExchange(port, [head('PATCH', '/api/profile', { 'content-length': '5' }), '{}'], {
 *     timeoutMs: 2000,
 *   });
 *   answer.status; // 400
 */
import { connect } from 'node:net';

export interface RawAnswer {
  /** The status of the first response, or 0 when none arrived. */
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from connecting to the first complete response (or to the end). */
  elapsedMs: number;
  /** Whether the server closed the connection before the deadline. */
  closedByServer: boolean;
  /** Whether the deadline passed with no complete response. */
  timedOut: boolean;
  /** Every byte received, for checks over the whole answer. */
  raw: string;
}

export interface ExchangeOptions {
  /** Give up after this long. */
  timeoutMs: number;
  /** Wait this long between sending parts (a slow, dripping client). */
  gapMs?: number;
  /** Keep reading until the server closes, rather than stopping at the first full response. */
  untilClose?: boolean;
}

/** The request line and headers, ending with the blank line. */
export function head(method: string, path: string, headers: Record<string, string>): string {
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** One chunk of a chunked body. */
export const chunk = (data: string | Buffer) =>
  Buffer.concat([
    Buffer.from(`${Buffer.byteLength(data).toString(16)}\r\n`),
    Buffer.from(data),
    Buffer.from('\r\n'),
  ]);

export const LAST_CHUNK = '0\r\n\r\n';

interface Parsed {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Parses the first complete response out of `data`, or `undefined` while it is incomplete. */
export function parseResponse(data: Buffer, ended: boolean): Parsed | undefined {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const lines = data.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = data.subarray(end + 4);
  if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    if (rest.length < length) return undefined;
    return { status, headers, body: rest.subarray(0, length).toString('utf8') };
  }
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
    const pieces: Buffer[] = [];
    let at = 0;
    for (;;) {
      const lineEnd = rest.indexOf('\r\n', at);
      if (lineEnd < 0) return undefined;
      const size = parseInt(rest.subarray(at, lineEnd).toString('latin1'), 16);
      if (Number.isNaN(size)) return undefined;
      if (size === 0) return { status, headers, body: Buffer.concat(pieces).toString('utf8') };
      if (rest.length < lineEnd + 2 + size + 2) return undefined;
      pieces.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
  }
  // No framing: the body runs to the end of the connection.
  return ended || status === 204 || status === 304
    ? { status, headers, body: rest.toString('utf8') }
    : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Connects to 127.0.0.1:`port`, writes `parts` one after another (with `gapMs` between them), and
 * resolves with the first complete response, or what there was when the deadline passed. The
 * socket is always destroyed before this resolves.
 */
export function rawExchange(
  port: number,
  parts: (string | Buffer)[],
  { timeoutMs, gapMs = 0, untilClose = false }: ExchangeOptions,
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect({ host: '127.0.0.1', port });
    const received: Buffer[] = [];
    let closedByServer = false;
    let done = false;

    const finish = (timedOut: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      socket.destroy();
      const data = Buffer.concat(received);
      const parsed = parseResponse(data, true);
      resolve({
        status: parsed?.status ?? 0,
        headers: parsed?.headers ?? {},
        body: parsed?.body ?? '',
        elapsedMs: performance.now() - started,
        closedByServer,
        timedOut,
        raw: data.toString('latin1'),
      });
    };
    const deadline = setTimeout(() => finish(true), timeoutMs);

    socket.on('data', (data) => {
      received.push(data);
      if (!untilClose && parseResponse(Buffer.concat(received), false)) finish(false);
    });
    socket.on('end', () => {
      closedByServer = true;
      finish(false);
    });
    socket.on('close', () => {
      closedByServer = true;
      finish(false);
    });
    // A reset after the server answered and closed is expected: the answer is what counts.
    socket.on('error', () => finish(false));

    socket.once('connect', async () => {
      for (const [index, part] of parts.entries()) {
        if (done || socket.destroyed) return;
        if (index > 0 && gapMs > 0) await sleep(gapMs);
        if (done || socket.destroyed) return;
        socket.write(part);
      }
    });
  });
}
