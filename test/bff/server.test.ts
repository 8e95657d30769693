import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cleanEnv, startServer } from './server-process.js';

describe('npm run bff (bff/server.ts)', () => {
  it('refuses to start, naming each missing variable, and exits non-zero', async () => {
    const server = startServer(
      cleanEnv({
        BOCA_API_KEY: 'key-that-must-not-print',
        BOCA_SESSION_SECRET: 'short-secret-not-printed',
      }),
    );
    const code = await server.exited;
    assert.equal(code, 1);
    const lines = server.err().trim().split('\n');
    assert.match(lines[0]!, /cannot start/);
    for (const name of ['BOCA_API_BASE_URL', 'BOCA_SIGNING_SECRET', 'BOCA_ALLOWED_ORIGINS']) {
      assert.ok(
        lines.some((line) => line.trim().startsWith(`${name} is missing`)),
        name,
      );
    }
    assert.ok(
      lines.some((line) => line.trim() === 'BOCA_SESSION_SECRET must be at least 32 bytes'),
    );
    assert.doesNotMatch(
      server.err() + server.out(),
      /key-that-must-not-print|short-secret-not-printed/,
    );
  });

  it('serves on an ephemeral port, prints its URL and stops cleanly on SIGTERM', async () => {
    const server = startServer(
      cleanEnv({
        BOCA_API_BASE_URL: 'http://127.0.0.1:9',
        BOCA_API_KEY: 'k',
        BOCA_SIGNING_SECRET: 's',
        BOCA_SESSION_SECRET: 'x'.repeat(32),
        BOCA_ALLOWED_ORIGINS: 'http://127.0.0.1:8787',
        PORT: '0',
      }),
    );
    try {
      const url = await server.url();
      assert.deepEqual(await (await fetch(`${url}/healthz`)).json(), { status: 'ok' });
      assert.equal((await fetch(`${url}/api/profile`)).status, 401);
      server.child.kill('SIGTERM');
      assert.equal(await server.exited, 0);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  });
});
