/**
 * Our BFF as a partner runs it: `createNodeBff` (undici `Pool`, `node:crypto`, Node's body reader)
 * with the real options and every check on. Its limits are checked on every request but set
 * where the load generator's one user at thousands of requests a second never reaches them:
 * their cost is measured, not their refusals. Its log is its default, one JSON line per request on
 * stdout, which the orchestrator sends to /dev/null.
 *
 * Env: UPSTREAM_URL; BFF_OPTIONS, JSON of more `createNodeBff` options (other limits, a
 * `redisUrl`, say); BENCH_TRACING=1 registers an OpenTelemetry SDK whose exporters drop
 * everything; BENCH_LIMITS=off gives the BFF a store that admits everything (`admitting-store.ts`),
 * its limits as good as off.
 */
import { createNodeBff, serveApp } from '../../bff/index.js';
import { admittingStore } from '../lib/admitting-store.js';
import { registerDroppingSdk } from '../lib/dropping-sdk.js';
import {
  API_KEY,
  PORTAL_ORIGIN,
  SESSION_SECRET,
  SIGNING_SECRET,
  UNREACHED_LIMITS,
} from '../lib/fixtures.js';
import { announce } from '../lib/ipc.js';

if (process.env.BENCH_TRACING === '1') registerDroppingSdk();

const bff = createNodeBff({
  apiBaseUrl: process.env.UPSTREAM_URL!,
  apiKey: API_KEY,
  signingSecret: SIGNING_SECRET,
  sessionSecret: SESSION_SECRET,
  allowedOrigins: [PORTAL_ORIGIN],
  ...UNREACHED_LIMITS,
  ...(process.env.BENCH_LIMITS === 'off' ? { store: admittingStore() } : {}),
  ...JSON.parse(process.env.BFF_OPTIONS ?? '{}'),
});
const server = await serveApp(bff.app, { port: 0, hostname: '127.0.0.1' });
announce(server.port);
