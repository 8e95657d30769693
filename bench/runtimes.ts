/**
 * `npm run bench:runtimes`: the BFF's throughput in each runtime it claims, beside Node's, on
 * this machine in the same run. A short, bounded, closed-loop run per target over loopback, all
 * against the same upstream (the sandbox), interleaved in rounds so a busy moment of the machine
 * hits every target alike; each figure is printed as a ratio to Node's.
 *
 * | target                          | what runs                                                  |
 * | ------------------------------- | ---------------------------------------------------------- |
 * | Node, createNodeBff (baseline)  | `bff/server.ts`: what `npm run bff` and `boca-bff` run     |
 * | Node, createBff (web defaults)  | the same core with `fetch` and Web Crypto, on Node         |
 * | Bun, boca-bff                   | `bff/server.ts` under Bun (Bun's `fetch` upstream)         |
 * | Bun, web handler                | `examples/web-server.ts`, bundled, served by Bun           |
 * | Deno                            | `examples/web-server.ts`, bundled, under `deno serve`      |
 * | workerd                         | `examples/worker.ts`, bundled, in workerd (miniflare)      |
 *
 *   npm run bench:runtimes            about a minute
 *   BENCH_QUICK=1 npm run bench:runtimes
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Miniflare } from 'miniflare';
import { mintEmbedToken, nodeHmacSha256 } from '../bff/index.js';
import { startCommand, type StartedCommand } from '../test/package/support/consumer.js';
import { bundleExample } from '../test/runtimes/support/bundle.js';
import { killChildren, startChild } from './lib/children.js';
import {
  API_KEY,
  EXTERNAL_ID,
  PORTAL_ORIGIN,
  SESSION_SECRET,
  SIGNING_SECRET,
  UNLIMITED_RATE,
} from './lib/fixtures.js';
import { median } from './lib/stats.js';
import type { ClosedJob, LoadResult } from './load/generator.js';

const QUICK = process.env.BENCH_QUICK === '1';
const SETTINGS = { warmupMs: 1_000, rounds: QUICK ? 2 : 4, sliceMs: QUICK ? 500 : 1_500 };
const CONNECTIONS = 32;
const TIME_LIMIT_MS = 150_000;

const root = new URL('..', import.meta.url).pathname;
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

interface Target {
  label: string;
  url: string;
  stop(): Promise<unknown>;
}

const limit = setTimeout(() => {
  console.error(`bench:runtimes: over ${TIME_LIMIT_MS / 1000} s, stopping`);
  void stopAll().then(() => process.exit(1));
}, TIME_LIMIT_MS);
const targets: Target[] = [];
const dir = mkdtempSync(join(tmpdir(), 'boca-bench-runtimes-'));

async function stopAll(): Promise<void> {
  await Promise.allSettled(targets.map((t) => t.stop()));
  killChildren();
  rmSync(dir, { recursive: true, force: true });
}

function fromCommand(label: string, started: StartedCommand): Target {
  return { label, url: started.url, stop: () => started.stop() };
}

try {
  const upstream = await startChild('upstream', 'servers/upstream.ts', {
    env: { SANDBOX_RATE_LIMIT: String(UNLIMITED_RATE) },
  });
  const generator = await startChild('load generator', 'load/generator.ts');
  const env: Record<string, string> = {
    BOCA_API_BASE_URL: upstream.url,
    BOCA_API_KEY: API_KEY,
    BOCA_SIGNING_SECRET: SIGNING_SECRET,
    BOCA_SESSION_SECRET: SESSION_SECRET,
    BOCA_ALLOWED_ORIGINS: PORTAL_ORIGIN,
    // One user at thousands of requests a second: the limits are checked on every request but
    // set where they never refuse one, so that their cost is measured, not their 429s.
    BOCA_USER_RATE_LIMIT: '1000000',
    BOCA_MAX_UPSTREAM_CONCURRENCY: '100000',
  };
  // Every target logs one line per request, as a partner's would; the lines go nowhere here.
  const serverEnv = { ...env, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', NO_COLOR: '1' };
  const webServer = await bundleExample('examples/web-server.ts', dir);
  const worker = await bundleExample('examples/worker.ts', dir);
  const server = join(root, 'bff', 'server.ts');

  const start = (label: string, command: string, args: string[]) =>
    startCommand(command, args, { cwd: root, env: serverEnv }).then((s) => {
      targets.push(fromCommand(label, s));
    });
  await start('Node, createNodeBff (baseline)', process.execPath, ['--import', 'tsx', server]);
  await start('Node, createBff (web defaults)', process.execPath, [
    '--import',
    'tsx',
    join(root, 'bench', 'servers', 'web-defaults.ts'),
  ]);
  await start('Bun, boca-bff', bin('bun'), [server]);
  await start('Bun, web handler', bin('bun'), [webServer]);
  await start('Deno, web handler', bin('deno'), [
    'serve',
    '--allow-net',
    '--allow-env',
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    webServer,
  ]);
  const mf = new Miniflare({
    host: '127.0.0.1',
    port: 0,
    modules: true,
    scriptPath: worker,
    modulesRoot: dir,
    compatibilityDate: '2025-09-01',
    bindings: env,
    // Its request log is read and dropped, as the other targets' are.
    handleRuntimeStdio(stdout: Readable, stderr: Readable) {
      stdout.resume();
      stderr.resume();
    },
  });
  const url = await mf.ready;
  targets.push({ label: 'workerd (miniflare)', url: url.origin, stop: () => mf.dispose() });

  const token = await mintEmbedToken({
    secret: SESSION_SECRET,
    externalId: EXTERNAL_ID,
    ttlSeconds: 3_600,
    hmac: nodeHmacSha256,
  });
  const run = (target: Target, durationMs: number) =>
    generator.run<LoadResult>(
      {
        mode: 'closed',
        url: target.url,
        target: { kind: 'bff', token },
        connections: CONNECTIONS,
        durationMs,
      } satisfies ClosedJob,
      durationMs + 15_000,
    );

  for (const target of targets) await run(target, SETTINGS.warmupMs);
  const rates = targets.map(() => [] as number[]);
  const failures = targets.map(() => 0);
  for (let round = 0; round < SETTINGS.rounds; round++) {
    for (let i = 0; i < targets.length; i++) {
      const index = (i + round) % targets.length;
      const load = await run(targets[index]!, SETTINGS.sliceMs);
      rates[index]!.push(load.ok / (load.elapsedMs / 1000));
      failures[index]! += load.non2xx + load.errors;
    }
  }

  const node = median(rates[0]!);
  console.log(
    `\nThe BFF per runtime: PATCH ${CONNECTIONS} connections, closed loop, median of ${SETTINGS.rounds} × ${SETTINGS.sliceMs} ms`,
  );
  console.log(`${'target'.padEnd(34)} ${'req/s'.padStart(8)} ${'× Node'.padStart(8)}  failed`);
  targets.forEach((target, i) => {
    const rate = median(rates[i]!);
    console.log(
      `${target.label.padEnd(34)} ${rate.toFixed(0).padStart(8)} ${(rate / node).toFixed(2).padStart(8)}  ${failures[i]}`,
    );
  });
  if (failures.some((n) => n > 0)) process.exitCode = 1;
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  clearTimeout(limit);
  await stopAll();
}
