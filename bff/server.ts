#!/usr/bin/env node
/**
 * `npm run bff`, and the package's `boca-bff` command: the BFF alone, configured by environment
 * (see `config.ts`), on http://127.0.0.1:8787 unless `HOST`/`PORT` say otherwise. It refuses to
 * start, naming every missing or bad variable, when the configuration is incomplete. It has no
 * `loadProfile` hook, so `GET /api/profile` answers 501: a partner who wants it mounts
 * `createNodeBff` in their own server.
 *
 * On `SIGTERM` (or `SIGINT`) it drains: new connections are refused, the saves in flight finish
 * (each within `BOCA_UPSTREAM_TIMEOUT_MS`; the drain is cut off one second after that), then the
 * sockets to the Partner API and Redis close and it exits 0.
 *
 * @example
 *   BOCA_API_BASE_URL=http://127.0.0.1:4010 BOCA_API_KEY=sandbox-api-key \
 *   BOCA_SIGNING_SECRET=sandbox-signing-secret BOCA_SESSION_SECRET=$(openssl rand -hex 32) \
 *   BOCA_ALLOWED_ORIGINS=http://127.0.0.1:8787 npm run bff
 */
import { configFromEnv } from './config.js';
import { createNodeBff } from './node.js';
import { serveApp, type RunningServer } from './serve.js';

const result = configFromEnv(process.env);
if (!result.ok) {
  console.error('The BFF cannot start; fix its configuration:');
  for (const problem of result.problems) console.error(`  ${problem}`);
  process.exit(1);
}

const { port, host, ...options } = result.config;
const bff = createNodeBff(options);
// Every save ends within its own deadline, retries included: the drain waits that long, and a second.
const drainMs = options.upstreamTimeoutMs + 1000;
let server: RunningServer;
try {
  server = await serveApp(bff.app, { port, hostname: host, graceMs: drainMs });
} catch (error) {
  const code = (error as { code?: string }).code;
  console.error(`The BFF cannot listen on ${host}:${port}${code ? ` (${code})` : ''}`);
  await bff.close();
  process.exit(1);
}
console.log(`BFF listening on ${server.url} (API under ${server.url}/api, health at /healthz)`);
console.log('No loadProfile hook here: GET /api/profile answers 501 (not_implemented).');
if (options.redisUrl) {
  // The URL may hold a password: it is not repeated.
  await bff.store.ping().then(
    () => console.log('Limits and revocations are shared through Redis.'),
    () => console.warn('Redis cannot be reached yet: /readyz answers 503 until it can.'),
  );
}

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: draining the requests in flight (at most ${drainMs} ms)`);
  await server.close();
  await bff.close();
  console.log('Drained; exiting');
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
