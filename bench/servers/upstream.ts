/**
 * The upstream every target shares: the Partner API sandbox, with a rate limit high enough that
 * it never answers 429 and its request log discarded. A job answers its counters, so the run can
 * check that no Idempotency-Key was ever applied twice.
 *
 * Env: SANDBOX_RATE_LIMIT.
 */
import { serveSandbox } from '../../sandbox/index.js';
import { acceptJobs, announce } from '../lib/ipc.js';
import { API_KEY, SIGNING_SECRET } from '../lib/fixtures.js';

const running = await serveSandbox({
  port: 0,
  hostname: '127.0.0.1',
  apiKey: API_KEY,
  signingSecret: SIGNING_SECRET,
  rateLimit: Number(process.env.SANDBOX_RATE_LIMIT),
  logger: () => {},
});
acceptJobs(async () => running.sandbox.stats());
announce(running.port);
