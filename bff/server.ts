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
 * With an OTLP endpoint in the standard `OTEL_*` variables it exports traces and metrics (see
 * `telemetry/otlp-env.ts`), and sends what is buffered after the drain; without one it loads no
 * OpenTelemetry SDK at all.
 *
 * @example
 *   BOCA_API_BASE_URL=http://127.0.0.1:4010 BOCA_API_KEY=sandbox-api-key \
 *   BOCA_SIGNING_SECRET=sandbox-signing-secret BOCA_SESSION_SECRET=$(openssl rand -hex 32) \
 *   BOCA_ALLOWED_ORIGINS=http://127.0.0.1:8787 npm run bff
 */
import { configFromEnv } from './config.js';
import { createNodeBff } from './node.js';
import { serveApp, type RunningServer } from './serve.js';
import { otlpFromEnv } from './telemetry/otlp-env.js';
import { startOtlp } from './telemetry/start.js';

const result = configFromEnv(process.env);
const otlp = otlpFromEnv(process.env);
if (!result.ok || !otlp.ok) {
  console.error('The BFF cannot start; fix its configuration:');
  const problems = [...(result.ok ? [] : result.problems), ...(otlp.ok ? [] : otlp.problems)];
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}

// Before the BFF is built, so that its first request is traced.
const telemetry = await startOtlp(otlp.settings);
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
  await telemetry?.shutdown();
  process.exit(1);
}
console.log(`BFF listening on ${server.url} (API under ${server.url}/api, health at /healthz)`);
console.log('No loadProfile hook here: GET /api/profile answers 501 (not_implemented).');
if (telemetry) console.log('Exporting traces and metrics over OTLP/HTTP.');
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
  // Last: the spans of the requests that were drained go out too.
  await telemetry?.shutdown();
  console.log('Drained; exiting');
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
