/**
 * Our BFF as a partner runs it: `createNodeBff` (undici `Pool`, `node:crypto`, Node's body reader)
 * with the real options and every check on. Its limits are checked on every request but set
 * where the load generator's one user at thousands of requests a second never reaches them:
 * their cost is measured, not their refusals. Its log is its default, one JSON line per request on
 * stdout, which the orchestrator sends to /dev/null.
 *
 * Env: UPSTREAM_URL.
 */
import { createNodeBff, serveApp } from '../../bff/index.js';
import { API_KEY, PORTAL_ORIGIN, SESSION_SECRET, SIGNING_SECRET } from '../lib/fixtures.js';
import { announce } from '../lib/ipc.js';

const bff = createNodeBff({
  apiBaseUrl: process.env.UPSTREAM_URL!,
  apiKey: API_KEY,
  signingSecret: SIGNING_SECRET,
  sessionSecret: SESSION_SECRET,
  allowedOrigins: [PORTAL_ORIGIN],
  userRateLimit: 1_000_000,
  maxUpstreamConcurrency: 100_000,
});
const server = await serveApp(bff.app, { port: 0, hostname: '127.0.0.1' });
announce(server.port);
