/**
 * End to end: the demo portal in a real headless Chromium, through the real BFF, to the real
 * sandbox, all started in-process on ephemeral ports. One browser for the whole suite; each test
 * gets a fresh browser context, and the sandbox and the portal's records are reset between tests.
 */
import { after, before, beforeEach } from 'node:test';
import { controlTests } from './controls.js';
import { startStack, type Stack } from './harness.js';
import { safetyTests } from './safety.js';
import { savingTests } from './saving.js';

// The BFF's deadline is short here so that the timeout scenario ends quickly.
const DEADLINE_MS = 1500;
// Credentials of this run only, so that finding one anywhere the browser looks is a real leak.
const SECRETS = {
  SANDBOX_API_KEY: 'e2e-partner-api-key-3c9f7a',
  SANDBOX_SIGNING_SECRET: 'e2e-signing-secret-b81d4e',
  BOCA_SESSION_SECRET: 'e2e-session-secret-0123456789abcdef-0123456789',
};

let stack: Stack;

before(async () => {
  stack = await startStack({
    env: { ...SECRETS, BOCA_UPSTREAM_TIMEOUT_MS: String(DEADLINE_MS) },
    retryAfterSeconds: 2,
  });
});

after(async () => {
  await stack?.close();
});

beforeEach(() => {
  stack.demo.scenarios!.disarm();
  stack.demo.sandbox!.sandbox.reset();
  stack.demo.records.reset();
});

savingTests(() => stack, DEADLINE_MS);
controlTests(() => stack);
safetyTests(() => stack, Object.values(SECRETS));
