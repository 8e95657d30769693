/**
 * The Node entry loads `ioredis` only for a BFF that uses Redis: a child process imports
 * `bff/index.ts`, builds a BFF, and reports which of the loaded CommonJS modules are ioredis's.
 * A local server on port 0 stands in for Redis; it accepts and never answers, which is all
 * loading and closing need.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs in the child: argv[1] is `memory`, `redis` or `no-ioredis` (its resolution refused). */
const CHILD = `
import { createServer } from 'node:net';
import { createRequire, register } from 'node:module';
const mode = process.argv[1];
if (mode === 'no-ioredis') {
  const hook = 'export async function resolve(specifier, context, next) {' +
    " if (specifier === 'ioredis') throw new Error('not installed here');" +
    ' return next(specifier, context); }';
  register('data:text/javascript,' + encodeURIComponent(hook));
}
const { createNodeBff } = await import('./bff/index.ts');
const silent = createServer(() => {});
await new Promise((resolve) => silent.listen(0, '127.0.0.1', resolve));
const logs = [];
const options = {
  apiBaseUrl: 'http://127.0.0.1:9',
  apiKey: 'api-key',
  signingSecret: 'signing-secret',
  sessionSecret: 'a-session-secret-of-at-least-32-bytes!!',
  allowedOrigins: ['http://127.0.0.1:8787'],
  logger: (entry) => logs.push(entry),
};
const redisUrl = 'redis://127.0.0.1:' + silent.address().port;
const bff = createNodeBff(mode === 'memory' ? options : { ...options, redisUrl });
const ping = await bff.store.ping().then(() => 'ok', (error) => error.message);
await bff.close();
silent.close();
const loaded = Object.keys(createRequire(import.meta.url).cache);
const ioredis = loaded.filter((file) => /[\\\\/]node_modules[\\\\/]ioredis[\\\\/]/.test(file));
console.log(JSON.stringify({ ioredis: ioredis.length, ping, logs }));
`;

async function child(mode: 'memory' | 'redis' | 'no-ioredis') {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '--eval', CHILD, mode],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => proc.kill('SIGKILL'), 30_000);
  const code = await new Promise<number | null>((resolve) => proc.on('close', resolve));
  clearTimeout(timer);
  assert.equal(code, 0, stderr);
  return JSON.parse(stdout) as {
    ioredis: number;
    ping: string;
    logs: { level: string; problem?: string }[];
  };
}

describe('loading ioredis', () => {
  it('does not happen for a BFF on the memory store', async () => {
    const { ioredis, ping } = await child('memory');
    assert.equal(ping, 'ok');
    assert.equal(ioredis, 0);
  });

  it('happens when redisUrl is set (so the check above can see it)', async () => {
    const { ioredis } = await child('redis');
    assert.ok(ioredis > 0);
  });

  it('fails each store call with a clear error, logged once, when ioredis cannot be loaded', async () => {
    const { ping, logs } = await child('no-ioredis');
    assert.equal(
      ping,
      'createRedisStore: the ioredis package cannot be loaded (npm install ioredis)',
    );
    assert.deepEqual(
      logs.map((entry) => [entry.level, entry.problem]),
      [['error', 'the ioredis package cannot be loaded']],
    );
  });
});
