/**
 * `npm run sandbox`: the Partner API sandbox alone, on `http://127.0.0.1:$SANDBOX_PORT`,
 * configured by the environment (`config.ts`: SANDBOX_PORT, SANDBOX_API_KEY,
 * SANDBOX_SIGNING_SECRET, SANDBOX_RATE_LIMIT). Logs one JSON line per request on stdout; stops
 * cleanly on SIGINT and SIGTERM.
 *
 * @example
 *   SANDBOX_PORT=4011 SANDBOX_RATE_LIMIT=60 npm run sandbox
 */
import { ConfigError, readSandboxConfig, type SandboxConfig } from './config.js';
import { serveSandbox, type RunningSandbox } from './node.js';

function fail(message: string): never {
  console.error(`sandbox: ${message}`);
  process.exit(1);
}

let config: SandboxConfig;
try {
  config = readSandboxConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

let running: RunningSandbox;
try {
  running = await serveSandbox(config);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  fail(
    code === 'EADDRINUSE'
      ? `port ${config.port} is already in use; set SANDBOX_PORT to another port`
      : `could not start: ${(error as Error).message}`,
  );
}

const { apiKey, signingSecret, rateLimit } = config;
console.log(`Partner API sandbox listening on ${running.url}`);
console.log(
  `  API key: ${apiKey ? 'from SANDBOX_API_KEY' : 'sandbox-api-key'}; signing secret: ${
    signingSecret ? 'from SANDBOX_SIGNING_SECRET' : 'sandbox-signing-secret'
  }; rate limit: ${rateLimit}/min; seeded user: partner-user-42`,
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`sandbox: ${signal}, stopping`);
    running.close().then(
      () => process.exit(0),
      (error: Error) => fail(`could not stop cleanly: ${error.message}`),
    );
  });
}
