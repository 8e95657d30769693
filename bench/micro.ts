/**
 * Micro-benchmarks of the work the BFF does per request, run in a process of their own: each
 * operation runs a warm-up, then a fixed number of timed iterations; the figure is µs per operation.
 *
 * @example
 *   const rows = await micro.run<MicroRow[]>({ iterations: 100_000 }, 60_000);
 */
import { performance } from 'node:perf_hooks';
import { checkPatch, isoDate } from '../contract/profile.js';
import { formatTimestamp, signRequest } from '../contract/signing.js';
import { nodeHmacSha256 } from '../contract/signing-node.js';
import { webHmacSha256 } from '../contract/signing-web.js';
import {
  createEmbedTokenVerifier,
  mintEmbedToken,
  nodeLogger,
  verifyEmbedToken,
  type LogEntry,
} from '../bff/index.js';
import {
  EXTERNAL_ID,
  PATCH,
  PATCH_BODY,
  SESSION_SECRET,
  SIGNING_SECRET,
  UPSTREAM_PATH,
} from './lib/fixtures.js';
import { serveJobs } from './lib/ipc.js';
import { createConcurrencyLimit } from '../bff/limits/concurrency.js';
import { createMemoryStore } from '../bff/stores/memory.js';

export interface MicroRow {
  name: string;
  microsPerOp: number;
  iterations: number;
}

interface Operation {
  name: string;
  /** Async operations are awaited one after the other, as one request does. */
  run: () => unknown;
  /** A smaller count for operations that cost tens of µs. */
  iterations?: number;
}

let sink: unknown;

async function time(operation: Operation, iterations: number): Promise<MicroRow> {
  const count = operation.iterations ?? iterations;
  const warmup = Math.max(1_000, count / 10);
  const probe = operation.run();
  const isAsync = probe instanceof Promise;
  await probe;
  const loop = async (n: number) => {
    if (isAsync) for (let i = 0; i < n; i++) sink = await operation.run();
    else for (let i = 0; i < n; i++) sink = operation.run();
  };
  await loop(warmup);
  const start = performance.now();
  await loop(count);
  const elapsed = performance.now() - start;
  return { name: operation.name, microsPerOp: (elapsed * 1000) / count, iterations: count };
}

async function operations(): Promise<Operation[]> {
  const today = isoDate(Date.now());
  const tokenOptions = { secret: SESSION_SECRET, hmac: nodeHmacSha256 };
  const token = await mintEmbedToken({ ...tokenOptions, externalId: EXTERNAL_ID });
  const verifier = createEmbedTokenVerifier(tokenOptions);
  // The line the BFF writes for a successful save; stdout is /dev/null in this process.
  const entry: LogEntry = {
    level: 'info',
    msg: 'request',
    requestId: 'req-6f1c2a4e-3b5d-4e8f-9a7b-1c2d3e4f5a6b',
    method: 'PATCH',
    route: '/api/profile',
    status: 200,
    durationMs: 2,
    upstreamStatus: 200,
    attempts: 1,
  };
  // The per-user limit and revocation check, over 1000 users, none of them over the limit.
  const store = createMemoryStore();
  const rule = { limit: 1_000_000, periodMs: 60_000 };
  let user = 0;
  const admit = () =>
    store.admit({ user: `user-${user++ % 1000}`, tokenId: 'jti', now: Date.now(), rule });
  const inFlight = createConcurrencyLimit({ max: 32, waitMs: 1000, sleep: async () => {} });
  const nothing = () => Promise.resolve();
  const sign = (hmac: typeof nodeHmacSha256) => () =>
    signRequest(hmac, SIGNING_SECRET, {
      method: 'PATCH',
      pathAndQuery: UPSTREAM_PATH,
      timestamp: formatTimestamp(Date.now()),
      body: PATCH_BODY,
    });
  return [
    {
      name: 'token: verifyEmbedToken, first sight (HMAC, decode, claims)',
      run: () => verifyEmbedToken(token, tokenOptions),
    },
    { name: "token: the BFF's verifier, a token seen before", run: () => verifier(token) },
    { name: 'JSON.parse of the patch', run: () => JSON.parse(PATCH_BODY) },
    {
      name: 'validation: checkPatch',
      run: () => checkPatch(PATCH, { today, storedCountry: 'CA' }),
    },
    { name: 'signing: signRequest, node:crypto', run: sign(nodeHmacSha256) },
    { name: 'signing: signRequest, Web Crypto', run: sign(webHmacSha256), iterations: 5_000 },
    { name: 'logging: nodeLogger, one JSON line to /dev/null', run: () => nodeLogger(entry) },
    { name: 'limits: per-user limit and revocation, memory store', run: admit },
    {
      name: 'limits: a place among the upstream requests in flight',
      run: () => inFlight.run(nothing, {}),
    },
  ];
}

serveJobs(async (job) => {
  const { iterations } = job as { iterations: number };
  const rows: MicroRow[] = [];
  for (const operation of await operations()) rows.push(await time(operation, iterations));
  void sink;
  return rows;
});
