/**
 * The Node body reader: the browser's body read straight from Node's `IncomingMessage`, which
 * `@hono/node-server` passes to the app as `env.incoming`, sparing the web stream that
 * `request.body` would build around it. The limit holds the same way as on the web stream.
 *
 * @example
 *   const bff = createBff({ ...options, readBody: readNodeBody });
 */
import { Readable } from 'node:stream';
import { readWebBody } from './body.js';
import type { BodyReader } from './types.js';

/**
 * Reads the body straight from Node's `IncomingMessage` (what `@hono/node-server` passes as
 * `env.incoming`), sparing the web stream that `request.body` would build around it; anywhere
 * else (`app.request`, another server) it reads the web stream. Past the limit it stops reading
 * and pauses the socket; the 413 that follows closes the connection.
 */
export const readNodeBody: BodyReader = (request, env, limit) => {
  const incoming = (env as { incoming?: unknown } | undefined)?.incoming;
  if (!(incoming instanceof Readable) || incoming.readableDidRead || incoming.readableEnded) {
    return readWebBody(request, env, limit);
  }
  return new Promise((resolve, reject) => {
    (incoming as Collecting)[COLLECT] = { chunks: [], size: 0, limit, resolve, reject };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
  });
};

// The listeners are shared, their state kept on the stream: nothing is allocated per request
// beyond the promise and the chunks.
const COLLECT = Symbol('collected body');

type Collecting = Readable & {
  [COLLECT]?: {
    chunks: Buffer[];
    size: number;
    limit: number;
    resolve(bytes: Uint8Array | null): void;
    reject(error: Error): void;
  };
};

function finish(incoming: Collecting) {
  const state = incoming[COLLECT]!;
  incoming[COLLECT] = undefined;
  incoming.off('data', onData);
  incoming.off('end', onEnd);
  incoming.off('error', onError);
  incoming.off('close', onClose);
  return state;
}

function onData(this: Collecting, chunk: Buffer) {
  const state = this[COLLECT]!;
  state.size += chunk.length;
  if (state.size <= state.limit) return void state.chunks.push(chunk);
  finish(this);
  this.pause();
  state.resolve(null);
}

function onEnd(this: Collecting) {
  const { chunks, size, resolve } = finish(this);
  resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
}

function onError(this: Collecting, error: Error) {
  finish(this).reject(error);
}

function onClose(this: Collecting) {
  finish(this).reject(new Error('the request was aborted'));
}
