import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, readSandboxConfig } from '../../sandbox/config.js';

describe('the sandbox configuration', () => {
  it('defaults to port 4010, 600 requests a minute and the public credentials', () => {
    assert.deepEqual(readSandboxConfig({}), {
      port: 4010,
      rateLimit: 600,
      apiKey: undefined,
      signingSecret: undefined,
    });
    assert.deepEqual(readSandboxConfig({ SANDBOX_PORT: '', SANDBOX_API_KEY: '' }).port, 4010);
  });

  it('reads every variable', () => {
    const config = readSandboxConfig({
      SANDBOX_PORT: '0',
      SANDBOX_RATE_LIMIT: ' 60 ',
      SANDBOX_API_KEY: 'k',
      SANDBOX_SIGNING_SECRET: 's',
    });
    assert.deepEqual(config, { port: 0, rateLimit: 60, apiKey: 'k', signingSecret: 's' });
  });

  it('refuses a non-positive or non-numeric SANDBOX_RATE_LIMIT, naming it', () => {
    for (const value of ['0', '-5', 'lots', '1.5', '1e3', '0x10']) {
      assert.throws(
        () => readSandboxConfig({ SANDBOX_RATE_LIMIT: value }),
        (error: unknown) =>
          error instanceof ConfigError &&
          error.message ===
            `SANDBOX_RATE_LIMIT must be a whole number from 1 to ${Number.MAX_SAFE_INTEGER} (got ${JSON.stringify(value)})`,
        value,
      );
    }
  });

  it('refuses a SANDBOX_PORT outside 0 to 65535', () => {
    for (const value of ['65536', '-1', 'http', '80.5']) {
      assert.throws(
        () => readSandboxConfig({ SANDBOX_PORT: value }),
        /SANDBOX_PORT must be a whole number from 0 to 65535/,
      );
    }
  });
});
