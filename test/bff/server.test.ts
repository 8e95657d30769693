import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The environment without any BOCA_* variable, PORT or HOST. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('BOCA_') && key !== 'PORT' && key !== 'HOST') env[key] = value;
  }
  return { ...env, ...extra };
}

function startServer(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bff/server.ts'], { cwd: root, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  exited.finally(() => clearTimeout(killer));
  return { child, exited, out: () => stdout, err: () => stderr };
}

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
      let url: string | undefined;
      for (let i = 0; i < 200 && !url; i++) {
        url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(server.out())?.[1];
        if (!url) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.ok(url, `no URL printed: ${server.out()}${server.err()}`);
      assert.deepEqual(await (await fetch(`${url}/healthz`)).json(), { status: 'ok' });
      assert.equal((await fetch(`${url}/api/profile`)).status, 401);
      server.child.kill('SIGTERM');
      assert.equal(await server.exited, 0);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  });
});
